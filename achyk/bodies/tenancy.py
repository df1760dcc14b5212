"""The tenant seal: which body owns an object, and what a user may reach.

One mechanism, not a habit: body-owned querysets filter with `for_user`; the access
functions answer another body's object like a missing one (404).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from wagtail.models import Collection, Page, Revision, UploadedFile
from wagtail.permission_policies.base import ModelPermissionPolicy

from . import routing
from .models import Body, Membership
from .roles import (
    body_id_of,
    body_of,
    is_body_admin,
    is_supervisor,
    reaches_body,
    sees_all_bodies,
)


class BodyOwnedQuerySet(models.QuerySet):
    """For models with `body = ForeignKey(Body)`."""

    _held_body: tuple | None = None  # (body, names of related rows), set by `holding`

    def holding(self, body: Body, *related: str):
        """These rows, each of `body` holding `body` itself once read, and so the rows of
        the `related` relations it names (select_related, body-owned): a page that reads
        its own body's rows has the body already (its languages, its site's addresses), and
        reading it again for each row cost a query a row. A row of another body reads its
        own, as before. Model rows only (not values(), not iterator())."""
        chained = self._chain()
        chained._held_body = (body, related)
        return chained

    def _clone(self):
        clone = super()._clone()
        clone._held_body = self._held_body
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if (
            fresh
            and self._held_body
            and issubclass(self._iterable_class, models.query.ModelIterable)
        ):
            body, related = self._held_body
            for row in self._result_cache:
                for obj in (row, *(getattr(row, name) for name in related)):
                    if obj is not None and obj.body_id == body.pk:
                        obj.body = body

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if sees_all_bodies(user):
            return self.all()
        body_id = body_id_of(user)
        return self.filter(body=body_id) if body_id is not None else self.none()

    def of_active_bodies(self):
        """Rows of the bodies on the platform, and rows of no body: a body taken off it is not
        read there. Without a join, so that the planner reads a million rows in an index's
        order instead of comparing each with each of a thousand bodies."""
        return self.exclude(body__in=Body.objects.filter(is_active=False).values("pk"))


def body_for_page(page: Page) -> Body | None:
    """The body whose site holds `page` (through the home page at depth 2), or None."""
    return _body_of_path(page.path, page.depth)


def _body_of_path(path: str, depth: int) -> Body | None:
    """`body_for_page` of the page at `path`, `depth`: the seal reads only these two."""
    if depth < 2:
        return None
    return routing.body_of_home(path[: Page.steplen * 2])


def page_for(user, page_id) -> Page:
    """The page `page_id` if `user` may reach it; another body's page is answered with 404."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not user_may_reach_page(user, page):
        raise Http404
    return page


def user_may_reach_page(user, page: Page) -> bool:
    if sees_all_bodies(user):
        return True
    return _page_of_body(page.path, page.depth, body_id_of(user))


def _page_of_body(path: str, depth: int, body_id) -> bool:
    """Whether the page at `path` is in the site of body `body_id`; the tree's root is shown
    to everyone with admin access (Wagtail's explorer starts there)."""
    if depth <= 1:
        return True
    body = _body_of_path(path, depth)
    return body_id is not None and body is not None and body.pk == body_id


def object_in_reach(user, model, pk) -> bool:
    """Whether `user` may reach object `pk` of `model` in the admin.

    Platform admins and supervisors reach everything. Body staff reach their body's pages,
    its body-owned objects (`body` foreign key), its collection and the collections inside
    it, its staff, their own uploads and editing sessions, and revisions and form
    submissions of objects they reach. Every other object (another body's, or a
    platform-level one: sites, locales, groups, workflows, redirects) is out of reach.
    A missing object is out of reach too, so that both are answered alike.

    The seal asks this on nearly every admin request: a page is read as its path alone, a
    body-owned object as whether it is the body's, and the user's body is compared by its
    pk, not read.
    """
    if sees_all_bodies(user):
        return True
    body_id = body_id_of(user)
    if body_id is None:
        return False
    try:
        objects = model._default_manager.filter(pk=pk)
        if issubclass(model, Page):
            found = objects.values_list("path", "depth").first()
            return found is not None and _page_of_body(*found, body_id)
        if _owned_by_body_field(model):
            return objects.filter(body_id=body_id).exists()
        obj = objects.first()
    except (ValueError, TypeError, ValidationError):
        return False
    return obj is not None and _belongs_to(obj, user, body_of(user))


def _owned_by_body_field(model) -> bool:
    """A model whose own `body` foreign key says whose its objects are (`_belongs_to`'s last
    rule). A collection's or a site's `body` is the body's link to it, not a column of its
    own: neither is a body-owned object."""
    field = _body_field(model)
    return field is not None and field.concrete


def _belongs_to(obj, user, body: Body) -> bool:
    if isinstance(obj, Page):
        return user_may_reach_page(user, obj)
    if isinstance(obj, Body):
        return obj.pk == body.pk
    if isinstance(obj, get_user_model()):
        return Membership.objects.filter(user=obj, body=body).exists()
    if isinstance(obj, Collection):
        own = body.collection
        return own is not None and obj.path.startswith(own.path)
    if isinstance(obj, Revision):
        target = obj.content_object
        return target is not None and _belongs_to(target, user, body)
    if isinstance(obj, UploadedFile):
        return obj.uploaded_by_user_id == user.pk
    label = obj._meta.label_lower
    if label == "wagtailadmin.editingsession":
        return obj.user_id == user.pk
    if hasattr(obj, "page_id") and label.endswith("formsubmission"):
        return user_may_reach_page(user, obj.page)
    if _owned_by_body_field(type(obj)):
        return obj.body_id == body.pk
    return False  # a platform-level object


def _has_body_field(model) -> bool:
    """A model related to a body by `body`: its own foreign key, or the body's link to it."""
    return _body_field(model) is not None


def _body_field(model):
    try:
        field = model._meta.get_field("body")
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "related_model", None) is Body else None


class BodyOwnedPolicy(ModelPermissionPolicy):
    """Admin permissions of a body-owned model (one with `body` and `for_user`): staff of a
    body manage its objects, supervisors read every body's, platform admins all. Deleting is
    for the body's admins: these objects have no bin to come back from."""

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if is_supervisor(user):
            return action == "view"
        if body_id_of(user) is None:
            return False
        return action != "delete" or is_body_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and reaches_body(user, instance.body)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return self.model.objects.for_user(user)
