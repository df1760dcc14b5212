"""The public registry of acts: filters give the right acts at a stable address, feeds and
exports follow the same filters, and one body's acts never appear in another body's registry."""

import csv
import datetime
import io
import json

import pytest

from achyk.documents.models import ActStatus
from achyk.ui.tests import samples

from . import factories as f

D = datetime.date
KEYS = ("id", "body", "type", "number", "adopted_on", "adopted_by", "signatory", "status",
        "languages", "title", "url", "files")  # fmt: skip


@pytest.fixture
def acts(registry_acts):
    """Four acts of Burana in two years and one of Kok-Jar, with language versions (a layer:
    `documents/tests/layers.py`)."""
    return registry_acts


def titles(html: str, acts: dict) -> set[str]:
    return {key for key, act in acts.items() if f'id="act-{act.pk}"' in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"budget", "resolution", "repealed", "order"}),
        ("type=council-resolution", {"resolution", "repealed"}),
        ("year=2026", {"budget", "resolution", "order"}),
        ("status=repealed", {"repealed"}),
        ("status=in-force&year=2026", {"budget", "resolution", "order"}),
        ("adopted_by=head", {"order"}),
        ("language=ru", {"budget"}),
        ("language=ky&type=budget", {"budget"}),
    ],
)
def test_registry_filters_give_the_right_acts_of_this_body_only(client, acts, query, expected):
    response = client.get(f"/burana/ky/documents/?{query}")
    assert response.status_code == 200
    assert titles(response.content.decode(), acts) == expected


def test_registry_is_sorted_by_date_both_ways(client, acts):
    newest = client.get("/burana/ky/documents/").content.decode()
    oldest = client.get("/burana/ky/documents/?sort=date").content.decode()
    order = [acts[k].pk for k in ("budget", "resolution", "order", "repealed")]
    positions = [newest.index(f'id="act-{pk}"') for pk in order]
    assert positions == sorted(positions)
    positions = [oldest.index(f'id="act-{pk}"') for pk in order]
    assert positions == sorted(positions, reverse=True)


def test_filtered_list_links_feeds_exports_and_pages_with_the_same_filters(client, body_a, acts):
    for n in range(25):
        f.act(body_a, title=f"Токтом {n}", number=f"n{n}", adopted_on=D(2026, 4, 1))
    html = client.get("/burana/ky/documents/?year=2026&type=council-resolution").content.decode()
    query = "type=council-resolution&amp;year=2026"
    for suffix in ("rss/", "atom/", "export.csv", "export.json"):
        assert f'href="/burana/ky/registry/{suffix}?{query}"' in html
    assert f'href="/burana/ky/documents/?{query}&amp;page=2"' in html
    page_two = client.get("/burana/ky/documents/?type=council-resolution&year=2026&page=2")
    assert page_two.status_code == 200 and 'aria-current="page">2<' in page_two.content.decode()


@pytest.mark.parametrize(
    "query",
    ["type=no-such-type", "year=twenty", "year=99999", "status=%ff", "adopted_by=<script>",
     "language=xx", "sort=random", "page=-1", "page=abc", "body=kok-jar", "year=2026&year=x"],
)  # fmt: skip
def test_bad_filter_values_give_a_message_not_an_error(client, acts, query):
    response = client.get(f"/burana/ky/documents/?{query}")
    assert response.status_code == 200
    for suffix in ("rss/", "atom/", "export.csv", "export.json"):
        assert client.get(f"/burana/ky/registry/{suffix}?{query}").status_code < 500
    assert "<script>" not in response.content.decode().split("<main", 1)[-1]


def test_unknown_type_is_explained_to_the_reader(client, acts):
    response = client.get("/burana/ru/documents/?type=no-such-type&year=2025")
    html = response.content.decode()
    alert = html.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "no-such-type" in alert
    assert titles(html, acts) == {"repealed"}  # the year still applies
    feed = client.get("/burana/ru/registry/rss/?type=no-such-type")
    assert feed.status_code == 400 and "no-such-type" in feed.content.decode()


