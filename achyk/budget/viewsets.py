"""The budget's admin viewsets: the classification (platform admins keep it), and the bases
of the body-owned viewsets of the Citizens' Budget and hearings.

Body-owned viewsets list through `for_user`, answer another body's object with 404 (here and
by the tenant seal, which reads each view's `model`); supervisors read every body's and
change none; platform admins choose the body when they create one.
"""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from achyk.bodies.models import Body, body_of
from achyk.bodies.panel.access import PlatformOnlyPermissionPolicy
from achyk.bodies.tenancy import sees_all_bodies

from .citizens.models import TEXT_LANGUAGES
from .models import Classification

LANGUAGE_HEADINGS = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}


class BodyOwnedForm(WagtailAdminModelForm):
    """Body staff work in their own body; platform admins pick the body of a new object.
    Text fields of languages the body does not publish in are left out."""

    body = forms.ModelChoiceField(Body.objects.all(), label=_("body"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        body = self.instance.body if self.instance.body_id else None
        if body is not None or not (user and sees_all_bodies(user)):
            self.fields.pop("body", None)
            body = body or (body_of(user) if user else None)
        else:
            self.fields["body"].required = True
        self.target_body = body
        if body is not None:
            spoken = set(body.language_list)
            for name in list(self.fields):
                code = name.rpartition("_")[2]
                if code in TEXT_LANGUAGES and code not in spoken and "_" in name:
                    del self.fields[name]

    def clean(self):
        data = super().clean()
        body = self.target_body or data.get("body")
        if body is not None:
            self.instance.body = body
        return data


class SealedObjectMixin:
    """Edit and delete views reach only objects of the user's body (404 otherwise)."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(self.pk_url_kwarg) or self.pk
        obj = self.model.objects.for_user(self.request.user).filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj


class SealedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.model.objects.for_user(self.request.user).select_related("body")


class SealedEditView(SealedObjectMixin, generic.EditView):
    pass


class SealedDeleteView(SealedObjectMixin, generic.DeleteView):
    pass


class ClassificationViewSet(ModelViewSet):
    """Codes of the budget classification; body staff read none of this admin."""

    model = Classification
    name = "budget_classification"
    icon = "list-ol"
    menu_label = _("Budget classification")
    menu_order = 292
    add_to_admin_menu = True
    permission_policy = PlatformOnlyPermissionPolicy(Classification)
    form_fields = ["country", "kind", "code", "parent", "direction", "name_ky", "name_ru",
                   "name_kk", "name_en"]  # fmt: skip
    list_display = ["code", "name", "kind", "country"]
    list_filter = ["country", "kind"]
    search_fields = ["code", "name_ky", "name_ru", "name_en"]
    copy_view_enabled = False
    inspect_view_enabled = False
