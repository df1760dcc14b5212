"""The budget's admin viewsets: the classification (platform admins keep it), and the form
of the body-owned viewsets of the Citizens' Budget and hearings, which are sealed viewsets of
the bodies' kit (`achyk.bodies.kit`: `for_user`, 404 for another body's object, supervisors
read, platform admins choose the body of a new object).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies.kit import BodyChoiceMixin, PlainViewSet
from achyk.bodies.panel.access import PlatformOnlyPermissionPolicy

from .citizens.models import TEXT_LANGUAGES
from .models import Classification

LANGUAGE_HEADINGS = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}


class BodyOwnedForm(BodyChoiceMixin, WagtailAdminModelForm):
    """The body's own object (`BodyChoiceMixin`); text fields of languages the body does not
    publish in are left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        if body is not None:
            spoken = set(body.language_list)
            for name in list(self.fields):
                code = name.rpartition("_")[2]
                if code in TEXT_LANGUAGES and code not in spoken and "_" in name:
                    del self.fields[name]


class ClassificationViewSet(PlainViewSet):
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
