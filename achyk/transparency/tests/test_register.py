"""The register: seeded data, versions, and its admin (platform admins only)."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.transparency import selectors, services
from achyk.transparency.models import Duty, ImmutableVersion, Rule, Status
from achyk.workdays.models import Day

from . import factories

#: These tests read the register seeded by the migrations.
SEEDED_REGISTER = True
BISHKEK = datetime.timezone(datetime.timedelta(hours=6))


def test_seeded_registers_cover_kyrgyz_lsgs_and_kazakh_state_bodies(db):
    kg = {duty.code: duty for duty in selectors.register(country="KG")}
    kz = {duty.code: duty for duty in selectors.register(country="KZ")}
    assert {"council-acts", "budget-approved", "citizens-budget", "jmeg", "news"} <= set(kg)
    assert len(kg) == 26 + 2  # + needs-study and public-events (participation's migration)
    assert kg["public-events"].rule == Rule.AFTER_EVENT
    assert kg["council-acts"].rule == Rule.AFTER_EVENT and kg["council-acts"].rule_working_days
    assert "budget:approved" in kg["budget-approved"].evidence_key_list
    assert kz["news"].rule == Rule.EVERY_N_DAYS and kz["news"].rule_days == 1
    assert kz["news"].rule_working_days and "124-НҚ" in kz["news"].legal_act
    assert kz["legal-acts"].rule_days == 3 and "401-V" in kz["leadership"].legal_act


def test_seeded_calendars_move_a_weekend_holiday_to_monday(db):
    # Kyrgyzstan 2025: Defender of the Fatherland Day fell on Sunday 23 February.
    assert Day.objects.get(country="KG", date=datetime.date(2025, 2, 24)).kind == "day_off"
    # Kazakhstan: Orthodox Christmas on a weekend moves nothing (Thursday 7 January 2027 is
    # a plain holiday; in 2024... not seeded), and Nauryz 21-23 March 2026 (Sat-Mon) moves two.
    assert (
        Day.objects.filter(
            country="KZ",
            date__in=[datetime.date(2026, 3, 24), datetime.date(2026, 3, 25)],
            kind="day_off",
        ).count()
        == 2
    )
    assert Day.objects.filter(country="KG", date__year=2027).count() >= 14


@pytest.fixture
def provider(monkeypatch):
    return factories.hand_provider(monkeypatch)


@pytest.mark.usefixtures("empty_register")
class TestVersions:
    def test_a_version_in_force_can_not_be_rewritten(self, db):
        duty = factories.duty(code="news")
        duty.rule_days = 5
        with pytest.raises(ImmutableVersion):
            duty.save()

    def test_revision_closes_the_old_version_and_opens_a_new_one(self, db):
        duty = factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30)
        with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=BISHKEK), tick=False):
            revised = services.revise_duty(duty=duty, changes={"rule_days": 7}, note="weekly")
        duty.refresh_from_db()
        assert duty.valid_to == revised.valid_from
        assert (duty.rule_days, revised.rule_days, revised.change_note) == (30, 7, "weekly")
        versions = selectors.duty_versions(country="KG", code="news")
        assert list(versions) == [duty, revised]
        before = datetime.datetime(2026, 5, 31, tzinfo=BISHKEK)
        assert list(selectors.register(country="KG", at=before)) == [duty]
        assert list(selectors.register(country="KG")) == [revised]

    def test_a_past_score_is_recomputed_with_the_register_then_in_force(self, body_a, provider):
        duty = factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30)
        for language in ("ky", "ru"):
            provider.add(
                body_a, language=language, at=datetime.datetime(2026, 5, 20, tzinfo=BISHKEK)
            )
        with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=BISHKEK), tick=False):
            services.revise_duty(duty=duty, changes={"rule_days": 7})
        june_5 = datetime.datetime(2026, 6, 5, 12, tzinfo=BISHKEK)
        may_31 = datetime.datetime(2026, 5, 31, 12, tzinfo=BISHKEK)
        with time_machine.travel(june_5, tick=False):
            (now,) = services.evaluate(body_ids=[body_a.pk])
            (past,) = services.evaluate(body_ids=[body_a.pk], at=may_31)
        assert [row.status for row in now.duties[0].rows] == [Status.STALE, Status.STALE]
        assert now.duties[0].duty.rule_days == 7
        assert [row.status for row in past.duties[0].rows] == [Status.FRESH, Status.FRESH]
        assert past.duties[0].duty.rule_days == 30

    def test_evidence_published_after_the_moment_is_not_counted(self, body_a, provider):
        factories.duty(code="news", rule=Rule.ONCE)
        provider.add(body_a, at=datetime.datetime(2026, 6, 2, tzinfo=BISHKEK))
        (result,) = services.evaluate(
            body_ids=[body_a.pk], at=datetime.datetime(2026, 6, 1, tzinfo=BISHKEK)
        )
        assert result.duties[0].rows[0].status == Status.MISSING

    def test_a_retired_duty_leaves_the_register_but_not_the_past(self, db):
        duty = factories.duty(code="news")
        services.retire_duty(duty=duty, at=datetime.datetime(2026, 1, 1, tzinfo=BISHKEK))
        assert not selectors.register(country="KG").exists()
        assert list(selectors.register(at=datetime.datetime(2025, 6, 1, tzinfo=BISHKEK))) == [duty]


@pytest.fixture
def root(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.kg", "x")
    client.force_login(user)
    return client


FORM = {
    "title_ky": "Жаңылыктар «ө»", "title_ru": "Новости", "legal_act": "Закон № 217",
    "evidence_keys": "page:news, budget:citizens", "rule": "every_n_days", "rule_days": "14",
    "order": "5", "change_note": "two weeks",
}  # fmt: skip


class TestAdmin:
    def test_platform_admin_saves_a_duty_as_a_new_version(self, root, platform):
        duty = selectors.current_duty(country="KG", code="news")
        response = root.post(f"/admin/duties/edit/{duty.pk}/", FORM)
        assert response.status_code == 302
        revised = selectors.current_duty(country="KG", code="news")
        assert revised.pk != duty.pk
        assert (revised.rule_days, revised.title_ru, revised.change_note) == (
            14,
            "Новости",
            "two weeks",
        )
        assert revised.evidence_key_list == ["page:news", "budget:citizens"]
        duty.refresh_from_db()
        assert duty.valid_to == revised.valid_from and duty.rule_days == 31
        page = root.get(f"/admin/duties/edit/{revised.pk}/").content.decode()
        assert "two weeks" in page  # the versions table
        assert root.get(f"/admin/duties/edit/{duty.pk}/").status_code == 404  # history is read-only

    def test_a_kind_of_evidence_no_module_shows_yet_is_accepted_with_a_warning(
        self, root, platform
    ):
        data = {
            **FORM,
            "code": "plans-open",
            "country": "KG",
            "evidence_keys": "page:news,plans:jap",
        }
        response = root.post("/admin/duties/new/", data, follow=True)
        assert response.status_code == 200
        assert selectors.current_duty(country="KG", code="plans-open") is not None
        warnings = [str(m) for m in response.context["messages"]]
        assert any("plans:jap" in text and "page:news" not in text for text in warnings)

    def test_bad_rule_parameters_are_refused_with_an_error(self, root, platform):
        response = root.post(
            "/admin/duties/new/", {**FORM, "code": "x", "country": "KG", "rule_days": ""}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["rule_days"]
        assert selectors.current_duty(country="KG", code="x") is None

    def test_a_second_current_duty_with_the_same_code_is_refused(self, root, platform):
        response = root.post("/admin/duties/new/", {**FORM, "code": "news", "country": "KG"})
        assert response.status_code == 200
        assert Duty.objects.current().filter(country="KG", code="news").count() == 1

    def test_retiring_keeps_the_history(self, root, platform):
        duty = selectors.current_duty(country="KZ", code="reports")
        root.post(f"/admin/duties/edit/{duty.pk}/", {**FORM, "retire": "on"})
        assert selectors.current_duty(country="KZ", code="reports") is None
        assert Duty.objects.filter(pk=duty.pk).exists()

    def test_platform_admin_adds_a_day_worked_instead(self, root, platform):
        response = root.post(
            "/admin/workdays/new/",
            {
                "country": "KZ",
                "date": "2026-01-03",
                "kind": "working",
                "name_ru": "Рабочая суббота",
            },
        )
        assert response.status_code == 302
        assert Day.objects.get(country="KZ", date="2026-01-03").kind == "working"

    def test_body_staff_reach_neither_the_register_nor_the_calendar(
        self, client, editor_a, admin_a
    ):
        duty = selectors.current_duty(country="KG", code="news")
        holiday = Day.objects.first()
        for user in (editor_a, admin_a):
            client.force_login(user)
            for url in (
                "/admin/duties/",
                f"/admin/duties/edit/{duty.pk}/",
                "/admin/workdays/",
                f"/admin/workdays/edit/{holiday.pk}/",
                "/admin/duties/new/",
            ):
                assert client.get(url).status_code in (302, 403, 404), url
            assert client.post(f"/admin/duties/edit/{duty.pk}/", FORM).status_code in (403, 404)
        assert selectors.current_duty(country="KG", code="news").pk == duty.pk

    def test_supervisors_read_the_register_and_change_nothing(self, client, platform):
        from django.contrib.auth.models import Group

        user = get_user_model().objects.create_user("sup", password="x")
        user.groups.add(Group.objects.get_or_create(name=SUPERVISORS_GROUP)[0])
        client.force_login(user)
        duty = selectors.current_duty(country="KG", code="news")
        assert client.get("/admin/duties/").status_code == 200
        assert client.post(f"/admin/duties/edit/{duty.pk}/", FORM).status_code == 403
        assert selectors.current_duty(country="KG", code="news").pk == duty.pk
