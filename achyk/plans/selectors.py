"""Reads of plans: access functions (404 across bodies), the published lists, and a plan's
whole tree with progress rolled up, read in a fixed number of queries however many actions
it has (the plan page's query count is pinned in the tests)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone

from achyk.bodies.models import Body
from achyk.bodies.tenancy import object_in_reach

from .models import (
    Action,
    Assessment,
    CostLine,
    Goal,
    Indicator,
    MonitoringReport,
    Objective,
    Plan,
    ProgressUpdate,
    Source,
    Status,
)

ZERO = Decimal("0")


def plan_for(user, pk) -> Plan:
    """The plan `pk` if `user` reaches it in the admin; another body's is a 404."""
    if not object_in_reach(user, Plan, pk):
        raise Http404
    return Plan.objects.get(pk=pk)


def published_plans(body):
    return Plan.objects.published().filter(body=body).select_related("body", "approved_by")


def public_plan(body, pk) -> Plan:
    """A published plan of `body` for readers, or 404."""
    plan = (
        published_plans(body)
        .select_related("body", "approved_by", "group_act", "document", "consultation_minutes")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def public_action(body, pk) -> Action:
    action = (
        Action.objects.filter(pk=pk, body=body, plan__is_published=True, body__is_active=True)
        .select_related("plan", "objective__goal", "parent", "act", "document", "page")
        .prefetch_related("costs")
        .first()
    )
    if action is None:
        raise Http404
    return action


def published_reports(body):
    return MonitoringReport.objects.filter(
        body=body, published_at__isnull=False, plan__is_published=True
    ).select_related("plan")


# --- A plan's tree -----------------------------------------------------------------------


@dataclass
class Node:
    """An action with what its page and its plan's page show."""

    action: Action
    costs: list = field(default_factory=list)
    steps: list[Node] = field(default_factory=list)
    assessment: Assessment | None = None
    late: bool = False

    @property
    def planned(self) -> Decimal:
        return sum((cost.planned for cost in self.costs), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((cost.actual or ZERO for cost in self.costs), ZERO)

    @property
    def disagrees(self) -> bool:
        return self.assessment is not None and self.assessment.status != self.action.status

    @property
    def progress(self) -> Decimal:
        """The progress the body reports for the action; its steps are shown under it and
        count through it, once (so the list of plans, summed in the database, agrees)."""
        return Decimal(self.action.progress)


def weighted(nodes: list[Node]) -> Decimal:
    """The progress of `nodes` weighted by their actions' weight, cancelled ones left out."""
    counted = [node for node in nodes if node.action.status != Status.CANCELLED]
    total = sum(node.action.weight for node in counted)
    if not total:
        return ZERO
    points = sum(node.progress * node.action.weight for node in counted)
    return (points / total).quantize(Decimal("0.1"))


@dataclass
class Branch:
    """A goal or an objective with the actions under it."""

    item: object
    children: list = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)

    @property
    def progress(self) -> Decimal:
        return weighted(self.nodes)

    @property
    def late(self) -> int:
        return sum(1 for node in self.nodes if node.late)


@dataclass
class Tree:
    goals: list[Branch]
    nodes: list[Node]
    flags: list[Assessment] = field(default_factory=list)  # every assessment, newest first

    @property
    def progress(self) -> Decimal:
        return weighted([node for goal in self.goals for node in goal.nodes])

    @property
    def late(self) -> list[Node]:
        return [node for node in self.nodes if node.late]

    @property
    def disagreements(self) -> list[Node]:
        return [node for node in self.nodes if node.disagrees]


def progress_of(plans) -> dict[int, Decimal]:
    """Each plan's progress, as `plan_tree` rolls it up, summed in the database."""
    rows = (
        Action.objects.filter(plan__in=plans)
        .exclude(parent__objective_id=F("objective_id"))
        .exclude(status=Status.CANCELLED)
        .values("plan_id")
        .annotate(points=Sum(F("progress") * F("weight")), weights=Sum("weight"))
    )
    return {
        row["plan_id"]: (Decimal(row["points"]) / row["weights"]).quantize(Decimal("0.1"))
        for row in rows
        if row["weights"]
    }


def plan_tree(plan: Plan, *, today: datetime.date | None = None) -> Tree:
    """Goals → objectives → actions (steps under their action) with costs, the newest
    assessment of each action, every assessment (the group's flags) and progress rolled up:
    five queries."""
    today = today or timezone.localdate()
    goals = list(Goal.objects.filter(plan=plan).holding(plan.body))
    objectives = list(Objective.objects.filter(goal__plan=plan).holding(plan.body))
    actions = list(Action.objects.filter(plan=plan).holding(plan.body))
    costs = defaultdict(list)
    for cost in CostLine.objects.filter(action__plan=plan).order_by("action_id", "sort_order"):
        costs[cost.action_id].append(cost)
    newest = {}
    flags = list(Assessment.objects.filter(action__plan=plan).order_by("created_at", "pk"))
    for item in flags:
        newest[item.action_id] = item
    nodes = {
        action.pk: Node(
            action, costs[action.pk], assessment=newest.get(action.pk), late=action.is_late(today)
        )
        for action in actions
    }
    tops = defaultdict(list)
    for node in nodes.values():
        parent = nodes.get(node.action.parent_id)
        if parent is not None and parent.action.objective_id == node.action.objective_id:
            parent.steps.append(node)
        else:
            tops[node.action.objective_id].append(node)
    by_goal = defaultdict(list)
    for objective in objectives:
        by_goal[objective.goal_id].append(Branch(objective, nodes=tops[objective.pk]))
    branches = []
    for goal in goals:
        children = by_goal[goal.pk]
        branches.append(Branch(goal, children, [n for child in children for n in child.nodes]))
    for item in flags:
        if item.action_id in nodes:
            item.action = nodes[item.action_id].action  # no query per flag for its action
    shown = [item for item in reversed(flags) if item.action_id in nodes]
    return Tree(branches, list(nodes.values()), shown)


# --- Figures -----------------------------------------------------------------------------


def financing(plan: Plan) -> dict:
    """Planned and actual totals by source and by year, summed in the database."""
    rows = (
        CostLine.objects.filter(action__plan=plan)
        .values("source", "year")
        .annotate(planned=Sum("planned"), actual=Sum("actual"))
        .order_by("year", "source")
    )
    by_source = {source: [ZERO, ZERO] for source in Source.values}
    by_year = {year: [ZERO, ZERO] for year in range(plan.start_year, plan.end_year + 1)}
    for row in rows:
        for table, key in ((by_source, row["source"]), (by_year, row["year"])):
            pair = table.setdefault(key, [ZERO, ZERO])
            pair[0] += row["planned"] or ZERO
            pair[1] += row["actual"] or ZERO
    planned = sum((pair[0] for pair in by_source.values()), ZERO)
    actual = sum((pair[1] for pair in by_source.values()), ZERO)
    community = by_source[Source.COMMUNITY][0]
    share = (community * 100 / planned).quantize(Decimal("0.1")) if planned else None
    return {
        "by_source": by_source,
        "by_year": by_year,
        "planned": planned,
        "actual": actual,
        "community_share": share,
    }


def indicators_of(plan: Plan) -> list[Indicator]:
    return list(Indicator.objects.filter(plan=plan).prefetch_related("values").holding(plan.body))


def gender_balance(members) -> dict:
    women = sum(1 for member in members if member.gender == "f")
    total = len(members)
    return {
        "women": women,
        "men": total - women,
        "total": total,
        "women_share": round(women * 100 / total) if total else None,
    }


def reports_of(plan: Plan):
    return (
        MonitoringReport.objects.filter(plan=plan, published_at__isnull=False)
        .prefetch_related("recommendations")
        .annotate(answered=Count("recommendations", filter=~Q(recommendations__answer="")))
    )


def updates_of(action: Action):
    return ProgressUpdate.objects.filter(action=action).select_related("image", "document", "page")


def platform_overview():
    """Programmes by territory for supervisors: each active body's plans in force with their
    actions, late actions and reports filed (aggregated in the database)."""
    today = timezone.localdate()
    late = Q(actions__ends_on__lt=today) & ~Q(actions__status__in=[Status.DONE, Status.CANCELLED])
    return (
        Plan.objects.published()
        .select_related("body__territory")
        .annotate(
            action_count=Count("actions", distinct=True),
            late_count=Count("actions", filter=late, distinct=True),
            report_count=Count(
                "reports", filter=Q(reports__published_at__isnull=False), distinct=True
            ),
        )
        .order_by("body__territory__name_ru", "body__slug", "-start_year")
    )


def bodies_progress(*, today: datetime.date | None = None):
    """For supervisors: every active body that has plans, with the actions of all its plans
    (cancelled ones left out), how many are done and how many are late: one query."""
    today = today or timezone.localdate()
    counted = ~Q(plans__actions__status=Status.CANCELLED)
    done = Q(plans__actions__status=Status.DONE)
    late = Q(plans__actions__ends_on__lt=today) & ~Q(
        plans__actions__status__in=[Status.DONE, Status.CANCELLED]
    )
    return (
        Body.objects.filter(is_active=True, plans__isnull=False)
        .select_related("territory")
        .annotate(
            plan_count=Count("plans", distinct=True),
            action_count=Count("plans__actions", filter=counted, distinct=True),
            done_count=Count("plans__actions", filter=done, distinct=True),
            late_count=Count("plans__actions", filter=late, distinct=True),
        )
        .order_by("-late_count", "slug")
    )