def test_feeds_follow_the_filters_and_the_body(client, acts):
    rss = client.get("/burana/ru/registry/rss/?year=2026&adopted_by=council").content.decode()
    atom = client.get("/burana/ru/registry/atom/?type=budget").content.decode()
    assert "Бюджет 2026 «ң»" in rss and "Жер жөнүндө токтом" in rss
    assert "Башчынын буйругу" not in rss and "Эски токтом" not in rss
    assert "Көк-Жардын токтому" not in rss
    assert "<feed" in atom and "Бюджет 2026 «ң»" in atom and "Жер жөнүндө токтом" not in atom


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_bom_header_and_the_filtered_acts(client, acts):
    response = client.get("/burana/ky/registry/export.csv?year=2026&type=council-resolution")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = streamed(response)
    assert text.startswith("\ufeffid,body,type,number,adopted_on,adopted_by,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Жер жөнүндө токтом"]
    assert rows[0]["adopted_on"] == "2026-02-10" and rows[0]["languages"] == "ky"


def test_json_export_has_stable_keys_and_files(client, acts):
    response = client.get("/burana/ky/registry/export.json?type=budget")
    records = json.loads(streamed(response))
    assert len(records) == 1
    record = records[0]
    assert list(record) == list(KEYS)
    assert record["body"] == "burana" and record["languages"] == ["ky", "ru"]
    assert record["signatory"] == "Асанов А." and record["status"] == "in_force"
    assert [file["language"] for file in record["files"]] == ["ky", "ru"]
    assert record["files"][0]["format"] == "pdf" and record["files"][0]["size"] > 0
    assert record["files"][0]["url"].startswith("http://testserver/")


def test_another_body_s_acts_never_appear_in_a_body_s_registry(client, acts):
    pages = [
        client.get(url)
        for url in ("/burana/ky/documents/", "/burana/ky/registry/rss/",
                    "/burana/ky/registry/atom/", "/burana/ru/documents/?number=12")
    ]  # fmt: skip
    texts = [r.content.decode() for r in pages]
    texts += [streamed(client.get(f"/burana/ky/registry/export.{ext}")) for ext in ("csv", "json")]
    for text in texts:
        assert "Көк-Жардын токтому" not in text and "kok-jar.pdf" not in text
    # a body filter on a body's site is not a way into another body
    assert "Көк-Жардын токтому" not in streamed(
        client.get("/burana/ky/registry/export.json?body=kok-jar")
    )


def test_platform_registry_lists_every_body_with_body_and_territory_filters(client, acts, body_b):
    html = client.get("/ky/registry/").content.decode()
    assert titles(html, acts) == set(acts)
    only_b = client.get("/ky/registry/?body=kok-jar").content.decode()
    assert titles(only_b, acts) == {"other_body"}
    by_territory = client.get(f"/ky/registry/?territory={body_b.territory.code}").content
    assert titles(by_territory.decode(), acts) == {"other_body"}
    data = json.loads(streamed(client.get("/ky/registry/export.json?year=2025")))
    assert [record["title"] for record in data] == ["Эски токтом"]
    body_b.is_active = False  # a body taken off the platform leaves its registry
    body_b.save()
    html = client.get("/ky/registry/").content.decode()
    assert titles(html, acts) == set(acts) - {"other_body"}


def test_registry_address_on_a_body_leads_to_its_documents_page(client, acts):
    response = client.get("/burana/ky/registry/?year=2026")
    assert response.status_code == 302
    assert response["Location"] == "/burana/ky/documents/?year=2026"


