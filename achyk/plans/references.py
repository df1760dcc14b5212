"""What plans give and take through the references seam (`bodies.references`).

An action is "the plan step that answers" a priority of the needs study: participation stores
"plans.step:<pk>" and asks here for the step's title and page; the action's page asks back
which priorities name it. An action names the line of the body's budget that funds it
("budget.line:<budget>-<code>", a kind of the budget app): its choices are the body's own
lines, and its pages show the line with its amounts; the budget's year page asks back which
actions of published plans each of its lines funds. No app imports another."""

from __future__ import annotations

from achyk.bodies import references as seam
from achyk.bodies.models import public_url
from achyk.bodies.references import Kind, Target

from .models import TEXT_LANGUAGES, Action

STEP = "plans.step"
BUDGET_LINE = "budget.line"


def key_of(action: Action) -> str:
    return f"{STEP}:{action.pk}"


def _resolve(pks: list[int], language: str) -> dict[int, Target]:
    """Steps of published plans only: a draft plan's action answers nothing in public."""
    rows = Action.objects.filter(
        pk__in=pks, plan__is_published=True, body__is_active=True
    ).select_related("body")
    return {
        action.pk: Target(
            key_of(action),
            action.translated("title", language),
            public_url(action.body.slug, language, "plans_action", pk=action.pk),
        )
        for action in rows
    }


def _choices(body, language: str) -> list[tuple[str, str]]:
    """Every action of the body's plans, drafts included (staff link while they plan), in one
    query: each action and its plan hold `body`, whose language their titles fall back to."""
    rows = (
        Action.objects.filter(body=body)
        .select_related("plan")
        .holding(body, "plan")
        .order_by("plan_id", "code", "pk")
    )
    return [(key_of(a), _label(a, language)) for a in rows]


def _label(action: Action, language: str) -> str:
    step = f"{action.code} {action.translated('title', language)}".strip()
    return f"{action.plan.translated('title', language)} · {step}"


STEP_KIND = Kind(STEP, _resolve, _choices)


def budget_lines(actions, language: str) -> dict[str, Target]:
    """The budget lines `actions` name, by reference: a few queries however many actions."""
    return seam.resolve({a.budget_line for a in actions if a.budget_line}, language)


def actions_funded_by(keys: set[str], language: str) -> dict[str, list[Target]]:
    """The actions of published plans that name each of `keys` (budget lines) as funding
    them, in the plans' order: one query however many lines, of the columns the links show."""
    titles = [f"title_{code}" for code in TEXT_LANGUAGES]
    shown = [*titles, *(f"plan__{title}" for title in titles), "plan__body_id"]
    rows = (
        Action.objects.filter(budget_line__in=keys, plan__is_published=True, body__is_active=True)
        .select_related("body", "plan")
        .only("code", "budget_line", *shown, "body__slug", "body__default_language")
        .order_by("plan_id", "code", "pk")
    )
    found: dict[str, list[Target]] = {}
    for action in rows:
        if action.plan.body_id == action.body_id:  # titles fall back to the body's language
            action.plan.body = action.body
        url = public_url(action.body.slug, language, "plans_action", pk=action.pk)
        found.setdefault(action.budget_line, []).append(
            Target(key_of(action), _label(action, language), url)
        )
    return found
