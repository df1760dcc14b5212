"""The calendar in the admin (Settings → Working-day calendar): platform admins add, correct
and remove days; supervisors read; body staff reach nothing (the tenant seal closes it)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from achyk.bodies.kit import PlainViewSet
from achyk.bodies.roles import is_platform_admin, is_supervisor

from .models import Day


class CalendarPermissionPolicy(ModelPermissionPolicy):
    """Platform admins edit; supervisors read; nobody else."""

    def user_has_permission(self, user, action):
        if is_platform_admin(user):
            return True
        return action == "view" and user.is_active and is_supervisor(user)


class DayForm(WagtailAdminModelForm):
    class Meta:
        model = Day
        fields = ["country", "date", "kind", "name_ky", "name_ru", "name_kk", "name_en"]

    def save(self, commit=True):
        self.instance.source = Day.Source.ADMIN  # a person's word outlives the library's
        return super().save(commit=commit)


class DayViewSet(PlainViewSet):
    """Holidays, days off moved by decree and weekend days worked instead (майрам күндөрү /
    праздничные дни): the legal clocks of the platform count with them."""

    model = Day
    name = "workdays"
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    permission_policy = CalendarPermissionPolicy(Day)
    form_class = DayForm
    list_display = ["date", "name", "country", "kind", "source"]
    list_filter = ["country", "kind"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return DayForm
