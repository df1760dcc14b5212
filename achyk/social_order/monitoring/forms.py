"""Forms of the public site for the monitoring group's report on a project (the form of the
training: the visit, who went, what was checked, the beneficiaries' feedback, findings, a
rating) and for the NGO's answer. The projects offered are the body's published contracts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Contract


class ContractChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} · {obj.application.title} ({obj.application.organisation.name})"


class ReportForm(forms.Form):
    contract = ContractChoiceField(Contract.objects.none(), label=_("Project (contract)"))
    visited_on = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    members = forms.CharField(label=_("Members who visited"), max_length=500)
    checked = forms.CharField(label=_("What was checked"), max_length=5000, widget=forms.Textarea)
    feedback = forms.CharField(
        label=_("Beneficiaries' feedback"), max_length=5000, widget=forms.Textarea,
        required=False,
    )  # fmt: skip
    findings = forms.CharField(
        label=_("Findings and recommendations"), max_length=5000, widget=forms.Textarea
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 (poor) to 5 (very good)."),
    )  # fmt: skip

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
