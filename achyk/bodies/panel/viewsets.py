"""The platform's admin of bodies and territory (platform admins edit; supervisors read)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log

from achyk.bodies import kit
from achyk.bodies.models import Body, Territory
from achyk.bodies.roles import may_manage_staff
from achyk.bodies.services import BodyIn, create_body, update_body

from .access import BodyPermissionPolicy, PlatformOnlyPermissionPolicy
from .forms import CONTACT_FIELDS, BodyCreateForm, BodyEditForm, BodyFilterSet, TerritoryForm


class PublicSiteColumn(Column):
    """Links to the body's public site in each of its languages."""

    cell_template_name = "bodies/panel/public_site_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["links"] = [
            (code, instance.get_absolute_url(code)) for code in instance.language_list
        ]
        return context


class StaffColumn(Column):
    cell_template_name = "bodies/panel/staff_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["staff_url"] = reverse("body_staff:index", args=[instance.pk])
        return context


class BodyIndexView(kit.SealedIndexView):
    list_select_related = ("territory",)

    def search_queryset(self, queryset):
        # Names are matched case-folded in every language (SQLite folds only ASCII).
        return queryset.search(self.search_query) if self.is_searching else queryset


class BodyCreateView(kit.SealedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        body = create_body(
            data=BodyIn(
                territory=data["territory"], kind=data["kind"], country=data["country"],
                slug=data["slug"], hostname=data["hostname"] or None,
                names={code: data[f"name_{code}"] for code in ("ky", "ru", "kk", "en")},
                languages=data["languages"].split(","), default_language=data["default_language"],
                details={name: data[name] for name in CONTACT_FIELDS},
            )
        )  # fmt: skip
        log(instance=body, action="wagtail.create", content_changed=True)
        return body


class BodyEditView(kit.SealedEditView):
    def save_instance(self):
        changes = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        body = update_body(body=self.form.instance, changes=changes)
        log(instance=body, action="wagtail.edit", content_changed=bool(changes))
        return body


class BodyInspectView(kit.SealedInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = self.object
        context["public_links"] = [
            (code, body.get_absolute_url(code)) for code in body.language_list
        ]
        context["staff_url"] = reverse("body_staff:index", args=[body.pk])
        context["may_manage_staff"] = may_manage_staff(self.request.user, body)
        return context


class BodyViewSet(kit.SealedViewSet):
    """Bodies (ЖӨБ органдары / органы МСУ): the platform admin's list, create and edit;
    supervisors read every body (list and inspect), and edit none. Sealed like a body's own
    objects: `Body.objects.for_user` is the body of its staff, or every body."""

    model = Body
    name = "bodies"
    url_namespace = "bodies_admin"
    icon = "site"
    menu_label = _("Bodies")
    menu_order = 150
    add_to_admin_menu = True
    permission_policy = BodyPermissionPolicy(Body)
    filterset_class = BodyFilterSet
    search_fields = ["search_text"]
    inspect_view_enabled = True
    index_view_class = BodyIndexView
    add_view_class = BodyCreateView
    edit_view_class = BodyEditView
    inspect_view_class = BodyInspectView
    inspect_template_name = "bodies/panel/body_inspect.html"
    list_display = [
        "name", "slug", "territory", "kind",
        PublicSiteColumn("public_site", label=_("Public site")),
        StaffColumn("staff", label=_("Staff")),
        "is_active",
    ]  # fmt: skip
    inspect_view_fields = [
        "name_ky", "name_ru", "name_kk", "name_en", "slug", "hostname", "territory", "kind",
        "country", "languages", "default_language", "population", "head_name", "phone", "email",
        "address_ky", "address_ru", "hours_ky", "hours_ru", "is_active", "created_at",
    ]  # fmt: skip

    def get_form_class(self, for_update=False):
        return BodyEditForm if for_update else BodyCreateForm


class TerritoryViewSet(kit.PlainViewSet):
    """Territory (аймак / территория) as data: oblasts, rayons, ayil aymaks and towns with
    their SOATE / KATO codes. Units are abolished (a date and a successor), never deleted."""

    model = Territory
    name = "territory"
    icon = "globe"
    menu_label = _("Territory")
    menu_order = 160
    add_to_admin_menu = True
    permission_policy = PlatformOnlyPermissionPolicy(Territory)
    form_class = TerritoryForm
    search_fields = ["code", "name_ky", "name_ru", "name_kk", "name_en"]
    list_filter = ["level"]
    list_display = ["name", "code", "level", "parent", "valid_until"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return TerritoryForm
