"""A request's life on the legal clock: confirmation by a letter's link, the reference number
and the due date counted in working days with the platform's calendar, the staff's steps in
an append-only log, and deadlines that follow the calendar when it changes."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from achyk.requests import services
from achyk.requests.models import AppendOnly, Event, Law, Request, Status
from achyk.workdays.models import Day

from . import factories

D = datetime.date
# Thursday 19 February 2026, 10:00 in Bishkek.
MORNING = datetime.datetime(2026, 2, 19, 4, 0, tzinfo=datetime.UTC)


def link_of(text: str) -> str:
    return re.search(r"https?://\S+/confirm/\S+/", text).group(0)


def token_of(text: str) -> str:
    return link_of(text).rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def sent(body_a, smtp):
    with time_machine.travel(MORNING, tick=False):
        services.submit(body=body_a, data=factories.data(), language="ru")
        yield smtp


class TestConfirmation:
    def test_nothing_counts_before_the_link_is_followed(self, sent, body_a, admin_a):
        request = Request.objects.get(body=body_a)
        assert request.status == Status.UNCONFIRMED and not request.reference
        assert Request.objects.for_user(admin_a).count() == 0
        assert len(sent.messages) == 1 and sent.messages[0].recipients == ["asan@example.kg"]

    def test_the_link_registers_it_with_a_reference_and_a_due_date(self, sent, body_a):
        Day.objects.get_or_create(country="KG", date=D(2026, 2, 23), defaults={"kind": "holiday"})
        with time_machine.travel(MORNING + datetime.timedelta(hours=1), tick=False):
            request = services.confirm(token=token_of(sent.texts()[0]))
        assert request.reference == "BURANA-2026-0001"
        assert request.received_on == D(2026, 2, 19)
        # 10 working days after Thursday 19 February: Friday 20, (Monday 23 is a holiday),
        # 24, 25, 26, 27, 2, 3, 4, 5 and Friday 6 March.
        assert request.due_on == D(2026, 3, 6)
        letter = sent.texts()[1]
        assert "BURANA-2026-0001" in letter and "06.03.2026" in letter

    def test_the_letters_are_in_the_requester_s_language(self, sent):
        services.confirm(token=token_of(sent.texts()[0]))
        assert all(re.search("[а-яА-Я]", text) for text in sent.texts())
        assert "Ваш запрос" in sent.texts()[1] or "BURANA" in sent.texts()[1]

    def test_a_link_used_twice_says_so_and_registers_once(self, sent):
        token = token_of(sent.texts()[0])
        services.confirm(token=token)
        with pytest.raises(services.LinkUsed) as used:
            services.confirm(token=token)
        assert used.value.request.reference.endswith("-0001")
        assert Event.objects.filter(kind=Event.Kind.RECEIVED).count() == 1

    def test_an_expired_link_registers_nothing(self, sent):
        later = MORNING + datetime.timedelta(hours=services.CONFIRM_HOURS, minutes=1)
        with time_machine.travel(later, tick=False), pytest.raises(services.LinkExpired):
            services.confirm(token=token_of(sent.texts()[0]))
        assert Request.objects.get().status == Status.UNCONFIRMED

    def test_an_unknown_link_is_refused(self, db):
        with pytest.raises(services.LinkUnknown):
            services.confirm(token="no-such-token")

    def test_a_body_taken_off_the_platform_takes_no_request(self, sent, body_a):
        body_a.is_active = False
        body_a.save()
        with pytest.raises(services.BodyGone):
            services.confirm(token=token_of(sent.texts()[0]))
        with pytest.raises(services.BodyGone):
            services.submit(body=body_a, data=factories.data(), language="ky")


class TestSteps:
    def test_staff_register_a_paper_request_and_numbers_follow_each_other(self, body_a, editor_a):
        first = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        second = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        assert (first.channel, first.status) == ("paper", Status.RECEIVED)
        assert [first.reference, second.reference] == ["BURANA-2026-0001", "BURANA-2026-0002"]
        assert first.events.get().by == editor_a

    def test_an_extension_is_bounded_by_the_law_and_told(self, body_a, editor_a, smtp):
        request = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        due = request.due_on
        with time_machine.travel(MORNING, tick=False):
            services.extend(request=request, days=10, reason="Сбор данных", by=editor_a)
            assert request.due_on > due and request.extended_days == 10
            with pytest.raises(services.RequestError):
                services.extend(request=request, days=1, reason="ещё", by=editor_a)
        assert "Сбор данных" in smtp.texts()[-1]

    def test_no_extension_after_the_term_has_ended(self, body_a, editor_a):
        request = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        with pytest.raises(services.RequestError):
            services.extend(request=request, days=5, reason="поздно", by=editor_a,
                            today=request.due_on + datetime.timedelta(days=1))  # fmt: skip

    def test_forwarding_moves_the_request_with_its_log(self, body_a, body_b, editor_a, editor_b):
        request = factories.registered(body_a, by=editor_a)
        services.assign(request=request, to=editor_a, by=editor_a)
        services.forward(request=request, to=body_b, reason="Не наша компетенция", by=editor_a)
        assert Request.objects.for_user(editor_a).count() == 0
        moved = Request.objects.for_user(editor_b).get()
        assert [e.kind for e in moved.events.all()] == ["received", "assigned", "forwarded"]
        assert moved.assigned_to is None and moved.reference.startswith("BURANA-")

    def test_an_answer_closes_it_on_time_or_late(self, body_a, editor_a):
        request = factories.registered(body_a, by=editor_a, received_on=timezone.localdate())
        services.answer(request=request, status=Status.ANSWERED, text="Бюджет: 1 000 сом",
                        by=editor_a)  # fmt: skip
        assert request.on_time is True and not request.is_open
        with pytest.raises(services.RequestError):
            services.ask_clarification(request=request, text="?", by=editor_a)
        late = factories.registered(body_a, by=editor_a, received_on=D(2025, 1, 9))
        services.answer(request=late, status=Status.REFUSED, text="Ст. 10: тайна", by=editor_a)
        assert late.on_time is False

    def test_a_clarification_starts_the_term_again(self, body_a, editor_a):
        request = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        services.ask_clarification(request=request, text="Какой год?", by=editor_a)
        services.clarified(request=request, text="2026", by=editor_a, on=D(2026, 3, 2))
        # Ten working days after Monday 2 March: 3-6, (Monday 9 is the day off for 8 March,
        # a Sunday), 10-13, 16 and 17.
        assert request.status == Status.RECEIVED and request.due_on == D(2026, 3, 17)

    def test_the_log_is_append_only(self, body_a, editor_a):
        event = factories.registered(body_a, by=editor_a).events.get()
        event.text = "changed"
        with pytest.raises(AppendOnly):
            event.save()
        with pytest.raises(AppendOnly):
            event.delete()
        with pytest.raises(AppendOnly):
            Event.objects.filter(pk=event.pk).update(text="x")
        with pytest.raises(AppendOnly):
            Event.objects.all().delete()


class TestAppeals:
    def test_an_appeal_counts_the_appeals_law_s_term_in_the_same_inbox(self, body_a, editor_a):
        appeal = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19),
                                      kind="appeal")  # fmt: skip
        assert appeal.law.kind == "appeal" and appeal.law.to_confirm
        # 14 calendar days after Thursday 19 February: Thursday 5 March.
        assert appeal.due_on == D(2026, 3, 5)
        assert Request.objects.for_user(editor_a).get() == appeal


class TestCalendarChanges:
    def test_a_holiday_added_late_moves_running_deadlines(
        self, body_a, editor_a, django_capture_on_commit_callbacks
    ):
        request = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        closed = factories.registered(body_a, by=editor_a, received_on=D(2026, 2, 19))
        services.answer(request=closed, status=Status.ANSWERED, text="ok", by=editor_a)
        before, closed_due = request.due_on, closed.due_on
        with django_capture_on_commit_callbacks(execute=True):
            Day.objects.create(country="KG", date=before, kind="day_off")
        request.refresh_from_db()
        closed.refresh_from_db()
        assert request.due_on > before and closed.due_on == closed_due
        assert request.events.last().kind == Event.Kind.DUE_CHANGED

    def test_a_body_of_another_country_keeps_its_dates(
        self, editor_a, django_capture_on_commit_callbacks
    ):
        from achyk.bodies.tests.factories import body

        kz = body(country="KZ")
        request = factories.registered(kz, received_on=D(2026, 2, 19))
        law = Law.objects.in_force(country="KZ", kind="information")
        assert (law.unit, law.to_confirm) == ("calendar", True)
        due = request.due_on
        with django_capture_on_commit_callbacks(execute=True):
            Day.objects.create(country="KG", date=due, kind="day_off")
        request.refresh_from_db()
        assert request.due_on == due
