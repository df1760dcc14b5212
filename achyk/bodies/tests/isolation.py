"""Helpers of the isolation proof: a body full of marked content, and every admin URL of the
project aimed at it.

Page types are reached through `apps.get_model`, so that `bodies` imports none of our apps.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Model
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)

from achyk.bodies.models import Membership

from . import factories

#: A word in every title of every body, so that searches find the other body's objects.
WORD = "Тамга"


@dataclass
class Route:
    """One admin URL pattern: its name, its pattern and the arguments it takes."""

    name: str
    pattern: str
    kwargs: list[str]
    positional: int
    callback: object

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]


def admin_routes() -> list[Route]:
    """Every URL pattern under admin/, walked from the project's resolver."""
    return [
        route for route in _walk(get_resolver().url_patterns) if route.pattern.startswith("admin/")
    ]


def _walk(patterns, prefix="", namespaces=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            regex = entry.pattern.regex
            kwargs = list(regex.groupindex)
            yield Route(
                name=":".join(namespaces + (entry.name or "",)),
                pattern=prefix + str(entry.pattern),
                kwargs=kwargs,
                positional=regex.groups - len(kwargs),
                callback=entry.callback,
            )


@dataclass
class World:
    """A body's marked content: every string its objects show carries `marker`."""

    body: object
    marker: str
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error

    def marks(self) -> list[str]:
        """Strings that must never appear in another body's staff's responses."""
        plain = [self.marker, self.marker.lower(), f"СЕКРЕТ-{self.marker}"]
        escaped = [json.dumps(text)[1:-1] for text in plain]
        return sorted(set(plain + escaped))


@dataclass
class TwoWorlds:
    """Body A's and body B's worlds, built once as a layer on the shared platform
    (conftest.py, `isolation_worlds`)."""

    worlds: tuple

    @classmethod
    def build(cls, body_a, body_b) -> "TwoWorlds":
        return cls((populate(body_a, "SEKRETA"), populate(body_b, "SEKRETB")))

    def fresh(self) -> tuple:
        """The two worlds with every object read again from the database, so what a test
        changed on an instance does not reach the next test."""
        return tuple(
            World(body=_again(world.body), marker=world.marker,
                  objects={name: _again(obj) for name, obj in world.objects.items()})
            for world in self.worlds
        )  # fmt: skip


def _again(obj):
    """`obj` read again from the database if it is a saved model instance."""
    if isinstance(obj, Model) and obj.pk is not None:
        return type(obj)._base_manager.get(pk=obj.pk)
    return obj


def populate(body, marker: str) -> World:
    """Content of every kind for `body`, each titled with `marker`."""
    world = World(body=body, marker=marker)
    o = world.objects
    # Tags are one vocabulary for the platform (see test_tags_of_a_body_are_its_own).
    tag = f"tag-{len(marker)}-{marker[-1].lower()}"
    o["body"] = body
    o["editor"] = factories.staff(body, username=f"{marker.lower()}_editor")
    o["admin"] = factories.staff(
        body, role=Membership.Role.ADMIN, username=f"{marker.lower()}_admin"
    )
    o["admin"].last_name = f"СЕКРЕТ-{marker}"
    o["admin"].save()
    home = body.site.root_page.specific
    o["home"] = home
    news_index = apps.get_model("content", "NewsIndexPage").objects.child_of(home).get()
    o["news_index"] = news_index
    news_page = apps.get_model("content", "NewsPage")
    draft = news_page(
        title=f"СЕКРЕТ-{marker} {marker} draft {WORD}", slug=f"{marker.lower()}-draft", live=False
    )
    news_index.add_child(instance=draft)
    o["revision"] = draft.save_revision(user=o["editor"])
    o["draft"] = draft
    published = news_page(title=f"{marker} news {WORD}", slug=f"{marker.lower()}-news")
    news_index.add_child(instance=published)
    published.save_revision(user=o["editor"]).publish()
    published.title = f"{marker} news, unpublished change"
    published.save_revision(user=o["editor"])
    o["published"] = published
    locked = apps.get_model("content", "StandardPage")(
        title=f"{marker} locked {WORD}", slug=f"{marker.lower()}-locked"
    )
    home.add_child(instance=locked)
    locked.save_revision(user=o["editor"]).publish()
    Page.objects.filter(pk=locked.pk).update(
        locked=True, locked_by=o["editor"], locked_at=timezone.now()
    )
    o["locked"] = locked
    form_page = apps.get_model("content", "FeedbackFormPage").objects.child_of(home).get()
    o["form_page"] = form_page
    form_page.form_fields.create(label=f"{marker} question {WORD}", field_type="multiline")
    o["submission"] = apps.get_model("wagtailforms", "FormSubmission").objects.create(
        page=form_page, form_data={"question": f"{marker} submission"}
    )
    o["collection"] = body.collection.add_child(name=f"{marker} collection {WORD}")
    image = get_image_model().objects.create(
        title=f"{marker} image {WORD}", file=get_test_image_file(filename=f"{marker.lower()}.png"),
        collection=body.collection,
    )  # fmt: skip
    image.tags.add(tag)
    o["image"] = image
    document = get_document_model().objects.create(
        title=f"{marker} document {WORD}", collection=body.collection,
        file=ContentFile(b"%PDF-1.4 marker", name=f"{marker.lower()}.pdf"),
    )  # fmt: skip
    document.tags.add(tag)
    o["document"] = document
    o["uploaded_file"] = UploadedFile.objects.create(
        file=ContentFile(b"x", name=f"{marker.lower()}-upload.png"), uploaded_by_user=o["editor"],
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
    )  # fmt: skip
    o["editing_session"] = apps.get_model("wagtailadmin", "EditingSession").objects.create(
        user=o["editor"], content_type=ContentType.objects.get_for_model(Page),
        object_id=str(draft.pk), last_seen_at=timezone.now(),
    )  # fmt: skip
    o["redirect"] = apps.get_model("wagtailredirects", "Redirect").objects.create(
        old_path=f"/{marker.lower()}-old", site=body.site, redirect_page=published
    )
    _workflow_objects(world)
    if apps.is_installed("achyk.transparency"):
        _monitor_objects(world)
    if apps.is_installed("achyk.bin"):
        o["bin_entry"] = apps.get_model("bin", "BinEntry").objects.create(
            body=body, page=published, title=f"{marker} deleted", deleted_by=o["editor"]
        )
    o["act"] = apps.get_model("documents", "Act").objects.create(
        body=body, type=apps.get_model("documents", "DocumentType").objects.first(),
        title=f"{marker} act {WORD}", signatory=f"СЕКРЕТ-{marker}",
    )  # fmt: skip
    if apps.is_installed("achyk.budget"):
        _budget_objects(world)
        _citizens_objects(world)
    if apps.is_installed("achyk.requests"):
        _requests_objects(world)
    if apps.is_installed("achyk.subscriptions"):
        _subscriptions_objects(world)
    if apps.is_installed("achyk.plans"):
        _plans_objects(world)
    if apps.is_installed("achyk.participation"):
        _participation_objects(world)
    if apps.is_installed("achyk.social_order"):
        _social_order_objects(world)
    return world


def _requests_objects(world: World) -> None:
    """A request for information registered by staff, with a step in its log: all marked."""
    from achyk.requests import services

    o, marker = world.objects, world.marker
    o["information_request"] = services.register(
        body=world.body, channel="paper", language="ru", by=o["editor"],
        data=services.RequestIn(
            name=f"СЕКРЕТ-{marker}", email=f"{marker.lower()}@example.kg",
            question=f"{marker} question {WORD}", format="email",
        ),
    )  # fmt: skip
    services.assign(request=o["information_request"], to=o["editor"], by=o["editor"])


def _subscriptions_objects(world: World) -> None:
    """A confirmed subscriber whose letters bounced twice (its body's bounced letters)."""
    o, marker = world.objects, world.marker
    now = timezone.now()
    email = f"{marker.lower()}-reader@example.kg"
    o["subscriber"] = apps.get_model("subscriptions", "Subscriber").objects.create(
        body=world.body, email=email, language="ru", topics="news", frequency="daily",
        leave_key=f"{marker.lower()}-leave-key", confirmed_at=now, sent_until=now,
    )  # fmt: skip
    apps.get_model("subscriptions", "Bounce").objects.create(
        email=email, hard_bounces=2, last_bounced_on=now.date()
    )


def _plans_objects(world: World) -> None:
    """A published plan with a goal, objective, action (with a cost), indicator, update, and
    the monitoring group's assessment and approved report with a recommendation, all marked."""
    o, marker, body = world.objects, world.marker, world.body
    model = lambda name: apps.get_model("plans", name)  # noqa: E731
    plan = model("Plan").objects.create(
        body=body, start_year=2025, end_year=2030, is_published=True, approved_by=o["act"],
        title_ky=f"СЕКРЕТ-{marker} {marker} plan {WORD}", title_ru=f"{marker} plan {WORD}",
    )  # fmt: skip
    model("GroupMember").objects.create(plan=plan, name=f"СЕКРЕТ-{marker}", side="okmotu",
                                        gender="f")  # fmt: skip
    goal = model("Goal").objects.create(body=body, plan=plan, title_ky=f"{marker} goal {WORD}")
    objective = model("Objective").objects.create(
        body=body, goal=goal, title_ky=f"{marker} objective {WORD}"
    )
    action = model("Action").objects.create(
        body=body, objective=objective, title_ky=f"СЕКРЕТ-{marker} action {WORD}",
        starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 9, 1),
        document=o["document"], act=o["act"], page=o["published"],
    )  # fmt: skip
    model("CostLine").objects.create(action=action, source="local", year=2025, planned="1.00")
    indicator = model("Indicator").objects.create(
        body=body, plan=plan, title_ky=f"{marker} indicator {WORD}", unit="%",
        baseline_year=2024, baseline="1.00",
    )  # fmt: skip
    model("IndicatorValue").objects.create(indicator=indicator, year=2025, kind="target", value=2)
    model("ProgressUpdate").objects.create(
        body=body, action=action, status="in_progress", progress=10,
        text_ky=f"СЕКРЕТ-{marker} update {WORD}", image=o["image"],
    )  # fmt: skip
    report = model("MonitoringReport").objects.create(
        body=body, plan=plan, period="2025", checked=f"СЕКРЕТ-{marker}",
        findings=f"{marker} findings {WORD}", published_at=timezone.now(),
    )  # fmt: skip
    model("Recommendation").objects.create(report=report, text=f"СЕКРЕТ-{marker} {WORD}")
    flag = model("Assessment").objects.create(
        body=body, action=action, report=report, status="planned", rating=2,
        comment=f"СЕКРЕТ-{marker} {WORD}", state="answered", answer=f"СЕКРЕТ-{marker} answer",
    )  # fmt: skip
    model("EvidencePhoto").objects.create(
        body=body, assessment=flag, alt=f"СЕКРЕТ-{marker} photo {WORD}",
        image=get_test_image_file(filename=f"{marker.lower()}-big.png"),
        small=get_test_image_file(filename=f"{marker.lower()}-small.png"),
    )  # fmt: skip
    if "budget" in o:  # the budget line that funds the action (a reference, by budget and code)
        code = (
            apps.get_model("budget", "Classification")
            .objects.filter(country="KG", kind="economic", direction="expenditure")
            .first()
        )
        apps.get_model("budget", "Line").objects.create(
            budget=o["budget"], stage="approved", direction="expenditure", economic=code,
            amount="2.00", description=f"СЕКРЕТ-{marker} {WORD}",
        )  # fmt: skip
        action.budget_line = f"budget.line:{o['budget'].pk}-{code.pk}"
        action.save(update_fields=["budget_line"])
    o.update(plan=plan, plan_goal=goal, plan_objective=objective, plan_action=action,
             plan_indicator=indicator, monitoring_report=report, plan_flag=flag)  # fmt: skip


