"""Each freshness rule with its edges: holidays, quarter ends, leap years, time zones."""

import datetime

import pytest

from achyk.transparency import rules
from achyk.transparency.rules import Point, RuleSpec, WorkCalendar

D = datetime.date
UTC = datetime.UTC


def at(day: D, *, updated: D | None = None, event: D | None = None, period: str = "") -> Point:
    return Point(published=day, updated=updated or day, event=event, period=period)


# Kyrgyz calendar around Nooruz 2026: Fri 20 March Orozo Ait, Sat 21 Nooruz (its day off moves
# to Mon 23 March); and a Saturday worked instead of a moved day, as decrees sometimes say.
KG_2026 = WorkCalendar(
    {D(2026, 3, 20): "holiday", D(2026, 3, 21): "holiday", D(2026, 3, 23): "day_off",
     D(2026, 3, 28): "working"}
)  # fmt: skip


class TestWorkingDays:
    def test_weekend_is_skipped(self):
        # Thursday + 3 working days = Tuesday.
        assert WorkCalendar().add_working_days(D(2026, 3, 5), 3) == D(2026, 3, 10)

    def test_holidays_and_moved_days_off_are_skipped(self):
        # Thursday 19 March + 3: Fri 20 holiday, Sat, Sun, Mon 23 moved day off → Tue 24,
        # Wed 25, Thu 26.
        assert KG_2026.add_working_days(D(2026, 3, 19), 3) == D(2026, 3, 26)

    def test_a_weekend_day_worked_instead_counts(self):
        assert KG_2026.is_working(D(2026, 3, 28))
        assert KG_2026.add_working_days(D(2026, 3, 27), 1) == D(2026, 3, 28)

    def test_the_start_day_itself_is_never_counted(self):
        assert WorkCalendar().add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)


class TestOnce:
    def test_any_item_meets_it_and_nothing_is_due(self):
        assert rules.evaluate(RuleSpec("once"), [at(D(2019, 1, 1))], D(2026, 1, 1)) == (
            rules.Verdict(True, None)
        )

    def test_no_item_does_not(self):
        assert not rules.evaluate(RuleSpec("once"), [], D(2026, 1, 1)).meets_rule


class TestOnChange:
    rule = RuleSpec("on_change")

    def test_fresh_for_a_year_after_the_update(self):
        verdict = rules.evaluate(self.rule, [at(D(2025, 3, 1))], D(2026, 3, 1))
        assert verdict == rules.Verdict(True, D(2026, 3, 1))
        assert not rules.evaluate(self.rule, [at(D(2025, 3, 1))], D(2026, 3, 2)).meets_rule

    def test_a_confirmation_counts_like_an_update(self):
        verdict = rules.evaluate(
            self.rule, [at(D(2024, 1, 10))], D(2026, 3, 2), confirmed=[D(2025, 6, 1)]
        )
        assert verdict == rules.Verdict(True, D(2026, 6, 1))

    def test_29_february_is_due_on_28_february_next_year(self):
        verdict = rules.evaluate(self.rule, [at(D(2028, 2, 29))], D(2029, 2, 28))
        assert verdict == rules.Verdict(True, D(2029, 2, 28))
        assert not rules.evaluate(self.rule, [at(D(2028, 2, 29))], D(2029, 3, 1)).meets_rule

    def test_the_newest_of_several_updates_counts(self):
        items = [at(D(2024, 1, 1)), at(D(2024, 1, 1), updated=D(2025, 12, 1))]
        assert rules.evaluate(self.rule, items, D(2026, 11, 30)).due_on == D(2026, 12, 1)


class TestEveryNDays:
    def test_fresh_through_the_due_day_then_stale(self):
        rule = RuleSpec("every_n_days", days=30)
        assert rules.evaluate(rule, [at(D(2026, 1, 31))], D(2026, 3, 2)).meets_rule
        assert not rules.evaluate(rule, [at(D(2026, 1, 31))], D(2026, 3, 3)).meets_rule

    def test_across_29_february(self):
        rule = RuleSpec("every_n_days", days=1)
        assert rules.evaluate(rule, [at(D(2028, 2, 28))], D(2028, 2, 29)).due_on == D(2028, 2, 29)

    def test_daily_in_working_days_waits_over_a_holiday_weekend(self):
        # Kazakh news daily: published Thu 19 March, due the next working day, Tue 24 March.
        rule = RuleSpec("every_n_days", days=1, working_days=True)
        verdict = rules.evaluate(rule, [at(D(2026, 3, 19))], D(2026, 3, 23), KG_2026)
        assert verdict == rules.Verdict(True, D(2026, 3, 24))
        assert not rules.evaluate(rule, [at(D(2026, 3, 19))], D(2026, 3, 25), KG_2026).meets_rule


