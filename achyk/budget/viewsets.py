"""The budget classification in the admin: reference data that platform admins keep."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from achyk.bodies.panel.access import PlatformOnlyPermissionPolicy

from .models import Classification


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