def _social_order_objects(world: World) -> None:
    """A call of the social order with an NGO's draft and a submitted application, a
    commission member, a contract with a paid tranche, reports and files, all marked."""
    from achyk.social_order.tests.factories import social_order_world

    world.objects.update(social_order_world(world.body, world.marker, WORD))


def _budget_objects(world: World) -> None:
    """A budget with a marked line and a marked import in the history."""
    o, marker = world.objects, world.marker
    budget = apps.get_model("budget", "Budget").objects.create(
        body=world.body, year=2026, currency="KGS", approved_by=o["act"]
    )
    code = apps.get_model("budget", "Classification").objects.filter(code="1111").first()
    apps.get_model("budget", "Line").objects.create(
        budget=budget, stage="approved", direction="revenue", economic=code, amount="1.00",
        description=f"СЕКРЕТ-{marker} {WORD}", source=f"{marker} donor",
    )  # fmt: skip
    apps.get_model("budget", "ImportRecord").objects.create(
        body=world.body, budget=budget, stage="approved", user=o["editor"],
        file_name=f"{marker}.xlsx", rows=1, replaced=0, revenue="1.00", expenditure="0.00",
    )  # fmt: skip
    o["budget"] = budget


def _citizens_objects(world: World) -> None:
    """A Citizens' Budget and a hearing with a proposal, all published and marked."""
    o, marker = world.objects, world.marker
    o["citizens_budget"] = apps.get_model("budget", "CitizensBudget").objects.create(
        body=world.body, year=2026, stage="approved", is_published=True,
        general_ky=f"СЕКРЕТ-{marker} {marker} {WORD}", general_ru=f"{marker} {WORD}",
    )  # fmt: skip
    o["hearing"] = apps.get_model("budget", "Hearing").objects.create(
        body=world.body, year=2027, starts_at=timezone.now(), is_published=True,
        place_ky=f"СЕКРЕТ-{marker} {WORD}", minutes_ru=f"{marker} minutes",
    )  # fmt: skip
    o["proposal"] = apps.get_model("budget", "Proposal").objects.create(
        hearing=o["hearing"], author=f"СЕКРЕТ-{marker}", text=f"{marker} proposal {WORD}"
    )