class TestQuarterly:
    rule = RuleSpec("quarterly", days=30)

    def test_report_on_the_last_quarter_is_due_30_days_after_its_end(self):
        # On 30 April the Q1 report is not due yet: the Q4 report is enough.
        q4 = at(D(2026, 1, 20))  # published in Q1: covers Q4 2025
        assert rules.evaluate(self.rule, [q4], D(2026, 4, 30)) == rules.Verdict(
            True, D(2026, 4, 30)
        )
        # On 1 May the Q1 report was due on 30 April.
        assert rules.evaluate(self.rule, [q4], D(2026, 5, 1)) == rules.Verdict(
            False, D(2026, 4, 30)
        )

    def test_after_the_q1_report_the_q2_report_is_due_on_30_july(self):
        q1 = at(D(2026, 4, 15))
        assert rules.evaluate(self.rule, [q1], D(2026, 5, 1)) == rules.Verdict(True, D(2026, 7, 30))

    def test_a_period_given_by_the_item_wins_over_its_date(self):
        # Published late in Q3 but declared as the Q2 report.
        item = at(D(2026, 9, 1), period="2026-q2")
        assert rules.evaluate(self.rule, [item], D(2026, 9, 2)) == rules.Verdict(
            True, D(2026, 10, 30)
        )

    def test_the_year_end_quarter(self):
        q3 = at(D(2026, 10, 10))
        assert rules.evaluate(self.rule, [q3], D(2027, 1, 30)).meets_rule
        assert rules.evaluate(self.rule, [q3], D(2027, 1, 31)) == rules.Verdict(
            False, D(2027, 1, 30)
        )

    def test_leap_year_q1_ends_on_31_march_and_feb_has_29_days(self):
        rule = RuleSpec("quarterly", days=0)
        assert rules.quarter_end(rules.quarter_of(D(2028, 2, 29))) == D(2028, 3, 31)
        assert not rules.evaluate(rule, [at(D(2028, 1, 5))], D(2028, 4, 1)).meets_rule

    def test_nothing_published_is_due_on_the_deadline_of_the_required_quarter(self):
        assert rules.evaluate(self.rule, [], D(2026, 8, 15)) == rules.Verdict(False, D(2026, 7, 30))


class TestYearlyByDate:
    def test_budget_by_31_january(self):
        rule = RuleSpec("yearly_by_date", month=1, day=31)
        item = at(D(2025, 12, 28))  # the 2026 budget, published in December: serves 2026
        assert rules.evaluate(rule, [], D(2026, 1, 31)) == rules.Verdict(False, D(2025, 1, 31))
        assert rules.evaluate(rule, [item], D(2026, 1, 31)) == rules.Verdict(True, D(2027, 1, 31))
        assert rules.evaluate(rule, [item], D(2027, 1, 31)).meets_rule
        assert rules.evaluate(rule, [item], D(2027, 2, 1)) == rules.Verdict(False, D(2027, 1, 31))

    def test_published_on_the_deadline_itself_serves_that_year(self):
        rule = RuleSpec("yearly_by_date", month=3, day=1)
        assert rules.evaluate(rule, [at(D(2026, 3, 1))], D(2027, 3, 1)).meets_rule

    def test_29_february_deadline_is_28_february_in_a_common_year(self):
        rule = RuleSpec("yearly_by_date", month=2, day=29)
        assert rules.yearly_deadline(rule, 2027) == D(2027, 2, 28)
        assert rules.yearly_deadline(rule, 2028) == D(2028, 2, 29)
        on_time = at(D(2027, 2, 28))  # the deadline of a common year
        assert rules.evaluate(rule, [on_time], D(2027, 3, 1)) == rules.Verdict(True, D(2028, 2, 29))
        late = at(D(2027, 3, 1))  # a day late for 2027: it serves 2028
        assert rules.evaluate(rule, [late], D(2027, 3, 1)) == rules.Verdict(True, D(2029, 2, 28))
        assert not rules.evaluate(rule, [at(D(2026, 2, 28))], D(2027, 3, 1)).meets_rule


