"""Search as readers use it: a word form finds the item in every language, a body's search
keeps to its own items, what is not public is not found, and no query breaks the page."""

import pytest
from django.core.files.base import ContentFile

from achyk.bodies.tests import factories as body_factories
from achyk.content.tests import factories
from achyk.documents.models import Act, Document, DocumentType
from achyk.search import selectors, services, text
from achyk.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def found(client, url: str, q: str) -> str:
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def seen(client, url: str, q: str) -> str:
    """The page as read, without the marks around matched words."""
    return found(client, url, q).replace("<mark>", "").replace("</mark>", "")


def test_kyrgyz_word_form_finds_a_council_resolution(client, body_a):
    factories.news(
        body_a, "ky", title="Айылдык кеңештин токтому",
        body="<p>Айыл аймактын 2026-жылдагы бюджеттин долбоору боюнча угуулар өттү.</p>",
    )  # fmt: skip
    for q in ["бюджетке", "бюджети", "кеңеш", "токтомдор", "угууда"]:
        assert "Айылдык кеңештин токтому" in seen(client, "/burana/ky/search/", q)
    html = found(client, "/burana/ky/search/", "бюджетке")
    assert "<mark>бюджеттин</mark>" in html


def test_russian_word_form_finds_the_page_both_ways(client, body_a):
    factories.news(body_a, "ru", title="Исполнение бюджета", body="<p>Отчёт совета.</p>")
    assert "<mark>бюджета</mark>" in found(client, "/burana/ru/search/", "бюджет")
    assert "<mark>бюджета</mark>" in found(client, "/burana/ru/search/", "бюджетом")
    assert "<mark>совета</mark>" in found(client, "/burana/ru/search/", "советы")


def test_kazakh_word_form_finds_a_decision(client, platform):
    body = body_factories.body(slug="zhanakorgan", name="Жаңақорған", country="KZ")
    factories.news(body, "kk", title="Әкімнің шешімі", body="<p>Ауыл бюджеті туралы.</p>")
    html = found(client, "/zhanakorgan/kk/search/", "шешімдер")
    assert "<mark>шешімі</mark>" in html
    assert "<mark>бюджеті</mark>" in found(client, "/zhanakorgan/kk/search/", "бюджеттің")


def test_body_search_keeps_to_its_own_items_and_platform_search_shows_both(client, body_a, body_b):
    factories.news(body_a, "ky", title="Бурананын бюджети")
    factories.news(body_b, "ky", title="Көк-Жардын бюджети")
    # An entry of no body (a page of the platform itself) is found platform-wide.
    SearchEntry.objects.create(
        language="ky", kind="page", object_id=10**9, title="Платформанын бюджети",
        terms=text.terms("Платформанын бюджети", "ky"), url="/ky/about/",
    )  # fmt: skip
    own = seen(client, "/burana/ky/search/", "бюджет")
    assert "Бурананын" in own and "Көк-Жардын" not in own
    other = seen(client, "/kok-jar/ky/search/", "бюджет")
    assert "Көк-Жардын" in other and "Бурананын" not in other
    everywhere = seen(client, "/ky/search/", "бюджет")
    assert "Бурананын" in everywhere and "Көк-Жардын" in everywhere
    assert 'href="/kok-jar/ky/' in everywhere and 'href="/burana/ky/' in everywhere
    body_b.is_active = False
    body_b.save()
    everywhere = seen(client, "/ky/search/", "бюджет")
    assert "Платформанын" in everywhere and "Бурананын" in everywhere
    assert "Көк-Жардын" not in everywhere


def test_search_in_one_language_shows_that_language(client, body_a):
    factories.news(body_a, "ky", title="Бюджет ky")
    factories.news(body_a, "ru", title="Бюджет ru")
    html = seen(client, "/burana/ru/search/", "бюджет")
    assert "Бюджет ru" in html and "Бюджет ky" not in html


def test_unpublished_private_and_draft_pages_and_archived_documents_are_not_found(client, body_a):
    gone = factories.news(body_a, "ky", title="Жабылган бюджет")
    gone.unpublish()
    private = factories.news(body_a, "ky", title="Жашыруун бюджет")
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = factories.content.NewsPage(title="Долбоор бюджет", slug="draft")
    factories.section(body_a, "ky", factories.content.NewsIndexPage).add_child(instance=draft)
    factories.document(body_a, title="Архивдеги бюджет", archived=True)
    archived_later = factories.document(body_a, title="Кийин архивделген бюджет")
    archived_later.is_archived = True
    archived_later.save()
    html = seen(client, "/burana/ky/search/", "бюджет")
    for title in ["Жабылган", "Жашыруун", "Долбоор", "Архивдеги", "архивделген"]:
        assert title not in html
    assert not SearchEntry.objects.filter(title__contains="бюджет").exists()


