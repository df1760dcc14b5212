"""The platform-wide rating: filters, sorting by each indicator, trends from the monthly
snapshots, the hearing list, statistics by duty, and the supervisors' exports."""

import csv
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from achyk.bodies.models import Body
from achyk.bodies.tests import factories as body_factories
from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency.models import BodySummary

from . import scored


@pytest.fixture
def world(provider, body_a, body_b):
    """Burana (index from publish()), Kok-Jar (nothing: 0) and a town in another rayon."""
    with time_machine.travel(scored.NOW, tick=False):
        town = body_factories.body(slug="kara-balta", name="Кара-Балта")
        Body.objects.filter(pk=town.pk).update(kind=Body.Kind.TOWN)
        scored.scored(provider, body_a, body_b)
        for language in ("ky", "ru"):
            provider.add(town, key="test:page", language=language, title="Town news")
            provider.add(town, key="test:act", language=language, title="Town act")
        from achyk.transparency import services

        services.recompute(at=scored.NOW)
        scored.history(body_a, [("40", "50", "30"), ("45", "55", "36"), ("50", "60", "40"),
                                ("55", "60", "40"), ("10", "10", "10")])  # fmt: skip
        yield {"a": body_a, "b": body_b, "town": Body.objects.get(pk=town.pk)}


def order_of(page: str) -> list[str]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r'<th scope="row"><a href="/([a-z0-9-]+)/', body)


def supervisor():
    user = get_user_model().objects.create_user("inspector", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Supervisors"))
    return user


def test_rating_lists_bodies_best_first_and_sorts_by_any_indicator(client, world):
    index = {s.body.slug: s.index for s in BodySummary.objects.select_related("body")}
    assert index["kara-balta"] > index["burana"] > index["kok-jar"]
    with time_machine.travel(scored.NOW, tick=False):
        page = client.get("/ky/transparency/rating/").content.decode()
        assert order_of(page) == ["kara-balta", "burana", "kok-jar"]
        ascending = client.get("/ky/transparency/rating/?sort=index").content.decode()
        assert order_of(ascending) == ["kok-jar", "burana", "kara-balta"]
        by_name = client.get("/ru/transparency/rating/?sort=name").content.decode()
        assert order_of(by_name) == ["burana", "kara-balta", "kok-jar"]
        by_change = client.get("/ru/transparency/rating/?sort=-change").content.decode()
    assert order_of(by_change)[0] == "burana"  # the only one with last month's snapshot
    assert 'aria-sort="descending"' in page and "?sort=index" in page  # the next click flips


def test_filters_by_kind_territory_and_language(client, world):
    with time_machine.travel(scored.NOW, tick=False):
        towns = client.get("/ky/transparency/rating/?kind=town").content.decode()
        assert order_of(towns) == ["kara-balta"]
        rayon = world["a"].territory.parent
        inside = client.get(f"/ky/transparency/rating/?territory={rayon.pk}").content.decode()
        assert sorted(order_of(inside)) == ["burana", "kara-balta", "kok-jar"]
        village = client.get("/ky/transparency/rating/?language=ru&sort=-language").content.decode()
        assert "Русский" in village and len(order_of(village)) == 3
        kazakh = client.get("/ky/transparency/rating/?language=kk").content.decode()
    assert order_of(kazakh) == [] if "<tbody>" in kazakh else True
    assert "<tbody>" not in kazakh


def test_trend_shows_the_change_since_last_month_and_a_chart_of_the_mean(client, world):
    with time_machine.travel(scored.NOW, tick=False):
        page = client.get("/ru/transparency/rating/").content.decode()
    burana = re.search(r'href="/burana/ru/transparency/".*?</tr>', page, re.S).group(0)
    summary = BodySummary.objects.get(body=world["a"])
    change = (summary.index - Decimal("10")).quantize(Decimal("0.1"))  # May's snapshot: 10
    assert f"▲ +{change}".replace(".", ",") in burana
    assert "Mean transparency index by month" in page or "chart-svg" in page
    assert re.findall(r"<tr><th scope=\"row\">(2026-0\d)</th>", page) == [
        "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
    ]  # fmt: skip


def test_rating_reads_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    with time_machine.travel(scored.NOW, tick=False):
        with django_assert_max_num_queries(14):
            assert client.get("/ky/transparency/rating/").status_code == 200
        for n in range(10):
            body_factories.body(slug=f"extra-{n}")
        from achyk.transparency import services

        services.recompute(at=scored.NOW)
        with django_assert_max_num_queries(14):
            page = client.get("/ky/transparency/rating/").content.decode()
    assert len(order_of(page)) == 13


def test_duty_statistics_put_the_most_often_missing_duty_first(client, world):
    page = client.get("/ru/transparency/rating/duties/").content.decode()
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th>',
        page[page.index('<caption id="duty-statistics-caption">Статусы по обязанностям') :],
    )
    assert "Обязанность" in rows[0]  # contacts: missing everywhere (nobody published it)
    assert 'role="img"' in page and "100,0\u00a0%" in page


def test_hearing_list_and_exports_are_for_supervisors(client, world, editor_a):
    assert client.get("/ky/transparency/rating/hearing/")["Location"].startswith("/ky/login/")
    client.force_login(editor_a)
    assert client.get("/ky/transparency/rating/hearing/").status_code == 403
    assert client.get("/ky/transparency/rating/export.csv").status_code == 403
    public = client.get("/ky/transparency/rating/").content.decode()
    assert "export.csv" not in public


def test_hearing_list_has_the_bodies_under_the_threshold(client, world):
    client.force_login(supervisor())
    with time_machine.travel(scored.NOW, tick=False):
        page = client.get("/ky/transparency/rating/hearing/?threshold=99,5").content.decode()
        assert order_of(page) == ["kok-jar", "burana"] or order_of(page)[0] == "kok-jar"
        low = client.get("/ky/transparency/rating/hearing/?threshold=0.5").content.decode()
        assert order_of(low) == ["kok-jar"]
        bad = client.get("/ky/transparency/rating/hearing/?threshold=много")
    assert bad.status_code == 400 and 'role="alert"' in bad.content.decode()


def test_csv_and_xlsx_exports_hold_the_same_rows(client, world):
    from openpyxl import load_workbook

    client.force_login(supervisor())
    with time_machine.travel(scored.NOW, tick=False):
        response = client.get("/ru/transparency/rating/export.csv?kind=ayil_okmotu")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        book = client.get("/ru/transparency/rating/export.xlsx?kind=ayil_okmotu")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Place", "Body", "Address name"] or len(rows[0]) == len(rows[1])
    assert [row[2] for row in rows[1:]] == ["burana", "kok-jar"]
    sheet = load_workbook(io.BytesIO(book.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [row[2] for row in cells[1:]] == ["burana", "kok-jar"]
    index = BodySummary.objects.get(body=world["a"]).index
    assert Decimal(rows[1][6]) == index and Decimal(str(cells[1][6])) == index
    assert response["Content-Disposition"].startswith('attachment; filename="transparency-rating-')


def test_export_never_lets_a_name_run_as_a_formula(client, world):
    Body.objects.filter(pk=world["b"].pk).update(name_ru='=HYPERLINK("http://evil")')
    client.force_login(supervisor())
    text = b"".join(client.get("/ru/transparency/rating/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in text
