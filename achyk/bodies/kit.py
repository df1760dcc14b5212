"""The kit of body-owned admin screens: what every app's admin of a body's objects is made of.

- `SealedViewSet`: a Wagtail `ModelViewSet` of a body-owned model (`body` foreign key and a
  `for_user` queryset). Every view reads through `for_user`, so another body's object is
  answered like a missing one (404); the forms are given the user and set the body (see
  `BodyChoiceMixin`); the permissions are `tenancy.BodyOwnedPolicy` (staff manage their own
  body's objects, supervisors read, platform admins do everything); its routes name their
  object `pk` and their model on the view, as the tenant seal (`seal.py`) reads them; their
  forms carry the input seal (`seal_forms.SealedFormMixin`).
- `BodyChoiceMixin`: the body of what a form makes. Body staff get their own body and never
  see a body field; a platform admin picks the body of a new object; an object's body never
  changes.
- `StaffMenuItem`: a menu item shown to the users a role check of `roles` admits.
- `forbidden(request)` and `ForbiddenMixin`: the one 403 page of the admin.
- `TitledScreen`: a screen of its own (not a viewset's) whose title is its visible header.
- `YesNoColumn`, `PlainValuesIndexMixin`, `PlainValuesInspectMixin`, `PlainViewSet`: staff
  read values in words: a yes-or-no field says "Yes" or "No" in their language, a missing
  value "—" (Wagtail would print "True", "False" and "None"). The sealed views have them;
  a platform-wide viewset (not a body's) is a `PlainViewSet`.

How to add a screen: docs/development.md.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import (
    FieldDoesNotExist,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from . import roles
from .models import Body
from .seal_forms import sealed_form_class
from .tenancy import BodyOwnedPolicy, _has_body_field

FORBIDDEN_TEMPLATE = "bodies/panel/forbidden.html"
NOT_ALLOWED = _("Your role does not allow this. Ask an administrator of your body if you need it.")


def forbidden(request) -> TemplateResponse:
    """The admin's answer to a refused action: 403 and a plain page saying why, where Wagtail
    would redirect to the dashboard."""
    return TemplateResponse(request, FORBIDDEN_TEMPLATE, status=403)


class ForbiddenMixin:
    """Views that answer PermissionDenied with `forbidden`. `prepare` finds the view's objects
    and checks access before anything else runs."""

    def prepare(self, request, **kwargs) -> None:
        """Find the view's objects and check access (raise Http404 / PermissionDenied)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.prepare(request, **kwargs)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class TitledScreen(WagtailAdminTemplateMixin):
    """Wagtail's admin page furniture for a screen of its own (not a viewset's): its title
    (and subtitle) is the page's visible header. Wagtail's slim header would show only a
    "Home" breadcrumb and keep the title for screen readers, leaving a clerk with no heading
    saying where they are."""

    def get_breadcrumbs_items(self):
        return []


class StaffMenuItem(MenuItem):
    """A menu item shown to the users `shown_to(user)` admits (a check of `roles`). With
    `url_for(user)`, the address is built per user (menu items are shared by every request)."""

    def __init__(self, label, url, *, shown_to=roles.opens_body_screens, url_for=None, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to
        self.url_for = url_for

    def is_shown(self, request):
        return self.shown_to(request.user)

    def render_component(self, request):
        if self.url_for is None:
            return super().render_component(request)
        return LinkMenuItem(
            self.name, self.label, self.url_for(request.user), icon_name=self.icon_name,
            classname=self.classname, attrs=self.attrs,
        )  # fmt: skip


class BodyChoiceMixin:
    """The body of what a form makes (before `forms.Form` or a model form in the bases).

    Body staff work in their own body: the form has no body field. A platform admin picks the
    body of a new object in a `body` field (required, active bodies). An existing object
    (a model form's `instance` with a body) keeps its body: nobody moves it to another.
    Anyone else (a supervisor, a user of no body) gets a form error, never a body.

    The form takes the user as `for_user` (Wagtail's name). `target_body` is the body once
    known (after `__init__` for staff and existing objects, after `clean` for a pick); a
    model form's instance gets it in `clean`, so its own checks can read `instance.body`.
    """

    body_queryset = Body.objects.filter(is_active=True)

    def __init__(self, *args, for_user=None, **kwargs):
        if isinstance(self, WagtailAdminModelForm):
            kwargs["for_user"] = for_user  # Wagtail's forms keep and pass it on themselves
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        instance = getattr(self, "instance", None)
        fixed = instance.body if instance is not None and instance.body_id else None
        self.fields.pop("body", None)  # a model form's own, if its panels named it
        if fixed is None and for_user is not None and roles.is_platform_admin(for_user):
            self.fields["body"] = forms.ModelChoiceField(
                self.body_queryset, label=capfirst(_("body"))
            )
            self.order_fields(["body"])
            self.target_body = None
        else:
            self.target_body = fixed or (roles.body_of(for_user) if for_user else None)

    def clean(self):
        data = super().clean()
        body = self.target_body or data.get("body")
        if body is None and "body" not in self.errors:
            raise ValidationError(NOT_ALLOWED, code="no_body")
        self.target_body = body
        data["body"] = body
        instance = getattr(self, "instance", None)
        if instance is not None and body is not None:
            instance.body = body
        return data


class SealedLookupMixin:
    """Views about one object: it is read through `for_user`, so another body's is a 404.
    Listings about it (its history, its usage) keep their own queryset of log entries or
    references."""

    def sealed_queryset(self):
        return self.model._default_manager.for_user(self.request.user)

    def get_base_object_queryset(self):
        return self.sealed_queryset()

    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs.get(self.pk_url_kwarg) or self.pk))
        try:
            obj = self.sealed_queryset().filter(pk=pk).first()
        except (ValueError, TypeError, ValidationError):
            obj = None
        if obj is None:
            raise Http404
        return obj


