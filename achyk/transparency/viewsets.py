"""The register in the admin: duties and the holiday calendar, kept by platform admins.

Supervisors read them; body staff reach neither (the permission policy refuses them, and the
tenant seal answers another object's URL with 404, as for every platform-level object).
Saving a duty makes a new version in force from the moment given (now by default): the
version in force until then stays as it was, so past scores can be recomputed. A duty is
never deleted: it is retired, and its history stays.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy

from achyk.bodies import evidence
from achyk.bodies.kit import PlainIndexView, PlainViewSet
from achyk.bodies.models import Body
from achyk.bodies.roles import is_platform_admin, is_supervisor

from . import services
from .models import Duty

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class RegisterPermissionPolicy(ModelPermissionPolicy):
    """Platform admins edit (never delete); supervisors read; nobody else."""

    def user_has_permission(self, user, action):
        if is_platform_admin(user):
            return action != "delete"
        return action == "view" and user.is_active and is_supervisor(user)


class CsvMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes stored as a comma-separated list."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        return value

    def clean(self, value):
        return ",".join(super().clean(value))


class DutyForm(forms.ModelForm):
    body_kinds = CsvMultipleChoiceField(
        label=_("kinds of body"), choices=Body.Kind.choices, required=False,
        help_text=_("None checked: every kind of body."),
    )  # fmt: skip
    languages = CsvMultipleChoiceField(
        label=_("required languages"), choices=LANGUAGE_CHOICES, required=False,
        help_text=_("None checked: the languages the law requires of the body's country."),
    )  # fmt: skip
    in_force_from = forms.DateTimeField(
        label=_("in force from"), required=False,
        help_text=_("Empty: from now. Scores before this moment keep the previous version."),
    )  # fmt: skip
    retire = forms.BooleanField(
        label=_("retire this duty"), required=False,
        help_text=_("The duty leaves the register; its history and past scores stay."),
    )  # fmt: skip

    class Meta:
        model = Duty
        fields = [
            "code", "country", "title_ky", "title_ru", "title_kk", "title_en",
            "description_ky", "description_ru", "description_kk", "description_en",
            "legal_act", "legal_article", "body_kinds", "languages", "evidence_keys", "rule",
            "rule_days", "rule_month", "rule_day", "rule_working_days", "order", "change_note",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        known = ", ".join(sorted(evidence.kinds())) or "—"
        self.fields["evidence_keys"].help_text = _(
            "Comma-separated kinds of evidence; any one satisfies the duty. Known kinds: %(keys)s."
        ) % {"keys": known}
        self.fields["evidence_keys"].widget = forms.Textarea(attrs={"rows": 2})
        if self.instance.pk:
            for name in ("code", "country"):
                self.fields[name].disabled = True
        else:
            del self.fields["retire"]

    def clean(self):
        data = super().clean()
        code, country = data.get("code"), data.get("country")
        current = Duty.objects.current().filter(code=code, country=country)
        if not self.instance.pk and code and country and current.exists():
            self.add_error(
                "code",
                _(
                    "This country's register already has a duty with "
                    "this code: edit it to make a new version."
                ),
            )
        return data

    def clean_in_force_from(self):
        moment = self.cleaned_data.get("in_force_from")
        if moment and self.instance.pk and moment < self.instance.valid_from:
            raise ValidationError(_("A new version can not start before the current one."))
        return moment

    def unknown_keys(self) -> list[str]:
        """Kinds of evidence no provider shows yet (allowed: e.g. a module still to come)."""
        known = evidence.kinds()
        return [key for key in self.instance.evidence_key_list if key not in known]


def _warn_unknown_keys(request, form) -> None:
    unknown = form.unknown_keys()
    if unknown:
        messages.warning(
            request,
            _("No module shows these kinds of evidence yet, so the duty reads as missing "
              "until one does: %(keys)s.") % {"keys": ", ".join(unknown)},
        )  # fmt: skip


class DutyIndexView(PlainIndexView):
    def get_base_queryset(self):
        return Duty.objects.current().order_by("country", "order", "code")


class DutyCreateView(generic.CreateView):
    def save_instance(self):
        duty = self.form.instance
        duty.valid_from = self.form.cleaned_data.get("in_force_from") or timezone.now()
        duty.revised_by = self.request.user
        duty.save()
        _warn_unknown_keys(self.request, self.form)
        return duty


class DutyEditView(generic.EditView):
    template_name = "transparency/admin/duty_edit.html"

    def get_object(self, queryset=None):
        return generic.EditView.get_object(self, Duty.objects.current())

    def save_instance(self):
        data, duty = self.form.cleaned_data, Duty.objects.get(pk=self.object.pk)
        moment = data.get("in_force_from") or timezone.now()
        if data.get("retire"):
            return services.retire_duty(duty=duty, by=self.request.user, at=moment)
        changes = {name: data[name] for name in services.REVISABLE if name in data}
        revised = services.revise_duty(
            duty=duty, changes=changes, by=self.request.user,
            note=data.get("change_note", ""), valid_from=moment,
        )  # fmt: skip
        _warn_unknown_keys(self.request, self.form)
        return revised

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = Duty.objects.filter(
            country=self.object.country, code=self.object.code
        ).order_by("-valid_from")
        return context


def _rule(duty) -> str:
    return str(duty.get_rule_display())


class DutyViewSet(PlainViewSet):
    """The register of publication duties (жарыялоо милдеттеринин реестри / реестр
    обязанностей по публикации)."""

    model = Duty
    name = "duties"
    icon = "list-ul"
    menu_label = _("Publication duties")
    permission_policy = RegisterPermissionPolicy(Duty)
    form_class = DutyForm
    index_view_class = DutyIndexView
    add_view_class = DutyCreateView
    edit_view_class = DutyEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["code", "title_ky", "title_ru", "title_kk", "title_en"]
    list_filter = ["country", "rule"]
    list_display = [
        "code", "title", "country", Column("rule", label=_("Freshness rule"), accessor=_rule),
        "valid_from",
    ]  # fmt: skip

    def get_form_class(self, for_update=False):
        return DutyForm


class TransparencyGroup(ViewSetGroup):
    menu_label = _("Transparency monitor")
    menu_icon = "tasks"
    menu_order = 295
    items = (DutyViewSet,)
