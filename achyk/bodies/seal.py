"""The admin's tenant seal: no admin URL reaches another body's object.

Wagtail is multi-site, not multi-tenant: its admin routes take object ids from the URL and
several of its places are global. `TenantSealMiddleware` stands in front of every view under
/admin/ and, for body staff (not platform admins, not supervisors):

* refuses (403) the platform-level places: sites, locales, groups, collections, workflows,
  redirects, settings, snippets index, the page-types report;
* resolves which model each URL keyword argument names (from the argument's name, or for
  `pk`/`object_id` from the route's namespace or the view's model) and answers 404, like a
  missing object, when the object is out of the user's reach (`tenancy.object_in_reach`);
* answers 404 for an argument it does not know: a new route fails closed until it is taught
  here which object its argument names (`OBJECT_KWARGS`) or that it names none (`PLAIN_KWARGS`);
* checks the ids of bulk actions (`?id=`, `?childOf=`) and of request parameters that name
  objects (`PARAM_OBJECTS`, `QUERY_OBJECTS`: a copy's or move's destination, the admin API's
  JSON bodies and page filters, a listing's user filters), 404 when out of reach;
* limits the filters of every admin listing to the body's own (`process_template_response`);
* answers tag autocompletion with the tags of the body's own images and documents.

Supervisors read every body and change none: any unsafe method is refused (403), except
signing out and their own account's settings. Listings, choosers and menus are filtered by
the hooks in `seal_hooks`; ids inside forms (choosers, inline rows, rich text, StreamFields)
by `seal_forms`. See docs/adr/0001-tenancy.md.
"""

import json

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect

from .roles import body_of, is_supervisor, sees_all_bodies
from .tenancy import object_in_reach

PAGE = "wagtailcore.Page"
IMAGE = "WAGTAILIMAGES_IMAGE_MODEL"
DOCUMENT = "WAGTAILDOCS_DOCUMENT_MODEL"

#: URL keyword arguments that name an object, with the model they name.
OBJECT_KWARGS = {
    "page_id": PAGE, "parent_page_id": PAGE, "page_to_move_id": PAGE, "destination_id": PAGE,
    "page_pk": PAGE, "image_id": IMAGE, "document_id": DOCUMENT, "doc_id": DOCUMENT,
    "revision_id": "wagtailcore.Revision", "collection_id": "wagtailcore.Collection",
    "uploaded_file_id": "wagtailcore.UploadedFile", "session_id": "wagtailadmin.EditingSession",
    "redirect_id": "wagtailredirects.Redirect", "workflow_pk": "wagtailcore.Workflow",
    "task_id": "wagtailcore.Task", "task_state_id": "wagtailcore.TaskState",
    "workflow_state_id": "wagtailcore.WorkflowState", "body_pk": "bodies.Body",
}  # fmt: skip
#: Arguments that name the object of the route's own model.
GENERIC_KWARGS = ("pk", "object_id")
#: Arguments that name no object (a type, an action, a format, a token).
PLAIN_KWARGS = frozenset(
    {"action_name", "action", "filter_spec", "content_type_app_name", "content_type_model_name",
     "app_label", "model_name", "app_name", "uidb64", "token", "chapter", "language"}
)  # fmt: skip
#: The model of `pk` in routes whose views do not say it themselves.
NAMESPACE_MODELS = {
    "wagtailadmin_api:pages": PAGE, "wagtailadmin_api:images": IMAGE,
    "wagtailadmin_api:documents": DOCUMENT, "wagtailimages_chooser": IMAGE,
    "wagtaildocs_chooser": DOCUMENT,
}  # fmt: skip
# The body panel's routes (`body_staff`, `bodies_admin`, `bin`) name their model on the view:
# a staff list's `pk` is a body's, a member's route's `pk` a membership's.
#: Platform-level places, closed to body staff: their objects belong to no body, or their
#: pages summarise every body (sites, locales, groups, workflows and tasks, redirects, the
#: collection tree, settings, the snippets index, page types across all bodies, the locked
#: pages report (its filter lists every user who locked a page), every user
#: account: a body's admins manage its staff in the body panel, `body_staff`).
CLOSED_NAMESPACES = frozenset(
    {"wagtailusers_users", "wagtailsites", "wagtaillocales", "wagtailusers_groups",
     "wagtailadmin_workflows", "wagtailredirects", "wagtailadmin_collections",
     "wagtailsettings", "wagtailsnippets"}
)  # fmt: skip
CLOSED_VIEWS = frozenset(
    {"wagtailadmin_reports:workflow", "wagtailadmin_reports:workflow_results",
     "wagtailadmin_reports:workflow_tasks", "wagtailadmin_reports:workflow_tasks_results",
     "wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results",
     "wagtailadmin_pages:type_use", "wagtailadmin_pages:type_use_results",
     "wagtailadmin_reports:locked_pages", "wagtailadmin_reports:locked_pages_results",
     "wagtailadmin_error_test"}
)  # fmt: skip
#: What a supervisor may send with an unsafe method: signing out, their own account (its
#: two-step sign-in included).
SUPERVISOR_WRITES = frozenset(
    {"wagtailadmin_logout", "wagtailadmin_account", "wagtailadmin_dismissibles",
     "wagtailadmin_editing_sessions:ping", "wagtailadmin_editing_sessions:release",
     "signin_setup", "signin_verify", "signin_codes"}
)  # fmt: skip
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COLLECTION, REVISION, USER = "wagtailcore.Collection", "wagtailcore.Revision", "USER"
#: Request parameters (query string, form body, JSON body) that name an object, on any admin
#: route: a copy's or move's destination, the admin API's filters and actions, the parent of
#: a new page, an upload's collection, a revision the editor loaded, a listing's user filters.
PARAM_OBJECTS = {
    "new_parent_page": PAGE, "parent_page": PAGE, "parent_page_id": PAGE,
    "destination_page_id": PAGE, "child_of": PAGE, "descendant_of": PAGE, "ancestor_of": PAGE,
    "translation_of": PAGE, "childOf": PAGE, "collection_id": COLLECTION,
    "collection": COLLECTION, "revision_id": REVISION, "overwrite_revision_id": REVISION,
    "loaded_revision_id": REVISION,
}  # fmt: skip
#: Query string parameters that name an object: the user filters of listings and reports.
QUERY_OBJECTS = {"owner": USER, "edited_by": USER, "user": USER}
#: Parameters that name an object on one route only: the bulk move's destination.
ROUTE_PARAM_OBJECTS = {"wagtail_bulk_action": {"chooser": PAGE}}
#: Values of page parameters that name the tree's root, not an object.
ROOT_VALUES = frozenset({"root", ""})