def test_deleted_page_leaves_the_index(body_a):
    page = factories.news(body_a, "ky", title="Өчүрүлгөн бюджет")
    assert SearchEntry.objects.filter(object_id=page.pk).exists()
    page.delete()
    assert not SearchEntry.objects.filter(object_id=page.pk).exists()


def text_document(body, text: str, **fields) -> Document:
    doc = Document(
        collection=body.collection, file=ContentFile(text.encode(), name="toktom.txt"), **fields
    )
    doc.save()
    return doc


def test_document_is_found_by_the_words_of_its_text(client, body_a):
    text_document(
        body_a, "Айылдык кеңештин токтому. Жергиликтүү бюджеттин кирешелери жөнүндө.",
        title="Токтом № 7",
    )  # fmt: skip
    html = found(client, "/burana/ky/search/", "кирешелер")
    assert "<mark>кирешелери</mark>" in html
    assert "Токтом № 7" in seen(client, "/burana/ky/search/", "кирешелер")
    assert 'href="/documents/' in html


def test_legal_act_is_found_by_the_word_forms_of_its_title_and_text(client, body_a):
    act = Act.objects.create(
        body=body_a, type=DocumentType.objects.first(), title="Бюджет жөнүндө токтом", number="12"
    )
    doc = text_document(body_a, "Айыл аймактын бюджетин бекитүү.", title="ky", language="ky")
    doc.act = act
    doc.save(update_fields=["act"])
    assert "Бюджет жөнүндө токтом № 12" in seen(client, "/burana/ky/search/", "токтомго")
    html = found(client, "/burana/ky/search/", "бюджеттин")
    assert "<mark>бюджетин</mark>" in html
    assert f'href="/burana/ky/documents/acts/{act.pk}-' in html
    response = client.get(f"/burana/ky/documents/acts/{act.pk}-{act.slug}/")
    assert response.status_code == 200 and "Бюджет жөнүндө токтом" in response.content.decode()
    assert f'href="/burana/ky/documents/acts/{act.pk}-' in found(client, "/ky/search/", "токтом")


def test_snippet_marks_the_match_and_escapes_the_text(client, body_a):
    factories.news(
        body_a, "ky", title="Маалымат",
        body="<p>&lt;script&gt;alert(1)&lt;/script&gt; Суу түтүгү айылга жетти.</p>",
    )  # fmt: skip
    html = found(client, "/burana/ky/search/", "айылдагы")
    assert "<mark>айылга</mark>" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_hostile_titles_are_escaped_in_results(client, body_a):
    factories.news(body_a, "ky", title=f"Бюджет {body_factories.HOSTILE}")
    html = found(client, "/burana/ky/search/", "бюджет")
    assert '<script>alert("ө")' not in html


HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    "(",
    ")",
    "((бюджет",
    "бюджет)",
    "*",
    "бюджет*",
    "NEAR",
    "NEAR(a b)",
    "a AND OR NOT b",
    "^бюджет",
    "бюджет:*",
    "&|!",
    "\\",
    "%",
    "_",
    "--",
    "/*",
    "'; DROP TABLE x;",
    "ъ" * 300,
    "бюджет " * 50,
    "🙂🙂",
    "\u0301\u0301",
    "a" * 10_000,
    "\x01\x02\x7f",
    "a\u200bb",
    "".join(chr(c) for c in range(0x20, 0x250)),
    "{}[]<>",
    "col:бюджет",
    "-бюджет",
    "+",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_get_an_answer_not_an_error(client, body_a, q):
    factories.news(body_a, "ky", title="Бюджет")
    assert client.get("/burana/ky/search/", {"q": q}).status_code == 200
    assert client.get("/ru/search/", {"q": q}).status_code == 200


def test_raw_query_strings_get_an_answer_not_an_error(client, body_a):
    for query in ["q=%FF%FE", "q=%C3", "q=a&q=b", "page=abc&q=бюджет", "page=99999&q=бюджет",
                  "q=%22%28%2A", "q="]:  # fmt: skip
        assert client.get(f"/burana/ky/search/?{query}").status_code == 200
    assert client.get("/burana/ky/search/?q=%00").status_code == 400


def test_garbage_of_ten_kilobytes_is_shortened_and_said_so(client, body_a):
    html = found(client, "/burana/ky/search/", "бюджет " + "x" * 10_000)
    assert "200" in html and 'role="status"' in html


