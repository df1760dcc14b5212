"""Every admin address a user can open, filled in with the demo's own objects.

Routes come from the project's resolver (as in the isolation proof, `bodies/tests/isolation`);
the model each URL argument names is read as the seal reads it (`bodies.seal`), so a route
added later is walked without teaching this module anything. Each route is opened with:

* every object of the demo's bodies the user reaches (pages, images, documents, acts,
  budgets, the bodies and their staff...) when the route is an object's own page: edit,
  inspect, detail, a body's staff or to-do list (`EVERY_OBJECT`), and one object of each kind
  of the platform's reference data (duties, holidays, classification codes, territory,
  groups); of the objects the user does not reach, the first only: the seal refuses them all
  alike, and the isolation proof aims every route at every kind of another body's objects;
* for the other routes (history, usage, revisions, delete and move confirmations, choosers,
  bulk actions), one object of each kind (each page type) for a platform admin, who reaches
  every object; for anyone else one object, the user's own where the user reaches one, taken
  in turn from each kind the user reaches, so that the user's walk meets every kind over its
  routes. These screens are Wagtail's own, alike for every kind: the platform admin's walk
  opens each of them with each kind, the other logins' walks each of them in each role;
* lists that export spreadsheets are also opened as CSV and XLSX.

A route whose arguments name no object of the demo (workflows are switched off, no page is
in the bin) is not opened; `Walk.unfilled` names it.
"""

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, Revision

from achyk.bodies import seal
from achyk.bodies.models import Body
from achyk.bodies.roles import body_of, is_platform_admin
from achyk.bodies.tenancy import body_for_page, object_in_reach
from achyk.bodies.tests.isolation import PLAIN_KWARGS, Route, _url, admin_routes

#: Last words of routes that are an object's own page, opened for every object of a body.
#: The word is the last of the route's name, split at ":" and "_": so a page's preview on
#: edit ("preview_on_edit"), its admin API detail and its list of revisions ("revisions_index")
#: are opened for every page as well.
EVERY_OBJECT = frozenset({"edit", "inspect", "detail", "index", "todo", "answer", "role"})
#: Routes that are not pages: signing out would end the walk; `failwhale` is Wagtail's
#: deliberate server error (the seal closes it to staff); the catch-all is the admin's 404.
NOT_PAGES = frozenset({"wagtailadmin_logout", "wagtailadmin_error_test"})
#: Values of arguments that name no object: an image format, a bulk action.
PLAIN = {**PLAIN_KWARGS, "filter_spec": "max-165x165", "action": "delete"}


@dataclass
class Walk:
    """The addresses of the walk, and the routes it found no demo object for."""

    urls: list[str] = field(default_factory=list)
    unfilled: list[str] = field(default_factory=list)


def admin_walk(user) -> Walk:
    """The addresses `user` opens: every admin route, filled in with the demo's objects."""
    walker, walk = Walker(user), Walk()
    for route in admin_routes():
        if route.name in NOT_PAGES or route.pattern.endswith("^.*/$"):
            continue
        urls = walker.addresses(route)
        walk.urls += urls
        if not urls:
            walk.unfilled.append(route.name or route.pattern)
    walk.urls = list(dict.fromkeys(walk.urls))
    return walk


def word(route: Route) -> str:
    """The last word of a route's name ("edit"), or of its pattern for an unnamed route."""
    if route.name:
        return re.split(r"[:_]", route.name)[-1]
    literal = [part for part in route.pattern.split("/") if part and "<" not in part]
    return literal[-1] if literal else ""


def argument_model(route: Route, name: str):
    """The model a URL argument names, as the seal reads it; None for a plain argument."""
    if name in seal.OBJECT_KWARGS:
        return seal.resolve_model(seal.OBJECT_KWARGS[name])
    if name in seal.GENERIC_KWARGS and not {"app_label", "model_name"} & set(route.kwargs):
        match = SimpleNamespace(namespace=route.namespace, view_name=route.name)
        return seal.route_model(match, route.callback)
    return None