def resolve_model(label: str):
    """The model class for an app label ("wagtailcore.Page") or a settings name."""
    if label == IMAGE:
        from wagtail.images import get_image_model

        return get_image_model()
    if label == DOCUMENT:
        from wagtail.documents import get_document_model

        return get_document_model()
    if label == USER:
        from django.contrib.auth import get_user_model

        return get_user_model()
    return apps.get_model(label)


def route_model(match, view_func):
    """The model a route serves: from its namespace, its snippet namespace or its view."""
    for namespace in (match.namespace, match.namespace.split(":")[0]):
        if namespace in NAMESPACE_MODELS:
            return resolve_model(NAMESPACE_MODELS[namespace])
    if match.namespace.startswith("wagtailsnippets_"):
        # wagtailsnippets_<app_label>_<model_name>; model names hold no underscore.
        label = match.namespace.split(":")[0].removeprefix("wagtailsnippets_")
        app_label, _sep, model_name = label.rpartition("_")
        return apps.get_model(app_label, model_name)
    model = getattr(view_func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(view_func, "view_class", None), "model", None)
    if isinstance(model, str):
        return apps.get_model(model)
    return model if isinstance(model, type) else None


def named_objects(match, view_func, kwargs):
    """[(model, id)] for every object the URL names. Raises Http404 for an unknown argument."""
    objects = []
    if match.view_name == "wagtailadmin_pages:revisions_compare" and match.args:
        objects.append((resolve_model(PAGE), match.args[0]))
    for name, value in kwargs.items():
        if name in OBJECT_KWARGS:
            objects.append((resolve_model(OBJECT_KWARGS[name]), value))
        elif name in GENERIC_KWARGS:
            model = _model_from_kwargs(kwargs) or route_model(match, view_func)
            if model is None:
                raise Http404
            objects.append((model, value))
        elif name not in PLAIN_KWARGS:
            raise Http404  # fail closed: teach the seal what this argument names
    return objects


def _model_from_kwargs(kwargs):
    app_label, model_name = kwargs.get("app_label"), kwargs.get("model_name")
    if not (app_label and model_name):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error


