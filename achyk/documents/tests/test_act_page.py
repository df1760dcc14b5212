"""The public page of a legal act: its metadata, text, downloads, links both ways and history,
at an address that survives a title change, and only on its own body's site."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from achyk.content.models import DocumentIndexPage
from achyk.content.tests.factories import section
from achyk.documents.models import ActStatus, Document
from achyk.documents.services import link_acts, update_act
from achyk.documents.tests import factories, files


def section_path(body, language="ky") -> str:
    return urlsplit(section(body, language, DocumentIndexPage).get_url()).path


def act_url(body, act, language="ky") -> str:
    return section_path(body, language) + f"acts/{act.pk}-{act.slug}/"


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def budget_act(body_a, editor_a):
    act = factories.act(
        body_a, by=editor_a, type_code="budget", title="2027-жылдын бюджети <b>",
        number="12-3", adopted_on=timezone.localdate(), signatory="Ж. Өмүров",
    )  # fmt: skip
    lines = ["Бюджет кабыл алынды: ң ө ү", "<script>alert(1)</script>"]
    factories.version(act, "ky", "бюджет.pdf", files.text_pdf([lines]), by=editor_a)
    factories.version(act, "ru", "бюджет-ru.docx", files.docx(["Бюджет принят"]), by=editor_a)
    return act


def test_act_page_shows_metadata_text_and_downloads_in_both_languages(client, budget_act):
    response = client.get(act_url(budget_act.body, budget_act))
    assert response.status_code == 200
    html = main_of(response)
    assert "2027-жылдын бюджети &lt;b&gt;" in html
    assert "12-3" in html and "Ж. Өмүров" in html
    assert "Бюджет" in html  # the type's name
    assert "Бюджет кабыл алынды: ң ө ү" in html  # the ky text, on the ky page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert html.count(' download hreflang="') == 2
    assert "PDF" in html and "DOCX" in html


def test_russian_page_reads_the_russian_version(client, budget_act):
    html = main_of(client.get(act_url(budget_act.body, budget_act, "ru")))
    assert "Бюджет принят" in html
    assert "Бюджет кабыл алынды" not in html


def test_permanent_address_survives_a_title_change(client, budget_act, editor_a):
    old = act_url(budget_act.body, budget_act)
    update_act(act=budget_act, changes={"title": "Жаңы аталыш"}, by=editor_a)
    budget_act.refresh_from_db()
    new = act_url(budget_act.body, budget_act)
    assert new != old
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == iri_to_uri(new)
    short = section_path(budget_act.body) + f"acts/{budget_act.pk}/"
    assert client.get(short)["Location"] == iri_to_uri(new)
    assert "Жаңы аталыш" in main_of(client.get(new))


def test_relations_are_shown_both_ways_and_the_status_follows(client, body_a, editor_a):
    old = factories.act(body_a, title="Эски токтом", number="1")
    new = factories.act(body_a, title="Жаңы токтом", number="2")
    link_acts(from_act=new, to_act=old, kind="amends", by=editor_a)
    old.refresh_from_db()
    assert old.status == ActStatus.AMENDED
    new_html = main_of(client.get(act_url(body_a, new)))
    old_html = main_of(client.get(act_url(body_a, old)))
    assert "Эски токтом № 1" in new_html and act_url(body_a, old) in new_html
    assert "Жаңы токтом № 2" in old_html and act_url(body_a, new) in old_html


def test_repealed_act_says_so(client, body_a):
    old = factories.act(body_a, title="Эски")
    repealing = factories.act(body_a, title="Жокко чыгаруучу")
    link_acts(from_act=repealing, to_act=old, kind="repeals")
    old.refresh_from_db()
    assert old.status == ActStatus.REPEALED
    assert "act-status-repealed" in main_of(client.get(act_url(body_a, old)))


def test_history_lists_who_changed_what(client, budget_act, editor_a):
    update_act(act=budget_act, changes={"status": ActStatus.EXPIRED}, by=editor_a)
    history = list(budget_act.changes.all())
    assert [change.action for change in history] == ["changed", "file", "file", "created"]
    assert {change.user for change in history} == {editor_a}
    html = main_of(client.get(act_url(budget_act.body, budget_act, "ru")))
    assert "Айгүл Өмүрова" in html
    assert html.count("<li><time") == 4
    assert "Изменено: статус" in html and "Добавлен в реестр" in html  # in the reader's language
    ky = main_of(client.get(act_url(budget_act.body, budget_act, "ky")))
    assert "Өзгөртүлдү: абалы" in ky


def test_scanned_act_says_it_has_no_text_layer(client, body_a):
    act = factories.act(body_a)
    factories.version(act, "ky", "скан.pdf", files.scanned_pdf())
    html = main_of(client.get(act_url(body_a, act)))
    assert "text layer" in html or "текст" in html


def test_another_bodys_act_is_404_on_this_bodys_site(client, budget_act, body_b):
    url = section_path(body_b) + f"acts/{budget_act.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(url.rstrip("/") + f"-{budget_act.slug}/").status_code == 404


def test_a_changed_act_is_not_served_stale_from_the_page_cache(client, budget_act):
    url = act_url(budget_act.body, budget_act)
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    update_act(act=budget_act, changes={"signatory": "Б. Асанов"}, by=None)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Б. Асанов" in main_of(response)


def test_archived_file_is_not_offered(client, budget_act):
    Document.objects.filter(act=budget_act, language="ru").update(is_archived=True)
    budget_act.save()
    html = main_of(client.get(act_url(budget_act.body, budget_act)))
    assert html.count(' download hreflang="') == 1


def test_act_page_queries_are_bounded(client, budget_act, body_a, django_assert_max_num_queries):
    for n in range(3):
        other = factories.act(body_a, title=f"Өзгөртүү {n}")
        link_acts(from_act=other, to_act=budget_act, kind="amends")
    url = act_url(body_a, budget_act)
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_act_knows_its_address_in_each_language(budget_act):
    body = budget_act.body

    def path(language):
        return urlsplit(budget_act.get_absolute_url(language)).path

    assert path("ky") == act_url(body, budget_act, "ky")
    assert path("ru") == act_url(body, budget_act, "ru")
    assert path("en") == act_url(body, budget_act, body.default_language)


def test_each_language_reads_the_acts_title_in_its_language(client, budget_act, settings):
    settings.CACHE_PAGE_SECONDS = 0
    update_act(act=budget_act, changes={"title_ru": "Бюджет на 2027 год <b>"})

    russian = main_of(client.get(act_url(budget_act.body, budget_act, "ru")))
    kyrgyz = main_of(client.get(act_url(budget_act.body, budget_act, "ky")))
    registry = main_of(client.get(section_path(budget_act.body, "ru")))

    assert "<h1>Бюджет на 2027 год &lt;b&gt;</h1>" in russian
    assert "2027-жылдын бюджети" not in russian
    assert "<h1>2027-жылдын бюджети &lt;b&gt;</h1>" in kyrgyz
    assert "Бюджет на 2027 год &lt;b&gt;" in registry and "2027-жылдын бюджети" not in registry


def test_an_act_without_a_russian_title_shows_its_own_on_the_russian_page(client, budget_act):
    russian = main_of(client.get(act_url(budget_act.body, budget_act, "ru")))
    assert "<h1>2027-жылдын бюджети &lt;b&gt;</h1>" in russian


def test_links_to_acts_read_the_root_paths_of_their_body_s_site_alone(
    client, budget_act, settings, monkeypatch
):
    """An act's address is its body's documents section's: read against that site's root
    paths, never every site's (which grow with the platform, two a body)."""
    from wagtail.models import Site

    from achyk.documents.models import prime_section_urls

    settings.CACHE_PAGE_SECONDS = 0
    url, russian_section = act_url(budget_act.body, budget_act), section_path(budget_act.body, "ru")
    every_site = []
    read_every_site = Site.get_site_root_paths
    monkeypatch.setattr(
        Site, "get_site_root_paths", staticmethod(lambda: every_site.append(1) or read_every_site())
    )
    response = client.get(url)
    assert response.status_code == 200
    act = type(budget_act).objects.select_related("body__site").get(pk=budget_act.pk)
    assert act.get_absolute_url() == url
    prime_section_urls([act.body], "ru")
    assert act.body._documents_section_urls["ru"] == russian_section
    assert every_site == []