class Walker:
    """Fills routes with objects for one user; remembers whose each object is."""

    def __init__(self, user):
        self.user = user
        self.owners: dict = {}
        self.each_kind = is_platform_admin(user)
        self._samples: dict = {}  # model -> sample(model): asked for by every route
        self._reached: dict = {}  # (model, pk) -> whether the seal lets the user reach it
        self._turn = -1

    def addresses(self, route: Route) -> list[str]:
        if route.name == "wagtail_bulk_action":
            return self._bulk(route)
        if route.name == "wagtailadmin_pages:revisions_compare":
            return [
                reverse(route.name, args=[page.pk, "earliest", "latest"])
                for page in self.one_each(self.kinds(Page))
            ]
        main = next((name for name in route.kwargs if argument_model(route, name)), None)
        if main is None:
            typed = self._typed(route)
            exports = [url for kwargs in typed[:1] for url in _exports(route, kwargs)]
            return [_url(route, kwargs) for kwargs in typed] + exports
        model = argument_model(route, main)
        sampled = self.one_each(
            [kwargs for obj in self.kinds(model) if (kwargs := self._fill(route, main, obj))]
        )
        filled = sampled
        if word(route) in EVERY_OBJECT:
            objects = self.reached(self.every(model))
            filled = [kwargs for obj in objects if (kwargs := self._fill(route, main, obj))]
        exports = [url for kwargs in sampled for url in _exports(route, kwargs)]
        return [_url(route, kwargs) for kwargs in filled] + exports

    def reached(self, objects: list) -> list:
        """The objects the user reaches, and the first of those it does not."""
        refused = next((obj for obj in objects if not self.reaches(obj)), None)
        return [obj for obj in objects if self.reaches(obj) or obj is refused]

    def kinds(self, model) -> list:
        """One object of each kind (`sample`). For anyone but a platform admin, the kinds the
        user reaches come first, from the next one on for each next route."""
        samples = self.sample(model)
        if self.each_kind:
            return samples
        mine = [obj for obj in samples if self.reaches(obj)]
        others = [obj for obj in samples if not self.reaches(obj)]
        self._turn += 1
        turn = self._turn % len(mine) if mine else 0
        return mine[turn:] + mine[:turn] + others

    def one_each(self, choices: list) -> list:
        """What a route that is not an object's own page is opened with, of `choices` in the
        order `kinds` gives: each of them for a platform admin, the first for anyone else."""
        return choices if self.each_kind else choices[:1]

    def every(self, model) -> list:
        """Every object of the demo's bodies, and one of each kind of no body."""
        objects = list(model._default_manager.order_by("pk"))
        return [obj for obj in objects if self.owner(obj)] + [
            obj for obj in self.sample(model) if not self.owner(obj)
        ]

    def sample(self, model) -> list:
        """One object of each kind (each page type): the user's own if the user reaches one.
        Read once per model: the walk asks it for nearly every route."""
        if model not in self._samples:
            self._samples[model] = self._sample(model)
        return list(self._samples[model])

    def _sample(self, model) -> list:
        chosen: dict = {}
        for obj in model._default_manager.order_by("pk"):
            kind = getattr(obj, "content_type_id", None)
            if kind not in chosen or (not chosen[kind][1] and self.reaches(obj)):
                chosen[kind] = (obj, self.reaches(obj))
        return [obj for obj, _reached in chosen.values()]

    def reaches(self, obj) -> bool:
        """Whether the seal lets the user reach `obj` (`tenancy.object_in_reach`)."""
        key = (type(obj), obj.pk)
        if key not in self._reached:
            self._reached[key] = object_in_reach(self.user, type(obj), obj.pk)
        return self._reached[key]

    def owner(self, obj):
        """The pk of the demo body `obj` belongs to, or None."""
        key = (type(obj), obj.pk)
        if key not in self.owners:
            self.owners[key] = _owner(obj)
        return self.owners[key]

    def _fill(self, route: Route, main: str, obj) -> dict | None:
        kwargs = {main: obj.pk}
        for name in route.kwargs:
            model = argument_model(route, name) if name != main else None
            if model is not None:
                kwargs[name] = getattr(companion(obj, model), "pk", None)
            elif name in ("content_type_app_name", "content_type_model_name"):
                child = _child_type(obj)
                kwargs["content_type_app_name"] = child and child._meta.app_label
                kwargs["content_type_model_name"] = child and child._meta.model_name
            elif name != main:
                kwargs[name] = PLAIN.get(name)
        return None if None in kwargs.values() else kwargs

    def _typed(self, route: Route) -> list[dict]:
        """Routes whose arguments name a type, not an object: each page type of the demo."""
        names = set(route.kwargs)
        if names == {"app_name", "model_name"}:
            return [{"app_name": "taggit", "model_name": "tag"}]
        if names == {"app_label", "model_name"} and "task" in route.name:
            return [{"app_label": "wagtailcore", "model_name": "task"}]
        if names == {"app_label", "model_name"}:
            return [{"app_label": app, "model_name": name} for app, name in self._page_types()]
        if names == {"content_type_app_name", "content_type_model_name"}:
            keys = ("content_type_app_name", "content_type_model_name")
            return [dict(zip(keys, pair, strict=True)) for pair in self._page_types()]
        if names <= set(PLAIN):
            return [{name: PLAIN[name] for name in names}]
        return []

    def _page_types(self) -> list[tuple[str, str]]:
        """(app label, model name) of the demo's page types, as `one_each` takes them."""
        classes = [page.specific_class for page in self.kinds(Page)]
        types = [(cls._meta.app_label, cls._meta.model_name) for cls in classes
                 if cls not in (None, Page)]  # fmt: skip
        return self.one_each(list(dict.fromkeys(types)))

    def _bulk(self, route: Route) -> list[str]:
        """Each bulk action's confirmation, for the objects of each model `one_each` takes."""
        urls = []
        for action in hooks.get_hooks("register_bulk_action"):
            for model in action.models:
                meta = model._meta
                args = [meta.app_label, meta.model_name, action.action_type]
                url = reverse(route.name, args=args)
                urls += [f"{url}?id={obj.pk}" for obj in self.one_each(self.kinds(model))]
        return urls


