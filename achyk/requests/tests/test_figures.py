"""Answer times in the monitor: the body's transparency page shows the share of its requests
answered on time and the median answer time in working days (through the evidence seam's
`figures`), counted from the body's own requests only."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.bodies.tests import factories as body_factories
from achyk.requests import selectors, services
from achyk.requests.models import Status
from achyk.ui.charts import format_number

from . import factories


def answered(body, *, days_ago: int, by=None):
    received = timezone.localdate() - datetime.timedelta(days=days_ago)
    request = factories.registered(body, by=by, received_on=received)
    return services.answer(request=request, status=Status.ANSWERED, text="Жооп «ң»", by=by)


@pytest.fixture
def answers(body_a, body_b, editor_a, editor_b):
    return {
        "a": [answered(body_a, days_ago=1, by=editor_a), answered(body_a, days_ago=2, by=editor_a),
              answered(body_a, days_ago=40, by=editor_a)],
        "b": [answered(body_b, days_ago=40, by=editor_b)],
        "open": factories.registered(body_a, by=editor_a),
    }  # fmt: skip


def measures(page: str) -> str:
    return page.split('id="measures"', 1)[1].split("</dl>", 1)[0]


def test_the_body_s_transparency_page_shows_its_answer_times(
    client, body_a, answers, django_assert_max_num_queries
):
    # the page's own 15, and the calendar of working days the median is counted with
    with django_assert_max_num_queries(17):
        page = client.get(f"/{body_a.slug}/ru/transparency/").content.decode()
    shown = measures(page)
    with translation.override("ru"):
        assert translation.gettext("Requests for information answered on time") in shown
    assert "67\u00a0%" in shown  # two of three answered by their due date
    assert "2 из 3" in shown
    median = selectors.figures(body_a).median_days
    assert format_number(median, 1) in shown
    assert f'href="/{body_a.slug}/ru/requests/#figures"' in shown


def test_another_body_s_answers_do_not_count(client, body_b, answers):
    page = client.get(f"/{body_b.slug}/ru/transparency/").content.decode()
    shown = measures(page)
    assert "0\u00a0%" in shown  # its one answer came late
    assert "0 of 1" in shown or "0 из 1" in shown


def test_a_body_that_answered_nothing_shows_no_answer_times(client, body_a, body_b, editor_a):
    factories.registered(body_a, by=editor_a)  # still open
    page = client.get(f"/{body_a.slug}/ru/transparency/").content.decode()
    assert 'id="measures"' not in page


def test_the_public_register_shows_the_share_in_percent(client, body_a, answers):
    for request in answers["a"]:
        services.publish(request=request, public_question="Бюджет?", is_public=True, by=None)
    page = client.get(f"/{body_a.slug}/ru/requests/").content.decode()
    assert "67\u00a0%" in page.split('id="figures"', 1)[1].split("</dl>", 1)[0]


# The platform's rating: answer times as columns, through the seam's `figures_of`.

RATING = "/ru/transparency/rating/"
SHARE, MEDIAN = "requests:share-in-time", "requests:median-days"


def computed():
    call_command("compute_transparency", "--no-snapshot", stdout=io.StringIO())


def rating_rows(page: str) -> dict[str, str]:
    """{slug: the row's HTML} of the rating table, in the page's order."""
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return {
        match.group(1): match.group(0)
        for match in re.finditer(r'<th scope="row"><a href="/([a-z0-9-]+)/.*?</tr>', table, re.S)
    }


def test_the_rating_shows_each_body_s_answer_times_and_sorts_by_them(
    client, body_a, body_b, answers
):
    computed()
    page = client.get(RATING).content.decode()
    with translation.override("ru"):
        for label in ("Requests for information answered on time",
                      "Median answer time (working days)"):  # fmt: skip
            assert f">{translation.gettext(label)}</a></th>" in page
    rows = rating_rows(page)
    median = format_number(selectors.figures(body_a).median_days, 1)
    assert "67\u00a0%" in rows[body_a.slug] and f">{median}</a></td>" in rows[body_a.slug]
    assert f'href="/{body_a.slug}/ru/requests/#figures"' in rows[body_a.slug]
    assert "0\u00a0%" in rows[body_b.slug]  # its one answer came late
    best_first = list(rating_rows(client.get(f"{RATING}?sort=-{SHARE}").content.decode()))
    assert best_first.index(body_a.slug) < best_first.index(body_b.slug)
    worst_first = list(rating_rows(client.get(f"{RATING}?sort={SHARE}").content.decode()))
    assert worst_first.index(body_b.slug) < worst_first.index(body_a.slug)
    assert worst_first[:2] == [body_b.slug, body_a.slug]  # bodies without answers come last
    fastest = client.get(f"{RATING}?sort={MEDIAN}").content.decode()
    assert 'aria-sort="ascending"' in fastest


def test_a_body_without_answers_shows_a_dash(client, body_a, body_b, answers):
    quiet = body_factories.body(slug="tyn-chyk", name="Тынчык")
    computed()
    row = rating_rows(client.get(RATING).content.decode())[quiet.slug]
    assert row.count('<td class="num">—</td>') >= 2


def test_the_rating_reads_answer_times_in_a_fixed_number_of_queries(
    client, body_a, body_b, answers, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    computed()

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    # the rating's own 14, the answered requests of the page's bodies and their calendars
    before = {path: queries(path) for path in (RATING, f"{RATING}?sort=-{SHARE}")}
    assert max(before.values()) <= 16
    bodies = len(rating_rows(client.get(RATING).content.decode()))
    for n in range(12):
        extra = body_factories.body(slug=f"extra-{n}", name=f"Кошумча {n}")
        answered(extra, days_ago=3 + n)
    computed()
    after = {path: queries(path) for path in before}
    assert after == before
    page = client.get(f"{RATING}?sort=-{SHARE}").content.decode()
    assert len(rating_rows(page)) == bodies + 12
    assert page.count("100\u00a0%") >= 1  # an extra body answered in time


def test_the_exports_carry_the_answer_times(client, body_a, body_b, answers, platform):
    computed()
    inspector = get_user_model().objects.create_user("inspector", password="x")
    inspector.groups.add(Group.objects.get_or_create(name=SUPERVISORS_GROUP)[0])
    client.force_login(inspector)
    response = client.get(f"{RATING.replace('/ru/', '/en/')}export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    assert header[-2:] == [
        "Requests for information answered on time", "Median answer time (working days)"
    ]  # fmt: skip
    by_slug = {row[2]: row for row in rows[1:]}
    median = Decimal(str(selectors.figures(body_a).median_days)).quantize(Decimal("0.1"))
    assert by_slug[body_a.slug][-2:] == ["66.7", str(median)]
    assert by_slug[body_b.slug][-2] == "0.0"
    response = client.get(f"{RATING}export.json?sort=-{SHARE}")
    data = json.loads(b"".join(response.streaming_content))
    first = data["bodies"][0]
    assert first["slug"] == body_a.slug and first[SHARE] == "66.7"
    with translation.override("ru"):
        assert data["fields"][SHARE] == translation.gettext(
            "Requests for information answered on time"
        )