def test_empty_and_wordless_queries_say_what_to_do(client, body_a):
    assert "notice" in found(client, "/burana/ky/search/", "")
    assert "notice" in found(client, "/burana/ky/search/", "*** ((")
    assert "notice" in found(client, "/burana/ky/search/", "жоккелдиэч")


def test_results_are_paginated_and_keep_the_query(client, body_a):
    for n in range(12):
        factories.news(body_a, "ky", title=f"Бюджет {n}")
    html = found(client, "/burana/ky/search/", "бюджет")
    assert html.count("<li>\n  <h2") == 10
    assert "?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82&amp;page=2" in html
    assert found(client, "/burana/ky/search/?page=2", "бюджет")


def test_search_on_a_body_s_site_is_kept_and_finds_a_new_item_at_once(client, body_a):
    first = client.get("/burana/ky/search/", {"q": "бюджет"})
    assert client.get("/burana/ky/search/", {"q": "бюджет"})["X-Cache"] == "hit"
    factories.news(body_a, "ky", title="Жаңы бюджет")
    second = client.get("/burana/ky/search/", {"q": "бюджет"})
    assert second["X-Cache"] == "miss"
    assert "Жаңы <mark>бюджет</mark>" in second.content.decode()
    assert "Жаңы <mark>бюджет</mark>" not in first.content.decode()


def test_every_page_has_a_search_box_that_works_without_javascript(client, body_a):
    html = client.get("/burana/ky/").content.decode()
    assert 'action="/burana/ky/search/"' in html and 'name="q"' in html
    assert 'action="/ru/search/"' in client.get("/ru/").content.decode()


