"""Tenant isolation in the admin: staff of body A reach nothing of body B through any route.

Every URL pattern under admin/ is walked from the resolver and aimed at body B's objects; a
route added later is walked too, and the test fails until it is sealed (or taught, in
`isolation.py`, which object its arguments name).
"""

from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from wagtail.models import Page

from achyk.bodies import references
from achyk.bodies.seal_forms import unsealed_admin_forms
from achyk.ui.tests.hostile import plain_rendering

from .isolation import WORD, UnknownArgument, admin_routes, probes, snapshot
from .isolation_inputs import (
    admin_forms,
    form_data,
    input_probes,
    references_of,
    referrer_count,
    saved_state,
)

REFUSED = (403, 404, 405)
#: Where Wagtail sends a user it refuses: the dashboard (with a message) or the login page.
SIGN_IN = "/admin/login/"
REFUSAL_REDIRECTS = ("/admin/", SIGN_IN)
#: Routes that carry no object and show no data of any body, with the reason they answer.
NO_DATA_ROUTES = {
    "wagtailadmin_login": "the sign-in form",
    "wagtailadmin_logout": "signing out",
    "wagtailadmin_password_reset": "the password reset form",
    "wagtailadmin_password_reset_done": "a fixed message",
    "wagtailadmin_password_reset_confirm": "a form for a reset link (the probe's link is invalid)",
    "wagtailadmin_password_reset_complete": "a fixed message",
    "wagtailadmin_javascript_catalog": "translations of the admin's scripts",
    "wagtailadmin_sprite": "the icon sprite",
}


@pytest.fixture
def worlds(isolation_worlds):
    """Body A's and body B's marked content, built once for the tests that read it."""
    return isolation_worlds


def leaks_in(response, marks) -> list[str]:
    text = response.content.decode("utf-8", "replace") + response.get("Location", "")
    lowered = text.lower()
    return [mark for mark in marks if mark.lower() in lowered]


def is_refusal(response) -> bool:
    if response.status_code in REFUSED:
        return True
    if response.status_code in (301, 302):
        return urlsplit(response["Location"]).path in REFUSAL_REDIRECTS
    return False


def walk(client, user, world, *, method="get"):
    """Every admin route aimed at `world` as `user`: (problems, unknown arguments, count)."""
    client.raise_request_exception = False
    with plain_rendering():  # reads statuses, addresses and HTML, never `response.context`
        return _walk(client, user, world, method)


class SignedIn:
    """`client` kept signed in as `user` through a walk, so that no answer is judged as an
    answer to nobody: signed in again before a request when the last one ended the session
    (signing out, the idle timeout: its cookie changed or went), and a request answered with
    the sign-in page is sent again, signed in anew, if the session had ended on the server.
    (Signing in anew before every request cost the walks about a seventh of their time.)"""

    def __init__(self, client, user):
        self.client, self.user, self.key = client, user, None

    def send(self, method: str, url: str, data=None):
        cookie = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        if self.key is None or cookie is None or cookie.value != self.key:
            self.sign_in()
        response = getattr(self.client, method)(url, data)
        if _to_sign_in(response) and SESSION_KEY not in self.client.session:
            self.sign_in()
            response = getattr(self.client, method)(url, data)
        return response

    def sign_in(self) -> None:
        self.client.force_login(self.user)
        self.key = self.client.cookies[settings.SESSION_COOKIE_NAME].value


def _to_sign_in(response) -> bool:
    return response.status_code in (301, 302) and urlsplit(response["Location"]).path == SIGN_IN


def _walk(client, user, world, method):
    problems, unknown, count = [], [], 0
    signed_in = SignedIn(client, user)
    for route in admin_routes():
        try:
            route_probes = probes(route, world)
        except UnknownArgument as error:
            unknown.append(str(error))
            continue
        for probe in route_probes:
            urls = [probe.url]
            if method == "get" and not probe.names_object:
                sep = "&" if "?" in probe.url else "?"
                urls.append(f"{probe.url}{sep}q={WORD}&term=sekret")
            for url in urls:
                count += 1
                response = signed_in.send(
                    method, url, _post_data(world) if method == "post" else None
                )
                if response.status_code >= 500:
                    problems.append(
                        f"{method.upper()} {url} ({route.name}): {response.status_code}"
                    )
                if probe.names_object and not is_refusal(response):
                    problems.append(
                        f"{method.upper()} {url} ({route.name}): answered {response.status_code}"
                    )
                if leaks := leaks_in(response, world.marks()):
                    problems.append(f"{method.upper()} {url} ({route.name}): shows {leaks}")
    return problems, unknown, count