class SealedObjectMixin(SealedLookupMixin):
    """Views of one object (edit, delete, inspect): their queryset is the sealed one too."""

    def get_queryset(self):
        return self.sealed_queryset()


class YesNoColumn(Column):
    """A yes-or-no field of a listing, as "Yes" or "No" in the staff's language ("—" when it
    is unknown)."""

    cell_template_name = "bodies/kit/yes_no_cell.html"

    def get_value(self, instance):
        value = super().get_value(instance)
        return None if value is None else bool(value)


def is_boolean_field(model, field_name: str) -> bool:
    """Whether `field_name` of `model` (a field, or a lookup across relations) is a boolean
    field of the database; False for anything else (a method, a property, a column object)."""
    if not isinstance(field_name, str):
        return False
    *relations, name = field_name.split(LOOKUP_SEP)
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return isinstance(model._meta.get_field(name), models.BooleanField)
    except (FieldDoesNotExist, AttributeError):
        return False


class PlainValuesIndexMixin:
    """A listing whose boolean fields of `list_display` read "Yes" or "No"."""

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column and is_boolean_field(self.model, field_name):
            column_class = YesNoColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)


class PlainValuesInspectMixin:
    """An inspect view whose yes-or-no values read "Yes" or "No" and missing ones "—"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return "—" if value is None else value


class PlainIndexView(PlainValuesIndexMixin, generic.IndexView):
    pass


class PlainInspectView(PlainValuesInspectMixin, generic.InspectView):
    pass


class PlainViewSet(ModelViewSet):
    """A `ModelViewSet` of platform-wide data (laws, code lists, the calendar), whose screens
    show values in words."""

    index_view_class = PlainIndexView
    inspect_view_class = PlainInspectView


class SealedIndexView(ForbiddenMixin, PlainValuesIndexMixin, generic.IndexView):
    #: Relations read for every row of the listing.
    list_select_related = ("body",)

    def get_base_queryset(self):
        queryset = self.model._default_manager.for_user(self.request.user)
        return queryset.select_related(*self.list_select_related)


class SealedCreateView(ForbiddenMixin, generic.CreateView):
    pass


class SealedEditView(ForbiddenMixin, SealedObjectMixin, generic.EditView):
    pass


class SealedDeleteView(ForbiddenMixin, SealedObjectMixin, generic.DeleteView):
    pass


class SealedInspectView(
    ForbiddenMixin, SealedObjectMixin, PlainValuesInspectMixin, generic.InspectView
):
    pass


class SealedHistoryView(ForbiddenMixin, SealedLookupMixin, HistoryView):
    pass


class SealedUsageView(ForbiddenMixin, SealedLookupMixin, UsageView):
    pass


#: URL arguments a sealed viewset's routes may take: the tenant seal reads `pk` with the
#: route's view model; a route with another argument would be refused by it (fail closed).
SEALED_ROUTE_ARGUMENTS = frozenset({"pk"})


class SealedViewSet(ModelViewSet):
    """A `ModelViewSet` of a body-owned model, sealed by body (see the module's docstring).

    Subclasses give `model`, `name`, the menu and the form (`form_class` or `edit_handler`
    with `base_form_class`), a subclass of `BodyChoiceMixin` and Wagtail's model form. Views
    of their own subclass the `Sealed*View` classes.
    """

    index_view_class = SealedIndexView
    add_view_class = SealedCreateView
    edit_view_class = SealedEditView
    delete_view_class = SealedDeleteView
    inspect_view_class = SealedInspectView
    history_view_class = SealedHistoryView
    usage_view_class = SealedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    #: The create and edit form, when no `edit_handler` gives it.
    form_class = None

    @cached_property
    def permission_policy(self):
        return BodyOwnedPolicy(self.model)

    def on_register(self):
        self.check_routes()
        super().on_register()

    def check_routes(self) -> None:
        """Every route names its object `pk`, as the tenant seal reads it (with the model of
        the view): a route with another argument would be refused by the seal, so it is
        refused here, when the admin starts, instead."""
        for pattern in self.get_urlpatterns():
            unknown = set(pattern.pattern.regex.groupindex) - SEALED_ROUTE_ARGUMENTS
            if unknown:
                raise ImproperlyConfigured(
                    f"{type(self).__name__}: the tenant seal does not know the URL arguments "
                    f"{sorted(unknown)}; name the object `pk`."
                )

    def get_form_class(self, for_update=False):
        if self.form_class is not None and not self._edit_handler:
            form_class = self.form_class
        else:
            form_class = super().get_form_class(for_update)
        if _has_body_field(self.model) and not issubclass(form_class, BodyChoiceMixin):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: the form must set the body (subclass BodyChoiceMixin)."
            )
        return sealed_form_class(form_class)  # the ids it takes reach the body's own only