def test_search_page_queries_are_counted(client, body_a, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for n in range(10):
        factories.news(body_a, "ky", title=f"Бюджет {n}")
    factories.document(body_a, title="Бюджет документ")
    with django_assert_max_num_queries(15):
        assert client.get("/ky/search/", {"q": "бюджет"}).status_code == 200


def test_rebuild_indexes_every_public_item_again(body_a):
    factories.news(body_a, "ky", title="Бюджет")
    factories.document(body_a, title="Бюджет документ")
    SearchEntry.objects.all().delete()
    assert services.rebuild() >= 2
    assert SearchEntry.objects.filter(title="Бюджет").exists()


def test_a_long_act_is_indexed_within_the_limits_of_the_database(body_a):
    words = " ".join(f"сөз{n}" for n in range(60_000))
    doc = factories.document(body_a, title="Узун токтом")
    Document.objects.filter(pk=doc.pk).update(text=f"Бюджет {words}")
    entry = services.index_document(document_id=doc.pk)
    assert len(entry.terms) <= services.MAX_TERMS
    assert {"узун", "токтом", "бюджет"} <= set(entry.terms.split())


def test_people_of_the_leadership_page_are_found_by_name_and_position(client, body_a):
    factories.leadership(body_a, "ky")
    html = seen(client, "/burana/ky/search/", "башчысы Үсөнов")
    assert 'href="/burana/ky/leadership/' in found(client, "/burana/ky/search/", "Үсөнов")
    assert "Асан Үсөнов" in html


def test_deputies_and_commissions_of_the_council_are_found(client, body_a, body_b):
    from achyk.content import models as content

    for body, name in ((body_a, "Бакыт Жумабеков"), (body_b, "Бакыт Көкжаров")):
        page = factories.section(body, "ky", content.CouncilPage)
        page.deputies.add(content.Deputy(name=name, constituency="Ак-Суу округу"))
        page.commissions.add(content.Commission(name="Бюджет боюнча комиссия", members="Айбек"))
        page.save()
        factories.publish(page)
    assert 'href="/burana/ky/council/' in found(client, "/burana/ky/search/", "Жумабеков")
    assert "Бакыт Жумабеков" in seen(client, "/burana/ky/search/", "Ак-Суу")
    assert "Көкжаров" not in seen(client, "/burana/ky/search/", "Бакыт")
    assert 'href="/burana/ky/council/' in found(client, "/burana/ky/search/", "Айбек")


def test_words_typed_without_kyrgyz_and_kazakh_letters_find_them(client, body_a):
    factories.news(body_a, "ky", title="Айылдык кеңештин токтому",
                   body="<p>Айыл өкмөтүнүн үйү жана көлдүн жээги.</p>")  # fmt: skip
    for q in ["кенеш", "кенештин", "окмот", "окмотуно", "кеңешке"]:
        assert "Айылдык кеңештин токтому" in seen(client, "/burana/ky/search/", q)
    assert "<mark>кеңештин</mark>" in found(client, "/burana/ky/search/", "кенеш")
    factories.news(body_a, "ky", title="Колдун күчү")  # кол (hand), not көл (lake)
    assert "Колдун күчү" not in seen(client, "/burana/ky/search/", "көл")
    kazakh = body_factories.body(slug="zhanakorgan", name="Жаңақорған", country="KZ")
    factories.news(kazakh, "kk", title="Әкімнің шешімі", body="<p>Қаланың бюджеті.</p>")
    for q in ["акимнин", "шешими", "каланын", "кала"]:
        assert "Әкімнің шешімі" in seen(client, "/zhanakorgan/kk/search/", q)


def test_act_with_no_file_is_found_by_its_metadata_in_each_language_of_its_body(client, body_a):
    act = Act.objects.create(
        body=body_a, type=DocumentType.objects.get(code="council-resolution"),
        title="Жайыттарды пайдалануу тартиби жөнүндө", number="45-б", signatory="Үсөнов А.",
    )  # fmt: skip
    act.tags.set(["жайыт"])
    for language, type_word in [("ky", "токтомдору"), ("ru", "постановления")]:
        html = seen(client, f"/burana/{language}/search/", "жайыттын")
        assert "Жайыттарды пайдалануу тартиби жөнүндө № 45-б" in html
        assert f'href="/burana/{language}/documents/acts/{act.pk}-' in html
        assert f"acts/{act.pk}-" in seen(client, f"/burana/{language}/search/", type_word)
        assert f"acts/{act.pk}-" in seen(client, f"/burana/{language}/search/", "45")
        assert f"acts/{act.pk}-" in seen(client, f"/burana/{language}/search/", "Үсөнов")
    assert f"acts/{act.pk}-" in seen(client, "/ky/search/", "жайыт")  # the platform too
    entries = SearchEntry.objects.filter(kind="act_record", object_id=act.pk)
    assert sorted(entries.values_list("language", flat=True)) == ["ky", "ru"]


def test_act_record_gives_way_to_its_file_and_leaves_with_the_act(client, body_a):
    act = Act.objects.create(
        body=body_a, type=DocumentType.objects.first(), title="Жайыт жөнүндө", number="46"
    )
    doc = text_document(body_a, "Жайыт комитетинин отчету.", title="ky", language="ky")
    doc.act = act
    doc.save()
    records = SearchEntry.objects.filter(kind="act_record", object_id=act.pk)
    assert list(records.values_list("language", flat=True)) == ["ru"]
    assert "<mark>отчету</mark>" in found(client, "/burana/ky/search/", "отчет")
    assert "Жайыт жөнүндө № 46" in seen(client, "/burana/ru/search/", "жайыт")

    doc.is_archived = True
    doc.save()
    assert sorted(records.values_list("language", flat=True)) == ["ky", "ru"]
    assert "отчету" not in seen(client, "/burana/ky/search/", "отчет")

    act.delete()
    assert not SearchEntry.objects.filter(kind__in=["act", "act_record"]).exists()
    assert "Жайыт жөнүндө" not in seen(client, "/burana/ky/search/", "жайыт")


def test_act_record_of_another_body_is_not_found_on_a_body_site(client, body_a, body_b):
    Act.objects.create(body=body_b, type=DocumentType.objects.first(), title="Көк-Жар жайыты")
    assert "Көк-Жар жайыты" not in seen(client, "/burana/ky/search/", "жайыт")
    assert "Көк-Жар жайыты" in seen(client, "/kok-jar/ky/search/", "жайыт")


def test_rebuild_indexes_acts_without_files(body_a):
    act = Act.objects.create(body=body_a, type=DocumentType.objects.first(), title="Жайыт")
    SearchEntry.objects.all().delete()
    services.rebuild()
    assert SearchEntry.objects.filter(kind="act_record", object_id=act.pk).count() == 2


def test_counting_stops_past_the_cap_and_says_there_are_more(client, body_a, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_COUNTED", 3)
    for n in range(5):
        factories.news(body_a, "ky", title=f"Бюджет {n}")
    response = client.get("/burana/ky/search/", {"q": "бюджет"})
    assert response.context["more"] is True and response.context["count"] == 3
    assert response.content.decode().count("<li>\n  <h2") == 3
    assert response.context["items"].paginator.found == 4  # counting stopped at cap + 1
    exact = client.get("/burana/ky/search/", {"q": "бюджет 4"})
    assert exact.context["more"] is False and exact.context["count"] == 1