def _participation_objects(world: World) -> None:
    """A needs study with a focus group, a problem, a priority and its tally, a checklist, a
    settlement, own categories (of residents, of problems), a group with a member and an
    event, all marked.

    Of each model the walk aims at (the first in the model's order) nothing else refers: the
    objects that are referred to come second, so a form found storing another body's object
    is one that took it, not one of that body's own rows."""
    o, marker, body = world.objects, world.marker, world.body
    model = lambda name: apps.get_model("participation", name)  # noqa: E731
    now = timezone.now()
    earlier = now - datetime.timedelta(days=30)
    o["settlement"] = model("Settlement").objects.create(body=body, name_ky=f"A {marker} {WORD}")
    village = model("Settlement").objects.create(body=body, name_ky=f"Z {marker}")
    o["own_category"] = model("OwnCategory").objects.create(body=body, name_ky=f"{marker} cat")
    o["problem_category"] = model("ProblemCategory").objects.create(
        body=body, name_ky=f"СЕКРЕТ-{marker} {WORD}"
    )
    used_category = model("ProblemCategory").objects.create(body=body, name_ky=f"{marker} pc")
    o["checklist"] = model("Checklist").objects.create(
        body=body, title_ky=f"A {marker} checklist", questions_ky=f"СЕКРЕТ-{marker}?"
    )
    used = model("Checklist").objects.create(body=body, title_ky="Z", questions_ky="?")
    gathering = model("Event").objects.create(
        body=body, kind="gathering", title_ky=f"{marker} gathering", starts_at=earlier,
        is_published=True,
    )  # fmt: skip
    o["event"] = model("Event").objects.create(
        body=body, kind="meeting", title_ky=f"СЕКРЕТ-{marker} {WORD}", starts_at=now,
        is_published=True,
    )  # fmt: skip
    study = model("NeedsStudy").objects.create(
        body=body, title_ky=f"{marker} study {WORD}", starts_on=earlier.date(),
        ends_on=now.date(), adopted_by=gathering,
    )  # fmt: skip
    o["study"] = model("NeedsStudy").objects.create(
        body=body, title_ky=f"{marker} study 2", starts_on=now.date(), ends_on=now.date()
    )
    o["priority"] = model("Priority").objects.create(
        body=body, study=study, title_ky=f"{marker} priority {WORD}"
    )
    priority = model("Priority").objects.create(body=body, study=study, title_ky=f"{marker} p")
    o["focus_group"] = model("FocusGroup").objects.create(
        body=body, study=study, category="women", settlement=village, starts_at=now,
        checklist=used, notes_ky=f"СЕКРЕТ-{marker}",
    )  # fmt: skip
    model("Problem").objects.create(
        focus_group=o["focus_group"], text_ky=f"СЕКРЕТ-{marker}", priority=priority,
        own_category=used_category, raised_by=o["own_category"].code,
    )  # fmt: skip
    model("Tally").objects.create(priority=priority, focus_group=o["focus_group"], points=3)
    model("TallyChange").objects.create(
        body=body, priority=priority, focus_group=o["focus_group"], before=0, after=3
    )
    o["citizen_group"] = model("Group").objects.create(
        body=body, kind="initiative", name_ky=f"{marker} group {WORD}", priority=priority,
        approved_by=gathering,
    )  # fmt: skip
    model("Member").objects.create(group=o["citizen_group"], name=f"СЕКРЕТ-{marker}",
                                   gender="woman")  # fmt: skip