class TestAfterEvent:
    rule = RuleSpec("after_event", days=3, working_days=True)

    def test_act_published_within_three_working_days_over_a_holiday(self):
        adopted = D(2026, 3, 19)
        on_time = at(D(2026, 3, 26), event=adopted)
        late = at(D(2026, 3, 27), event=adopted)
        assert rules.evaluate(self.rule, [on_time], D(2026, 4, 1), KG_2026).meets_rule
        assert not rules.evaluate(self.rule, [late], D(2026, 4, 1), KG_2026).meets_rule

    def test_the_newest_event_decides(self):
        old_late = at(D(2026, 2, 1), event=D(2026, 1, 5))
        new_on_time = at(D(2026, 3, 3), event=D(2026, 3, 2))
        assert rules.evaluate(self.rule, [old_late, new_on_time], D(2026, 4, 1)).meets_rule
        assert not rules.evaluate(self.rule, [old_late], D(2026, 4, 1)).meets_rule

    def test_calendar_days_when_not_working_days(self):
        rule = RuleSpec("after_event", days=30)
        assert rules.evaluate(
            rule, [at(D(2026, 1, 31), event=D(2026, 1, 1))], D(2026, 2, 2)
        ).meets_rule
        assert not rules.evaluate(
            rule, [at(D(2026, 2, 1), event=D(2026, 1, 1))], D(2026, 2, 2)
        ).meets_rule


class TestTimeZones:
    """Kyrgyzstan is UTC+6; Kazakhstan is UTC+5 since 1 March 2024 (Almaty was UTC+6)."""

    moment = datetime.datetime(2026, 3, 31, 18, 30, tzinfo=UTC)

    def test_the_same_instant_is_another_day_in_bishkek_and_almaty(self):
        assert rules.local_date(self.moment, "Asia/Bishkek") == D(2026, 4, 1)
        assert rules.local_date(self.moment, "Asia/Almaty") == D(2026, 3, 31)

    def test_before_march_2024_almaty_was_utc_plus_6(self):
        earlier = datetime.datetime(2023, 3, 31, 18, 30, tzinfo=UTC)
        assert rules.local_date(earlier, "Asia/Almaty") == D(2023, 4, 1)

    @pytest.mark.parametrize(
        ("zone", "covers"), [("Asia/Bishkek", "2026-Q1"), ("Asia/Almaty", "2025-Q4")]
    )
    def test_a_report_at_midnight_covers_another_quarter_by_zone(self, zone, covers):
        point = at(rules.local_date(self.moment, zone))
        quarter = rules._covered_quarter(point)
        assert f"{quarter // 4}-Q{quarter % 4 + 1}" == covers


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        rules.evaluate(RuleSpec("weekly"), [], D(2026, 1, 1))


class TestClock:
    """The day each rule counts from and the day it runs out, as the to-do list states them."""

    def test_after_an_event_counts_working_days_from_the_event(self):
        rule = RuleSpec(rules.AFTER_EVENT, days=3, working_days=True)
        # Adopted Thursday 19 March 2026: Nooruz and its moved day off are not counted.
        clock = rules.clock(rule, due_on=None, updated=None, event=D(2026, 3, 19), work=KG_2026)
        assert clock == (D(2026, 3, 19), D(2026, 3, 26))
        assert rules.clock(rule, due_on=None, updated=None, event=None, work=KG_2026) == (
            None, None,
        )  # fmt: skip

    def test_every_n_days_counts_from_the_last_update(self):
        rule = RuleSpec(rules.EVERY_N_DAYS, days=30)
        clock = rules.clock(
            rule, due_on=D(2026, 5, 31), updated=D(2026, 5, 1), event=None, work=WorkCalendar()
        )
        assert clock == (D(2026, 5, 1), D(2026, 5, 31))

    def test_yearly_quarterly_and_on_change(self):
        work = WorkCalendar()
        yearly = RuleSpec(rules.YEARLY_BY_DATE, month=2, day=29)
        assert rules.clock(yearly, due_on=D(2028, 2, 29), updated=None, event=None, work=work) == (
            D(2027, 3, 1), D(2028, 2, 29),
        )  # fmt: skip
        quarterly = RuleSpec(rules.QUARTERLY, days=30)
        assert rules.clock(quarterly, due_on=D(2026, 4, 30), updated=None, event=None,
                           work=work) == (D(2026, 3, 31), D(2026, 4, 30))  # fmt: skip
        on_change = RuleSpec(rules.ON_CHANGE)
        assert rules.clock(on_change, due_on=D(2027, 6, 1), updated=None, event=None,
                           work=work) == (D(2026, 6, 1), D(2027, 6, 1))  # fmt: skip
        once = RuleSpec(rules.ONCE)
        assert rules.clock(once, due_on=None, updated=None, event=None, work=work) == (None, None)