def test_registry_page_reads_a_fixed_number_of_queries(
    client, body_a, acts, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for n in range(30):
        act = f.act(body_a, title=f"Токтом {n}", number=f"q{n}", adopted_on=D(2026, 5, 1))
        f.version(act, "ky", f"q{n}.pdf", samples.pdf())
    client.get("/burana/ky/documents/")  # warm the site and locale caches
    with django_assert_max_num_queries(26):
        response = client.get("/burana/ky/documents/?year=2026&page=2", HTTP_CACHE_CONTROL="")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        streamed(client.get("/burana/ky/registry/export.json"))
    with django_assert_max_num_queries(14):
        assert client.get("/ky/registry/?year=2026").status_code == 200


def test_platform_registry_reads_as_many_queries_for_acts_of_many_bodies_as_of_one(
    client, body_a, body_b, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from achyk.bodies.tests import factories as bodies

    def queries_of_platform_page() -> tuple[int, str]:
        client.get("/ky/registry/?year=2026")  # warm the site and locale caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/ky/registry/?year=2026")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    f.act(body_a, title="Бурананын токтому", number="1", adopted_on=D(2026, 4, 1))
    one_body, _html = queries_of_platform_page()
    others = [body_b, bodies.body(slug="grozd", name="Грозд"), bodies.body(slug="ak-tal")]
    for number, body in enumerate(others, start=2):
        f.act(body, title=f"Токтом {body.slug}", number=str(number), adopted_on=D(2026, 4, 1))
    many_bodies, html = queries_of_platform_page()
    assert many_bodies == one_body
    for body in [body_a, *others]:
        assert f"/{body.slug}/ky/documents/acts/" in html


def test_a_new_act_appears_on_the_cached_registry_page_and_its_feed(client, settings, body_a):
    settings.CACHE_PAGE_SECONDS = 300
    f.act(body_a, title="Биринчи токтом", number="1", adopted_on=D(2026, 1, 5))
    first = client.get("/burana/ky/documents/")
    assert client.get("/burana/ky/documents/")["X-Cache"] == "hit"
    assert "Биринчи токтом" in first.content.decode()
    second = f.act(body_a, title="Экинчи токтом", number="2", adopted_on=D(2026, 1, 6))
    html = client.get("/burana/ky/documents/").content.decode()
    assert "Экинчи токтом" in html
    assert "Экинчи токтом" in client.get("/burana/ky/registry/rss/").content.decode()
    second.status = ActStatus.REPEALED
    second.save()
    repealed = client.get("/burana/ky/documents/?status=repealed").content.decode()
    assert "Экинчи токтом" in repealed
    assert (
        "Экинчи токтом" not in client.get("/burana/ky/documents/?status=in_force").content.decode()
    )


def test_an_archived_file_leaves_the_cached_registry_page(client, settings, body_a):
    settings.CACHE_PAGE_SECONDS = 300
    act = f.act(body_a, title="Токтом", number="1", adopted_on=D(2026, 1, 5))
    document = f.version(act, "ru", "old-version.pdf", samples.pdf())
    assert "old-version" in client.get("/burana/ky/documents/").content.decode()
    assert client.get("/burana/ky/documents/")["X-Cache"] == "hit"
    document.is_archived = True
    document.save()
    response = client.get("/burana/ky/documents/")
    assert response["X-Cache"] == "miss" and "old-version" not in response.content.decode()


def test_csv_export_never_hands_a_formula_to_a_spreadsheet(client, body_a):
    f.act(body_a, title='=HYPERLINK("http://evil.example")', number="1", adopted_on=D(2026, 1, 1))
    text = streamed(client.get("/burana/ky/registry/export.csv"))
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["title"] == '\'=HYPERLINK("http://evil.example")'


def test_the_language_filter_follows_files_archived_restored_moved_and_deleted(client, acts):
    """The registry filters by the languages an act keeps of its public files: each change of
    a file shows at once in the list."""
    from django.db import connection
    from django.utils.module_loading import import_string

    def listed(language):
        return titles(client.get(f"/burana/ky/documents/?language={language}").content.decode(),
                      acts)  # fmt: skip

    budget_ru = acts["budget"].files.get(language="ru")
    assert listed("ru") == {"budget"} and listed("ky") == {"budget", "resolution"}
    budget_ru.is_archived = True
    budget_ru.save(update_fields=["is_archived", "updated_at"])
    assert listed("ru") == set()
    budget_ru.is_archived = False
    budget_ru.save(update_fields=["is_archived", "updated_at"])
    assert listed("ru") == {"budget"}

    moved = acts["budget"].files.get(language="ky")  # put on the wrong act, then mended
    moved.act = acts["order"]
    moved.save()
    assert listed("ky") == {"order", "resolution"}
    acts["order"].refresh_from_db()
    assert acts["order"].languages == "ky"

    moved.delete()
    assert listed("ky") == {"resolution"} and listed("ru") == {"budget"}

    # What the migration fills in for the acts there were before the column.
    acts["budget"].__class__.objects.update(languages="")
    import_string("achyk.documents.migrations.0008_act_languages.fill_languages")(connection)
    assert listed("ky") == {"resolution"} and listed("ru") == {"budget"}
    acts["budget"].refresh_from_db()
    assert acts["budget"].languages == "ru"