def _post_data(world):
    """A form that would change the object if the view accepted it."""
    return {
        "title": "HACKED", "slug": "hacked", "action-publish": "1", "name": "HACKED",
        "role": "editor", "id": [world.draft.pk, world.image.pk], "collection": world.collection.pk,
        "selected-submissions": [world.submission.pk], "new_parent_page": world.home.pk,
    }  # fmt: skip


def test_admin_walks_every_route_of_the_project():
    names = {route.name for route in admin_routes()}
    assert len(admin_routes()) > 200
    assert {"wagtailimages:edit", "wagtaildocs:edit", "wagtailadmin_pages:edit"} <= names
    assert set(NO_DATA_ROUTES) <= names


def test_the_walk_signs_in_again_when_a_request_ended_the_session(client, editor_a):
    signed_in = SignedIn(client, editor_a)
    assert signed_in.send("get", "/admin/").status_code == 200
    client.post("/admin/logout/")  # as the walk's POST to the sign-out route does
    assert signed_in.send("get", "/admin/").status_code == 200
    Session.objects.all().delete()  # ended on the server, its cookie still sent
    assert signed_in.send("get", "/admin/").status_code == 200


def leaks(problems):
    return [problem for problem in problems if ": 5" not in problem]


def server_errors(problems):
    return [problem for problem in problems if ": 5" in problem]


def test_editor_of_another_body_reaches_nothing_and_meets_no_server_error_on_any_admin_route(
    client, worlds, editor_a
):
    """One walk checks both: nothing of body B shown or answered, and no server error."""
    _world_a, world_b = worlds
    problems, unknown, count = walk(client, editor_a, world_b)
    assert unknown == [], "teach isolation.py what these arguments name"
    assert count > 300
    found = {"leaks": leaks(problems), "server errors": server_errors(problems)}
    assert found == {"leaks": [], "server errors": []}, f"in {count} requests"


def test_admin_of_another_body_reaches_nothing_through_any_admin_route(client, worlds, admin_a):
    _world_a, world_b = worlds
    problems, unknown, count = walk(client, admin_a, world_b)
    assert unknown == []
    assert leaks(problems) == [], f"{len(leaks(problems))} leaks in {count} requests"


def test_posts_of_another_body_s_admin_change_nothing_of_the_body(client, worlds, admin_a):
    _world_a, world_b = worlds
    before = snapshot(world_b)
    problems, unknown, _count = walk(client, admin_a, world_b, method="post")
    assert unknown == []
    assert leaks(problems) == []
    assert snapshot(world_b) == before


def test_no_admin_form_takes_another_body_s_ids(client, worlds, admin_a):
    """Every admin form found from the page types and viewsets, with body B's ids POSTed into
    each field that takes one; the same request with body A's own ids is the control that the
    request is otherwise one the form accepts."""
    world_a, world_b = worlds
    gallery = apps.get_model("content", "GalleryPage")(title="Сүрөттөр", slug="surottor")
    world_a.home.add_child(instance=gallery)  # a page type with inline rows of images
    act = world_a.act
    act.__class__.objects.create(body=act.body, type=act.type, title="Токтом")  # to amend
    before = snapshot(world_b)
    client.raise_request_exception = False
    client.force_login(admin_a)
    walked, problems, count = [], [], 0
    for form in admin_forms(world_a):
        if is_refusal(client.get(form.url)):
            continue  # closed to body staff
        walked.append(form.name)
        problems += [f"{name}: not sealed" for name in unsealed_admin_forms([form.form_class])]
        own = {probe.field: probe for probe in input_probes(form, admin_a, world_a)}
        for probe in input_probes(form, admin_a, world_b):
            count += 1
            problems += _refusal_problems(client, probe, world_b)
            problems += _control_problems(client, own[probe.field])
    assert {"page content.NewsPage", "page content.GalleryPage", "edit documents.Act"} <= set(
        walked
    )
    assert problems == [], "\n".join([f"{len(problems)} in {count} requests", *problems])
    assert count > 25
    assert snapshot(world_b) == before