class TenantSealMiddleware:
    """Refuses any admin view whose URL names another body's object or a platform-level place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        """A listing's filters offer only what the user may reach (its owners, editors, sites,
        collections): they are drawn after the view, so every listing is covered."""
        user = getattr(request, "user", None)
        if request.path_info.startswith("/admin/") and user and user.is_authenticated:
            filters = (response.context_data or {}).get("filters")
            if filters is not None and hasattr(filters, "form"):
                from .seal_forms import seal_choice_fields

                seal_choice_fields(filters.form, user)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        match = request.resolver_match
        if is_supervisor(user):
            if request.method not in SAFE_METHODS and match.view_name not in SUPERVISOR_WRITES:
                raise PermissionDenied
            return None
        if sees_all_bodies(user):
            return None
        return seal_view(request, match, view_func, view_kwargs)


def seal_view(request, match, view_func, view_kwargs):
    """The seal for body staff (and for signed-in users of no body, who reach nothing)."""
    user = request.user
    if match.namespace.split(":")[0] in CLOSED_NAMESPACES or match.view_name in CLOSED_VIEWS:
        raise PermissionDenied
    for model, pk in named_objects(match, view_func, view_kwargs):
        if not object_in_reach(user, model, pk):
            raise Http404
    for model, pk in named_parameters(request, match):
        if not object_in_reach(user, model, pk):
            raise Http404
    if match.view_name == "wagtail_bulk_action":
        _seal_bulk_action(request, _model_from_kwargs(view_kwargs))
    if match.view_name in ("wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"):
        return JsonResponse(_own_tags(user, request.GET.get("term", "")), safe=False)
    if match.view_name == "wagtailadmin_explore_root" and not request.GET:
        return _own_home(user)  # a search or filter of the whole tree stays here
    return None


def _own_home(user):
    """The tree's root lists every body's home: staff are sent to their own
    (panel/explorer.py); a user of no body sees the (sealed, empty) root."""
    from .panel.explorer import home_page_for

    home = home_page_for(user)
    return redirect("wagtailadmin_explore", home.pk) if home is not None else None


def named_parameters(request, match):
    """[(model, id)] for every request parameter that names an object (`PARAM_OBJECTS`), in
    the query string, a form body or a JSON body."""
    names = {**PARAM_OBJECTS, **ROUTE_PARAM_OBJECTS.get(match.view_name, {})}
    objects = []
    for index, params in enumerate(_parameters(request)):
        for name, label in ({**names, **QUERY_OBJECTS} if index == 0 else names).items():
            for value in params.get(name, []):
                if label == PAGE and str(value) in ROOT_VALUES:
                    continue
                if value in ("", None):
                    continue
                objects.append((resolve_model(label), value))
    return objects


def _parameters(request):
    """The request's parameters as {name: [values]}: the query string first, then the form
    body or the JSON body."""
    yield {name: request.GET.getlist(name) for name in request.GET}
    if request.method in SAFE_METHODS:
        return
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return
        if isinstance(body, dict):
            yield {name: value if isinstance(value, list) else [value]
                   for name, value in body.items()}  # fmt: skip
        return
    yield {name: request.POST.getlist(name) for name in request.POST}


def _seal_bulk_action(request, model):
    ids = request.GET.getlist("id")
    user = request.user
    if "all" in ids:
        # "All in the listing" means every object of the model for pages and users.
        parent = request.GET.get("childOf")
        if parent is None and not _is_body_owned(model):
            raise Http404
        ids = [i for i in ids if i != "all"]
    if request.GET.get("childOf") and model is not None and _is_page(model):
        ids.append(request.GET["childOf"])
    for pk in ids:
        if not object_in_reach(user, model, pk):
            raise Http404
    if "all" in request.GET.getlist("id") and _is_page(model):
        _require_own_page(user, request.GET.get("childOf"))


def _require_own_page(user, page_id):
    from wagtail.models import Page

    from .tenancy import body_for_page

    page = Page.objects.filter(pk=page_id).first()
    body = body_of(user)
    if page is None or body is None or body_for_page(page) != body:
        raise Http404


def _is_page(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


def _is_body_owned(model) -> bool:
    from .tenancy import _has_body_field

    return model is not None and _has_body_field(model)


def _own_tags(user, term: str) -> list[str]:
    """Tags starting with `term` that the body's own images and documents carry."""
    from taggit.models import Tag

    if not term:
        return []
    owned = []
    for label in (IMAGE, DOCUMENT):
        model = resolve_model(label)
        owned += list(model.objects.for_user(user).values_list("tags__pk", flat=True))
    tags = Tag.objects.filter(pk__in=[pk for pk in owned if pk], name__istartswith=term)
    return list(tags.order_by("name").values_list("name", flat=True)[:10])


__all__ = ["TenantSealMiddleware", "object_in_reach", "Http404"]
