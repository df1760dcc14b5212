"""A commission member's declaration of interest and score sheet."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeclarationForm(forms.Form):
    conflicted = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[("0", _("No, I have no conflict of interest")),
                 ("1", _("Yes, I have a conflict of interest"))],
        coerce=lambda v: v == "1", widget=forms.RadioSelect,
    )  # fmt: skip
    note = forms.CharField(label=_("If yes, what the conflict is"), max_length=500, required=False)


class ScoreForm(forms.Form):
    """One score and comment per criterion; a score out of the criterion's range is refused."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (0 to %(max)s, weight %(weight)s)") % {
                    "criterion": c.title, "max": c.max_score, "weight": c.weight},
                min_value=0, max_value=c.max_score,
            )  # fmt: skip
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea
            )

    def values(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}
