"""Forms of an NGO's people on the public site: signing up, the application and its budget,
an attachment, a report on a tranche. Amounts are numbers (text is refused with a message),
files are checked by content (`ui.uploads.check_document`)."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from achyk.ui.uploads import check_document

from ..models import Application

MAX_LINES = 30


class DocumentField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            check_document(value)


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=300)
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
    address = forms.CharField(label=_("Address"), max_length=300)
    head = forms.CharField(label=_("Head of the organisation"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    founding_document = DocumentField(
        label=_("Founding documents (charter, registration certificate)"),
        help_text=_("PDF, DOC, DOCX, ODT. The body's administrator reads them before confirming."),
    )  # fmt: skip
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150)
    username = forms.CharField(label=_("User name to sign in"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(_("This user name is taken; choose another."))
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "problem", "goal", "activities", "beneficiaries",
                  "beneficiaries_count", "settlements", "starts_on", "ends_on", "indicators",
                  "co_funding"]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project ends after it starts."))
        return data


class LineForm(forms.Form):
    item = forms.CharField(label=_("Budget line"), max_length=300)
    # A text input, so that what was typed (even "100 000 сом") comes back with its error.
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)],
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip


LineFormSet = forms.formset_factory(
    LineForm, extra=2, max_num=MAX_LINES, validate_max=True, absolute_max=MAX_LINES
)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("What the document is"), max_length=200)
    file = DocumentField(label=_("File"))


class ReportForm(forms.Form):
    narrative = forms.CharField(label=_("What was done"), widget=forms.Textarea, max_length=20000)
    public_summary = forms.CharField(
        label=_("Summary for residents"), widget=forms.Textarea, max_length=3000, required=False
    )
    sustainability_plan = forms.CharField(
        label=_("Sustainability plan: how the service goes on after the funding"),
        widget=forms.Textarea, max_length=10000, required=False,
    )  # fmt: skip
    attachment_title = forms.CharField(
        label=_("Supporting document: what it is"), max_length=200, required=False
    )
    attachment = DocumentField(label=_("Supporting document"), required=False)

    def __init__(self, *args, lines, final: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"spent_{line.pk}"] = forms.DecimalField(
                label=_("Spent on “%(line)s” (plan %(amount)s)") % {
                    "line": line.item, "amount": line.amount},
                max_digits=18, decimal_places=2, min_value=0, required=False,
            )  # fmt: skip
        if final:
            self.fields["sustainability_plan"].required = True
        else:
            del self.fields["sustainability_plan"]

    def spent(self) -> dict:
        return {line.pk: self.cleaned_data[f"spent_{line.pk}"] for line in self.lines
                if self.cleaned_data.get(f"spent_{line.pk}") is not None}  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("attachment") and not data.get("attachment_title"):
            self.add_error("attachment_title", _("Say what the document is."))
        return data