def _monitor_objects(world: World) -> None:
    """A JMEG member and a flag on the body's evidence, both marked."""
    o, marker = world.objects, world.marker
    member = get_user_model().objects.create_user(  # no staff role, no group: not staff
        username=f"{marker.lower()}_jmeg", last_name=f"СЕКРЕТ-{marker}"
    )
    o["jmeg_member"] = apps.get_model("transparency", "JmegMember").objects.create(
        body=world.body, user=member
    )
    o["evidence_flag"] = apps.get_model("transparency", "EvidenceFlag").objects.create(
        body=world.body, duty_code="news", kind="wrong", author=member,
        comment=f"СЕКРЕТ-{marker} {WORD}", evidence_title=f"{marker} evidence",
    )  # fmt: skip


def _workflow_objects(world: World) -> None:
    """Workflows are switched off; their routes are still probed with objects of the body."""
    o = world.objects
    o["workflow"] = Workflow.objects.create(name=f"{world.marker} workflow")
    o["task"] = Task.objects.create(name=f"{world.marker} task")
    page_type = ContentType.objects.get_for_model(Page)
    o["workflow_state"] = WorkflowState.objects.create(
        content_type=page_type, base_content_type=page_type, object_id=str(o["draft"].pk),
        workflow=o["workflow"], status="in_progress", requested_by=o["editor"],
    )  # fmt: skip
    o["task_state"] = TaskState.objects.create(
        workflow_state=o["workflow_state"], revision=o["revision"], task=o["task"],
        status="in_progress", content_type=page_type,
    )  # fmt: skip


