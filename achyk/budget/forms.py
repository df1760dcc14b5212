"""Forms of a budget's page in the admin."""

from django import forms
from django.utils.translation import gettext_lazy

from achyk.bodies.models import Body


class ApprovalForm(forms.Form):
    act = forms.ModelChoiceField(
        label=gettext_lazy("Approving council resolution"), queryset=None, required=False,
        help_text=gettext_lazy("An act of the registry; add it there first."),
    )  # fmt: skip
    approved_on = forms.DateField(
        label=gettext_lazy("Date of approval"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Empty: the act's date of adoption."),
    )  # fmt: skip

    def __init__(self, *args, body: Body, **kwargs):
        from achyk.documents.models import Act

        super().__init__(*args, **kwargs)
        self.fields["act"].queryset = Act.objects.filter(body=body).select_related("type")
