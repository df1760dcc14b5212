"""The platform's one calendar of working days: seeded from the holidays library, corrected
by platform admins (their days survive a later seeding), and announced when it changes."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from achyk.transparency import selectors as monitor
from achyk.workdays import selectors, services
from achyk.workdays.calendar import CALENDAR, WORKING, WorkCalendar
from achyk.workdays.models import Day
from achyk.workdays.signals import calendar_changed

D = datetime.date


class TestArithmetic:
    def test_working_days_skip_weekends_and_holidays(self):
        work = WorkCalendar({D(2026, 3, 20): "holiday", D(2026, 3, 23): "day_off"})
        # Thursday 19 March + 2 working days: Fri 20 holiday, weekend, Mon 23 off → Wed 25.
        assert work.add_days(D(2026, 3, 19), 2, WORKING) == D(2026, 3, 25)

    def test_a_worked_saturday_counts(self):
        work = WorkCalendar({D(2026, 3, 7): "working"})
        assert work.add_days(D(2026, 3, 6), 1, WORKING) == D(2026, 3, 7)

    def test_a_calendar_term_ending_on_a_day_off_ends_on_the_next_working_day(self):
        work = WorkCalendar({D(2026, 3, 9): "holiday"})
        # Friday 27 February + 8 calendar days = Sunday 7 March → Monday 9 is off → Tuesday 10.
        assert work.add_days(D(2026, 2, 27), 8, CALENDAR) == D(2026, 3, 10)
        assert work.add_days(D(2026, 2, 27), 5, CALENDAR) == D(2026, 3, 4)

    def test_working_days_between(self):
        assert WorkCalendar().working_days_between(D(2026, 3, 6), D(2026, 3, 13)) == 5
        assert WorkCalendar().working_days_between(D(2026, 3, 13), D(2026, 3, 6)) == 0


def test_the_calendar_is_seeded_for_both_countries_in_their_languages(db):
    new_year = Day.objects.get(country="KG", date=D(2026, 1, 1))
    assert new_year.kind == "holiday" and new_year.name_ky and new_year.name_ru
    assert Day.objects.get(country="KZ", date=D(2026, 3, 21)).kind == "holiday"
    for year in (2025, 2026, 2027, 2028):
        assert Day.objects.filter(country="KG", date__year=year).count() >= 10
        assert Day.objects.filter(country="KZ", date__year=year).count() >= 10


def test_the_monitor_reads_the_same_calendar(db):
    Day.objects.create(country="KZ", date=D(2026, 6, 6), kind="working")
    assert monitor.calendar(["KZ"])["KZ"][D(2026, 6, 6)] == "working"
    assert selectors.work_calendar("KZ").is_working(D(2026, 6, 6))


def test_the_monitor_s_moved_days_came_over_and_win_over_the_library(db):
    # The monitor's seed moved Defender's Day 2025 (Sunday 23 February) to Monday the 24th.
    day = Day.objects.get(country="KG", date=D(2025, 2, 24))
    assert day.kind == "day_off" and day.source == "admin"


def test_seeding_again_adds_only_what_is_missing_and_keeps_corrections(db):
    corrected = Day.objects.get(country="KG", date=D(2026, 1, 1))
    Day.objects.filter(pk=corrected.pk).update(name_ru="Исправлено", source="admin")
    Day.objects.filter(country="KZ", date__year=2029).delete()
    added = services.seed_from_library(countries=["KG", "KZ"], years=[2026, 2029])
    assert added == Day.objects.filter(country__in=["KG", "KZ"], date__year=2029).count() > 0
    assert Day.objects.get(pk=corrected.pk).name_ru == "Исправлено"
    assert services.seed_from_library(countries=["KG", "KZ"], years=[2029]) == 0


def test_a_change_is_announced_after_commit(db, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, countries, **kwargs):
        heard.append(countries)

    calendar_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Day.objects.create(country="KG", date=D(2026, 7, 3), kind="day_off")
        assert heard == [["KG"]]
    finally:
        calendar_changed.disconnect(listener)


class TestAdmin:
    def test_a_platform_admin_corrects_a_day_and_it_becomes_theirs(self, client, platform):
        root = get_user_model().objects.create_superuser("root", password="x")
        client.force_login(root)
        day = Day.objects.filter(source="library").first()
        response = client.post(
            f"/admin/workdays/edit/{day.pk}/",
            {"country": day.country, "date": day.date.isoformat(), "kind": "day_off",
             "name_ru": "Перенос"},
        )  # fmt: skip
        assert response.status_code == 302
        day.refresh_from_db()
        assert (day.kind, day.source, day.name_ru) == ("day_off", "admin", "Перенос")

    @pytest.mark.django_db  # its users are fixtures it asks for by name
    @pytest.mark.parametrize("user", ["editor_a", "admin_a"])
    def test_body_staff_reach_nothing_of_it(self, client, user, request):
        client.force_login(request.getfixturevalue(user))
        day = Day.objects.first()
        for url in ("/admin/workdays/", f"/admin/workdays/edit/{day.pk}/"):
            assert client.get(url).status_code in (302, 403, 404), url
        response = client.post(f"/admin/workdays/delete/{day.pk}/")
        assert response.status_code in (302, 403, 404)
        assert Day.objects.filter(pk=day.pk).exists()