#: Which of a body's objects each URL argument names, when the argument says it.
OBJECT_KWARGS = {
    "page_id": "draft", "parent_page_id": "news_index", "page_to_move_id": "draft",
    "destination_id": "news_index", "page_pk": "draft", "image_id": "image",
    "document_id": "document", "doc_id": "document", "revision_id": "revision",
    "collection_id": "collection", "uploaded_file_id": "uploaded_file",
    "session_id": "editing_session", "redirect_id": "redirect", "body_pk": "body",
    "workflow_pk": "workflow", "task_id": "task", "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
}  # fmt: skip
#: Arguments that name no object, with the value the probe uses and why it carries no data.
PLAIN_KWARGS = {
    "action_name": "approve",  # a workflow action's name
    "filter_spec": "original",  # an image rendition's format
    "content_type_app_name": "content",  # a page type
    "content_type_model_name": "newspage",
    "uidb64": "MQ",  # a password reset link for an unknown account
    "token": "set-password",
    "chapter": "budget",  # a chapter of the staff guide, the same for every body
    "language": "ru",  # the language of the printable staff guide, the same for every body
}
#: The objects of `pk` / `object_id`, by the model the route serves.
MODEL_OBJECTS = {
    "wagtailcore.page": "draft", "images.image": "image", "documents.document": "document",
    "auth.user": "admin", "auth.group": "editors_group", "wagtailcore.site": "site",
    "wagtailcore.locale": "locale", "wagtailcore.collection": "collection",
    "wagtailcore.workflow": "workflow", "wagtailcore.task": "task",
    "wagtailredirects.redirect": "redirect", "bodies.body": "body",
    "bodies.membership": "membership", "bodies.territory": "territory",
    "bin.binentry": "bin_entry", "documents.act": "act",
    "documents.documenttype": "document_type", "budget.budget": "budget",
    "budget.classification": "classification",
    "transparency.duty": "duty", "workdays.day": "holiday",
    "requests.law": "request_law",
}  # fmt: skip
# The social order's objects the walk aims at: ones nothing else of the body refers to.
MODEL_OBJECTS.update({
    "social_order.programme": "social_programme_free",
    "social_order.commission": "social_commission_free",
    "social_order.application": "social_application_free",
    "social_order.contract": "social_contract_free",
    "social_order.tranche": "social_tranche",
})  # fmt: skip
#: Namespaces (or route names) whose views do not name their model, and the model of `pk`.
NAMESPACE_MODELS = {
    "wagtailadmin_workflows:enable": "wagtailcore.workflow",
    "wagtailadmin_workflows:edit_task": "wagtailcore.task",
    "wagtailadmin_workflows:enable_task": "wagtailcore.task",
    "wagtailadmin_api:pages": "wagtailcore.page", "wagtailadmin_api:images": "images.image",
    "wagtailadmin_api:documents": "documents.document", "body_staff": "bodies.membership",
}  # fmt: skip


