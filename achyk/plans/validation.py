"""The rules a plan's tree and figures keep, shared by the admin's forms, the services and the
spreadsheet import: each returns errors by field, translated, and never raises on bad input."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from achyk.bodies import references

from .choices import BUDGET_LINE

#: The deepest chain of steps an action may have (a step of a step of ...).
MAX_DEPTH = 5


def action_errors(action) -> dict[str, str]:
    """What is wrong with `action` (dates, its objective's body, its parent), by field."""
    errors: dict[str, str] = {}
    objective = action.objective if action.objective_id else None
    if objective is not None and action.body_id and objective.body_id != action.body_id:
        errors["objective"] = _("Choose an objective of this body.")
        return errors
    plan = objective.goal.plan if objective is not None else None
    errors.update(date_errors(action.starts_on, action.ends_on, plan))
    if action.parent_id and objective is not None:
        message = parent_error(action, action.parent, plan)
        if message:
            errors["parent"] = message
    if action.budget_line and action.body_id:
        message = budget_line_error(action.budget_line, action.body)
        if message:
            errors["budget_line"] = message
    return errors


def budget_line_choices(body, language: str | None = None) -> list[tuple[str, str]]:
    """The lines of the body's own budgets an action may name (none without the budget app)."""
    return references.choices(BUDGET_LINE, body, language or get_language() or "ky")


def budget_line_error(reference: str, body) -> str:
    """A body links its own budget's lines only (whatever a form or a script sends)."""
    if reference not in dict(budget_line_choices(body)):
        return _("Choose a line of this body's budget.")
    return ""


def date_errors(starts_on, ends_on, plan) -> dict[str, str]:
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The deadline cannot come before the start.")
    if plan is None:
        return errors
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if isinstance(day, datetime.date) and not plan.covers(day) and name not in errors:
            errors[name] = _("The date is outside the plan's period (%(period)s).") % {
                "period": plan.period
            }
    return errors


def parent_error(action, parent, plan) -> str:
    """A step belongs to an action of the same plan, and a chain of steps never loops."""
    if parent.plan_id != plan.pk:
        return _("Choose an action of the same plan.")
    seen = {action.pk} if action.pk else set()
    node, depth = parent, 0
    while node is not None:
        if node.pk in seen or node.pk == action.pk:
            return _("An action cannot be a step of itself, directly or through its steps.")
        seen.add(node.pk)
        depth += 1
        if depth > MAX_DEPTH:
            return _("Steps go at most %(depth)s levels deep.") % {"depth": MAX_DEPTH}
        node = node.parent if node.parent_id else None
    return ""


def cost_year_error(year, plan) -> str:
    if plan is not None and year and not plan.start_year <= year <= plan.end_year:
        return _("The year is outside the plan's period (%(period)s).") % {"period": plan.period}
    return ""


def parse_amount(text) -> tuple[Decimal | None, str]:
    """An amount written by a person ("1 250 000,50", "1250000.5"): the Decimal, or an error."""
    if text is None or str(text).strip() == "":
        return None, ""
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    else:
        cleaned = str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None, _("“%(text)s” is not an amount of money.") % {"text": str(text)[:40]}
    if not value.is_finite():
        return None, _("“%(text)s” is not an amount of money.") % {"text": str(text)[:40]}
    if value < 0:
        return None, _("An amount cannot be negative.")
    if abs(value) >= Decimal(10) ** 16:
        return None, _("The amount is too large.")
    return value.quantize(Decimal("0.01")), ""
