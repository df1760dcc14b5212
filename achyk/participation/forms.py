"""Forms of participation's admin: the body's own objects only (`kit.BodyChoiceMixin`, the
input seal), texts of the languages the body publishes in, choices of its own categories."""

from pathlib import PurePath

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies import references
from achyk.bodies.kit import BodyChoiceMixin
from achyk.bodies.seal_forms import SealedFormMixin
from achyk.ui.uploads import check_document

from .common import TEXT_LANGUAGES
from .needs import checklists
from .needs.imports import EXTENSIONS
from .needs.models import NeedsStudy, ProblemCategory, category_choices

#: The kind of reference a priority names for "the plan step that answers it" (registered by
#: the plans app with `bodies.references.register_kind`; until then the field is hidden).
PLAN_STEP = "plans.step"


class BodyOwnedForm(BodyChoiceMixin, WagtailAdminModelForm):
    """The body's own object; text fields of languages the body does not publish in are left
    out; choices of other objects are the body's own (the seal checks them again)."""

    SAME_BODY = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        if body is None:
            return
        spoken = set(body.language_list)
        for name in list(self.fields):
            code = name.rpartition("_")[2]
            if "_" in name and code in TEXT_LANGUAGES and code not in spoken:
                del self.fields[name]
        for name in self.SAME_BODY:
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(body=body)


class CategoryField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=category_choices(None), **kwargs)


class FocusGroupForm(BodyOwnedForm):
    SAME_BODY = ("study", "settlement", "checklist")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = category_choices(self.target_body)
        if "category" in self.fields:
            self.fields["category"] = forms.ChoiceField(
                label=_("category of residents"),
                choices=choices,
                initial=self.instance.category or None,
            )
        problems = getattr(self, "formsets", {}).get("problems")
        if problems is not None:
            _offer_own_categories(problems, self.target_body, choices)


def _offer_own_categories(formset, body, choices) -> None:
    """The problems' rows offer the body's own categories: of problems (beside the sector)
    and of residents (who raised it), never another body's. Rows built already (the input
    seal reads them) are changed in place, later ones (the empty row) by their class."""

    def offer(form):
        if "own_category" in form.fields and body is not None:
            field = form.fields["own_category"]
            field.queryset = ProblemCategory.objects.filter(body=body)
        if "raised_by" in form.fields:
            stored = form.instance.raised_by
            known = [("", "—"), *choices]
            if stored and stored not in dict(known):  # a category since removed: kept as is
                known.append((stored, stored))
            form.fields["raised_by"] = forms.ChoiceField(
                label=_("raised by (category)"), required=False, choices=known,
                help_text=_("Leave empty for the group's own category."),
            )  # fmt: skip

    class ProblemForm(formset.form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            offer(self)

    formset.form = ProblemForm  # this formset's own: the class is shared by every request
    for form in formset.__dict__.get("forms", []):
        offer(form)


class PriorityForm(BodyOwnedForm):
    SAME_BODY = ("study",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        steps = references.choices(PLAN_STEP, body, translation.get_language()) if body else []
        if not steps:
            self.fields.pop("answered_by", None)
        elif "answered_by" in self.fields:
            self.fields["answered_by"] = forms.ChoiceField(
                label=_("plan step that answers it"),
                required=False,
                choices=[("", "—")] + steps,
            )


class ChecklistForm(BodyOwnedForm):
    SAME_BODY = ("previous",)
    template = forms.ChoiceField(
        label=_("start from a platform template"),
        required=False,
        choices=[("", "—")] + checklists.template_choices(),
        help_text=_("Its questions are copied in the body's languages; adapt them after."),
    )

    def clean(self):
        data = super().clean()
        code = data.get("template") or ""
        body = self.target_body
        if code in checklists.TEMPLATES and self.instance.pk is None and body is not None:
            for language in body.language_list:
                for field, value in (
                    (f"questions_{language}", checklists.questions_of(code, language)),
                    (f"title_{language}", checklists.title_of(code, language)),
                ):
                    if field in self.fields and not data.get(field):
                        data[field] = value
        return data


class GroupForm(BodyOwnedForm):
    SAME_BODY = ("priority", "approved_by")


class StudyForm(BodyOwnedForm):
    SAME_BODY = ("settlements", "adopted_by")


class EventForm(BodyOwnedForm):
    SAME_BODY = ("document", "minutes_document")


class TallyForm(forms.Form):
    """One tally typed in: the count and the version the form showed."""

    points = forms.IntegerField(label=_("votes or points"), min_value=0, max_value=1_000_000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ImportForm(SealedFormMixin, BodyChoiceMixin, forms.Form):
    """The study the results go to and the CSV file (checked like every upload)."""

    study = forms.ModelChoiceField(label=_("needs study"), queryset=NeedsStudy.objects.none())
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("One row a focus group, in the columns of the template."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        queryset = NeedsStudy.objects.filter(body=body) if body else NeedsStudy.objects.all()
        self.fields["study"].queryset = (
            queryset.for_user(self.for_user) if self.for_user else queryset.none()
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in EXTENSIONS:
            raise forms.ValidationError(
                _("Upload CSV or XLSX; this file is .%(extension)s.") % {"extension": extension}
            )
        check_document(upload)
        upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        study = data.get("study")
        if (
            study is not None
            and self.target_body is not None
            and study.body_id != self.target_body.pk
        ):
            self.add_error("study", _("Choose a study of this body."))
        return data