def object_of_model(world: World, model):
    """The body's object of `model`, or None when the world has none (the test then fails)."""
    o = world.objects
    derived = {
        "editors_group": world.body.editors_group, "site": world.body.site,
        "locale": Locale.objects.get(language_code=world.body.default_language),
        "membership": o["admin"].membership, "territory": world.body.territory,
        # Platform reference data, the same for every body: never marked.
        "document_type": apps.get_model("documents", "DocumentType").objects.first(),
        "classification": _first_of("budget", "Classification"),
        "duty": _first_of("transparency", "Duty"), "holiday": _first_of("workdays", "Day"),
        "request_law": _first_of("requests", "Law"),
    }  # fmt: skip
    label = model._meta.label_lower
    if issubclass(model, Page):
        page = model.objects.filter(pk__in=[o["draft"].pk, o["home"].pk, o["form_page"].pk])
        return page.first() or model.objects.filter(path__startswith=o["home"].path).first()
    if label in MODEL_OBJECTS:
        key = MODEL_OBJECTS[label]
        return derived.get(key) or o.get(key)
    if any(f.name == "body" for f in model._meta.get_fields()):
        return model._default_manager.filter(body=world.body).first()
    return None


def _first_of(app_label: str, model_name: str):
    if not apps.is_installed(f"achyk.{app_label}"):
        return None
    return apps.get_model(app_label, model_name).objects.first()


def route_model(route: Route):
    namespace = route.namespace
    for name in (route.name, namespace, namespace.split(":")[0], namespace.rpartition(":")[0]):
        if name in NAMESPACE_MODELS:
            return apps.get_model(NAMESPACE_MODELS[name])
    if namespace.startswith("wagtailsnippets_"):
        app_label, _sep, model_name = namespace.removeprefix("wagtailsnippets_").rpartition("_")
        return apps.get_model(app_label, model_name)
    model = getattr(route.callback, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(route.callback, "view_class", None), "model", None)
    if isinstance(model, str):
        return apps.get_model(model)
    return model if isinstance(model, type) else None


@dataclass
class Probe:
    route: Route
    url: str
    names_object: bool


class UnknownArgument(Exception):
    """A route takes an argument the test does not know how to aim at a body's object."""


def probes(route: Route, world: World) -> list[Probe]:
    """The requests that aim `route` at `world`'s objects (several for typed routes)."""
    if route.name == "wagtail_bulk_action":
        return _bulk_probes(route, world)
    if route.pattern.endswith("^.*/$"):
        return [Probe(route, "/admin/no-such-place/", False)]
    if route.name == "wagtailadmin_pages:revisions_compare":
        url = reverse(route.name, args=[world.draft.pk, "earliest", "latest"])
        return [Probe(route, url, True)]
    if route.positional:
        raise UnknownArgument(f"{route.name}: positional arguments in {route.pattern}")
    kwargs, names_object = {}, False
    typed = _typed_kwargs(route, world)
    for name in route.kwargs:
        if name in typed:
            kwargs[name] = typed[name]
            names_object |= name in ("object_id", "pk")
        elif name in OBJECT_KWARGS:
            kwargs[name] = world.objects[OBJECT_KWARGS[name]].pk
            names_object = True
        elif name in PLAIN_KWARGS:
            kwargs[name] = PLAIN_KWARGS[name]
        elif name in ("pk", "object_id"):
            model = route_model(route)
            obj = object_of_model(world, model) if model else None
            if obj is None:
                raise UnknownArgument(f"{route.name}: no object of {model} for `{name}`")
            kwargs[name] = obj.pk
            names_object = True
        else:
            raise UnknownArgument(f"{route.name}: unknown argument `{name}` in {route.pattern}")
    return [Probe(route, _url(route, kwargs), names_object)]