def companion(obj, model):
    """An object of `model` that goes with `obj` in one address: a page's latest revision, a
    page's parent (where it would be moved), else the first object of the model."""
    if isinstance(obj, Page) and issubclass(model, Revision):
        return obj.latest_revision
    if isinstance(obj, Page) and issubclass(model, Page):
        return obj.get_parent()
    return model._default_manager.order_by("pk").first()


def _child_type(page):
    if not isinstance(page, Page) or page.specific_class is None:
        return None
    types = page.specific_class.creatable_subpage_models()
    return types[0] if types else None


def _exports(route: Route, kwargs: dict) -> list[str]:
    """A list that offers spreadsheets is also opened as CSV and XLSX."""
    view = getattr(route.callback, "view_class", None)
    exports = route.name == "wagtailforms:list_submissions" or (
        isinstance(view, type)
        and issubclass(view, SpreadsheetExportMixin)
        and bool(getattr(view, "list_export", None))
    )
    if not exports:
        return []
    url = _url(route, kwargs)
    return [f"{url}?export=csv", f"{url}?export=xlsx"]


def _owner(obj):
    if isinstance(obj, Body):
        return obj.pk
    if isinstance(obj, Page):
        body = body_for_page(obj)
        return body.pk if body else None
    if isinstance(obj, Revision):
        target = obj.content_object
        return _owner(target) if target is not None else None
    if isinstance(obj, get_user_model()):
        body = body_of(obj)
        return body.pk if body else None
    return getattr(obj, "body_id", None)
