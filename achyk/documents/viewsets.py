"""The registry in the admin: legal acts (sealed by body) and document types (platform)."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn

from achyk.bodies import kit
from achyk.bodies.panel.access import PlatformOnlyPermissionPolicy

from . import notices
from .admin_forms import LINK_FIELDS, ActForm
from .models import Act, ActRelation, DocumentType
from .services import TRACKED_FIELDS, ActIn, create_act, link_acts, unlink_acts, update_act


def _languages(act) -> str:
    present = sorted({f.language for f in act.files.all() if f.language})
    return ", ".join(present) or "—"


def _warn_missing_languages(request, act) -> None:
    warning = notices.missing_versions(act, named=True)
    if warning:
        messages.warning(request, warning)


def _sync_links(form, act, user) -> None:
    for kind in LINK_FIELDS:
        wanted = set(form.cleaned_data.get(kind) or [])
        current = {rel.to_act: rel for rel in act.outgoing.filter(kind=kind)}
        for target in wanted - set(current):
            link_acts(from_act=act, to_act=target, kind=kind, by=user)
        for target in set(current) - wanted:
            unlink_acts(relation=current[target], by=user)


class ActIndexView(kit.SealedIndexView):
    list_select_related = ("type", "body")

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("files")


class ActCreateView(kit.SealedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        body = self.form.target_body
        fields = {name: data[name] for name in TRACKED_FIELDS if name != "type" and name in data}
        act = create_act(
            body=body, by=self.request.user,
            data=ActIn(type=data["type"], tags=[t for t in data.get("tags", [])], **fields),
        )  # fmt: skip
        _sync_links(self.form, act, self.request.user)
        _warn_missing_languages(self.request, act)
        return act


class ActEditView(kit.SealedEditView):
    template_name = "documents/admin/act_edit.html"

    def save_instance(self):
        data, act = self.form.cleaned_data, self.form.instance
        changed = [name for name in TRACKED_FIELDS if name in self.form.changed_data]
        changed = [name for name in changed if name in data]
        act = update_act(
            act=Act.objects.get(pk=act.pk), changes={n: data[n] for n in changed},
            by=self.request.user,
        )  # fmt: skip
        if "tags" in self.form.changed_data:
            act.tags.set(data["tags"])
        _sync_links(self.form, act, self.request.user)
        _warn_missing_languages(self.request, act)
        return act

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        act = self.object
        context["history"] = act.changes.select_related("user")[:50]
        context["files"] = act.files.order_by("language")
        context["amended_by"] = ActRelation.objects.filter(to_act=act).select_related("from_act")
        context["public_url"] = act.get_absolute_url()
        context["missing_versions"] = notices.missing_versions(act)
        return context


class ActViewSet(kit.SealedViewSet):
    """The registry of legal acts (укук актылары / правовые акты) of the user's body."""

    model = Act
    name = "acts"
    icon = "doc-full"
    menu_label = _("Legal acts")
    menu_order = 290
    add_to_admin_menu = True
    form_class = ActForm
    index_view_class = ActIndexView
    add_view_class = ActCreateView
    edit_view_class = ActEditView
    search_fields = ["title", "title_ky", "title_ru", "title_kk", "number", "signatory"]
    list_filter = ["type", "status", "adopted_by"]
    list_display = [
        # The title in the admin's language, and the way to the act's form, as a string
        # column would give it.
        TitleColumn(
            "title", label=_("title"), accessor="local_title", sort_key="title",
            url_name="acts:edit",
        ),
        "type", "number", "adopted_on", "status",
        Column("languages", label=_("Languages"), accessor=_languages),
    ]  # fmt: skip


class DocumentTypeViewSet(kit.PlainViewSet):
    """Types of acts and documents: data that platform admins extend; body staff read none."""

    model = DocumentType
    name = "document_types"
    icon = "tag"
    menu_label = _("Document types")
    menu_order = 291
    add_to_admin_menu = True
    permission_policy = PlatformOnlyPermissionPolicy(DocumentType)
    form_fields = ["code", "name_ky", "name_ru", "name_kk", "name_en", "order"]
    list_display = ["name", "code", "order"]
    copy_view_enabled = False