def reference_fields(form) -> list[tuple[str, str]]:
    """(name, kind) of each field of a drawn form whose choices are references to another
    app's objects (`bodies.references`: a priority's plan step, an action's budget line)."""
    found = []
    for name, field in form.fields.items():
        if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
            continue
        keys = [str(key) for key, _label in field.choices if key not in ("", None)]
        parts = [references.split(key) for key in keys]
        names = {part[0] for part in parts if part is not None}
        if keys and len(names) == 1 and None not in parts and names <= references.kinds():
            found.append((name, names.pop()))
    return found


def test_no_admin_form_takes_another_body_s_references(client, worlds, admin_a):
    """Fields that name another app's object by reference, not by id, are sealed too: each
    offers the body's own objects only, body B's reference is refused (nothing stored), and
    body A's own is the control that the request is otherwise one the form accepts."""
    world_a, world_b = worlds
    client.raise_request_exception = False
    client.force_login(admin_a)
    walked, problems = [], []
    for form in admin_forms(world_a):
        if form.instance.pk is None or is_refusal(client.get(form.url)):
            continue
        drawn = form.build(admin_a)
        for name, kind in reference_fields(drawn):
            walked.append(f"{form.name} {name}")
            offered = {str(key) for key, _label in drawn.fields[name].choices if key}
            foreign = [key for key, _label in references.choices(kind, world_b.body, "ky")]
            own = sorted(offered)[0]
            assert foreign, f"{form.name} {name}: body B has nothing of {kind} in the walk"
            if offered & set(foreign):
                problems.append(f"{form.name} {name}: offers body B's {offered & set(foreign)}")
            rows = form.model._default_manager.exclude(body=world_b.body)
            base = form_data(drawn)
            response = client.post(form.url, {**base, drawn.add_prefix(name): foreign[0]})
            if response.status_code != 200 or rows.filter(**{name: foreign[0]}).exists():
                problems.append(f"{form.name} {name}: took {foreign[0]} ({response.status_code})")
            response = client.post(form.url, {**base, drawn.add_prefix(name): own})
            if response.status_code != 302 or not rows.filter(**{name: own}).exists():
                problems.append(f"{form.name} {name}: own {own} not taken")
    assert {"edit plans.Action budget_line", "edit participation.Priority answered_by"} <= set(
        walked
    ), walked
    assert problems == [], "\n".join(problems)


def _refusal_problems(client, probe, world_b) -> list[str]:
    referrers = referrer_count(probe.target)
    response = client.post(probe.form.url, probe.data)
    where = f"{probe.form.name} {probe.field}"
    problems = []
    if response.status_code >= 500 or response.status_code in (301, 302):
        problems.append(f"{where}: answered {response.status_code}")
    if leaks := leaks_in(response, world_b.marks() + [world_b.draft.slug]):
        problems.append(f"{where}: shows {leaks}")
    stored = refers_to(probe.form, probe.target, besides=world_b.body)
    if stored or referrer_count(probe.target) != referrers:
        problems.append(f"{where}: stored {probe.target!r}")
    return problems


def _control_problems(client, probe) -> list[str]:
    referrers = referrer_count(probe.target)
    response = client.post(probe.form.url, probe.data)
    stored = refers_to(probe.form, probe.target) or referrer_count(probe.target) > referrers
    if response.status_code != 302 or not stored:
        form = (response.context or {}).get("form") if response.status_code == 200 else None
        errors = dict(form.errors) if form is not None else {}
        for name, formset in getattr(form, "formsets", {}).items():
            errors[name] = [formset.non_form_errors(), formset.errors]
        answer = f"{response.status_code} {errors}"
        return [f"{probe.form.name} {probe.field}: own id not taken ({answer})"]
    return []


def refers_to(form, target, *, besides=None) -> bool:
    """Whether an object of the form's model refers to `target`; with `besides`, the objects
    of that body are left out: the other body's goal refers to its own plan, and that is no
    leak through this body's form."""
    key = (target._meta.label_lower, str(target.pk))
    if issubclass(form.model, Page):
        state = saved_state(form)
        return key in references_of(state) or _base_key(target) in references_of(state)
    objects = form.model._default_manager.all()
    if besides is not None and any(f.name == "body" for f in form.model._meta.get_fields()):
        objects = objects.exclude(body=besides)
    return any(
        key in references_of(obj) or _base_key(target) in references_of(obj) for obj in objects
    )


def _base_key(target):
    if isinstance(target, Page):
        return ("wagtailcore.page", str(target.pk))
    return (target._meta.label_lower, str(target.pk))