def _typed_kwargs(route: Route, world: World) -> dict:
    """Routes whose `app_label`/`model_name` say the model of their object."""
    if "app_label" not in route.kwargs and "app_name" not in route.kwargs:
        return {}
    if "app_name" in route.kwargs:  # tag autocompletion: a tag model, no object
        return {"app_name": "taggit", "model_name": "tag"}
    if "object_id" in route.kwargs or "pk" in route.kwargs:
        key = "object_id" if "object_id" in route.kwargs else "pk"
        return {"app_label": "wagtailcore", "model_name": "page", key: world.draft.pk}
    return {"app_label": "content", "model_name": "newspage"}


def _bulk_probes(route: Route, world: World) -> list[Probe]:
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    result = []
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            model = apps.get_model(app_label, model_name)
            obj = object_of_model(world, model)
            if obj is None:
                raise UnknownArgument(f"bulk actions of {app_label}.{model_name}: no object")
            for action in actions:
                url = reverse(route.name, args=[app_label, model_name, action])
                result.append(Probe(route, f"{url}?id={obj.pk}", True))
                if issubclass(model, Page):
                    result.append(Probe(route, f"{url}?id=all&childOf={world.home.pk}", True))
                else:  # "all in the listing": the user's own listing, so only no marker
                    result.append(Probe(route, f"{url}?id=all", False))
    return result


def _url(route: Route, kwargs: dict) -> str:
    if route.name and not route.name.endswith(":"):
        try:
            return reverse(route.name, kwargs=kwargs)
        except NoReverseMatch:
            pass
    url = "/" + route.pattern.replace("^", "").replace("$", "")
    for name, value in kwargs.items():
        for converter in ("int", "str", "slug", "path", "uuid"):
            url = url.replace(f"<{converter}:{name}>", str(value))
        url = url.replace(f"<{name}>", str(value))
    return url


def snapshot(world: World) -> dict:
    """What must not change when another body's staff send requests: the body's data."""
    home = world.home
    pages = Page.objects.filter(path__startswith=home.path[: Page.steplen * 1]).filter(
        path__startswith=home.path
    )
    image_model, document_model = get_image_model(), get_document_model()
    users = Membership.objects.filter(body=world.body).select_related("user")
    return {
        "pages": sorted(
            pages.values_list(
                "pk",
                "title",
                "draft_title",
                "slug",
                "live",
                "locked",
                "path",
                "latest_revision_id",
                "has_unpublished_changes",
                "url_path",
            )
        ),
        "revisions": sorted(world.draft.revisions.values_list("pk", flat=True)),
        "images": sorted(
            image_model.objects.filter(body=world.body).values_list("pk", "title", "collection_id")
        ),
        "image_tags": sorted(world.image.tags.names()),
        "documents": sorted(
            document_model.objects.filter(body=world.body).values_list(
                "pk", "title", "collection_id", "is_archived"
            )
        ),
        "submissions": world.submission.__class__.objects.filter(page=world.form_page).count(),
        "collections": sorted(
            Collection.objects.filter(path__startswith=world.body.collection.path).values_list(
                "pk", "name", "path"
            )
        ),
        "staff": sorted(
            (
                m.user.pk,
                m.user.is_active,
                m.role,
                m.user.last_name,
                m.user.password,
                sorted(m.user.groups.values_list("pk", flat=True)),
            )
            for m in users
        ),  # fmt: skip
        "site": (world.body.site.hostname, world.body.site.root_page_id),
        "redirects": world.redirect.__class__.objects.filter(site=world.body.site).count(),
        "body": tuple(
            world.body.__class__.objects.filter(pk=world.body.pk).values_list(
                "slug", "name_ky", "is_active"
            )
        ),
        "groups": sorted(world.body.editors_group.permissions.values_list("pk", flat=True)),
        "uploads": UploadedFile.objects.filter(pk=world.uploaded_file.pk).count(),
        "plan_flags": _plan_flags(world),
    }


def _plan_flags(world: World) -> list:
    """The monitoring group's flags on the body's actions, with the body's answers."""
    if not apps.is_installed("achyk.plans"):
        return []
    flags = apps.get_model("plans", "Assessment").objects.filter(body=world.body)
    photos = apps.get_model("plans", "EvidencePhoto").objects.filter(body=world.body)
    return sorted(
        flags.values_list("pk", "state", "answer", "answered_by_id", "reopen_note")
    ) + sorted(photos.values_list("pk", "alt", "image", "small"))
