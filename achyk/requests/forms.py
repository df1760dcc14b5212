"""The request form of a body's site and the staff's forms of the inbox."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.ui.uploads import check_document

from .models import Format, Law, Request

#: Unconfirmed requests one e-mail address may send in an hour (beside the platform's rate
#: limit of anonymous posts per network address).
PER_ADDRESS_PER_HOUR = 5
EMAIL_ERROR = _("Enter a valid e-mail address in Latin letters, like name@example.kg.")


class AsciiEmailValidator(EmailValidator):
    """Addresses a mail server takes: Latin letters, or a domain that IDNA encodes."""

    message = EMAIL_ERROR

    def __call__(self, value):
        local = str(value).rpartition("@")[0]
        if not local.isascii():
            raise forms.ValidationError(self.message, code=self.code)
        super().__call__(value)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you send?"), widget=forms.RadioSelect, initial=Law.Kind.INFORMATION,
        choices=[(Law.Kind.INFORMATION, _("A request for information the body holds")),
                 (Law.Kind.APPEAL, _("An appeal: a question, proposal or complaint"))],
    )  # fmt: skip
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254, validators=[AsciiEmailValidator()],
        help_text=_("We send a link to confirm the request to this address."),
        error_messages={"invalid": EMAIL_ERROR},
    )  # fmt: skip
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    address = forms.CharField(label=_("Postal address (optional)"), max_length=300, required=False)
    question = forms.CharField(
        label=_("Your question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What information do you need? Up to 5000 characters."),
    )  # fmt: skip
    format = forms.ChoiceField(
        label=_("How do you want the answer?"), choices=Format.choices, initial=Format.EMAIL,
        widget=forms.RadioSelect,
    )  # fmt: skip
    show_name = forms.BooleanField(
        label=_("Show my name in the public register"), required=False,
        help_text=_("If unticked, the register shows the request without your name."),
    )  # fmt: skip

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise forms.ValidationError(_("Write your question."), code="required")
        return question

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Write your name."), code="required")
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        hour_ago = timezone.now() - datetime.timedelta(hours=1)
        recent = Request.objects.filter(email=email, created_at__gte=hour_ago).count()
        if recent >= PER_ADDRESS_PER_HOUR:
            raise forms.ValidationError(
                _("Too many requests from this address in the last hour. Try again later."),
                code="flood",
            )
        return email


class CheckedFileField(forms.FileField):
    """A file checked by content like every upload of the platform (ui.uploads)."""

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        if data:
            check_document(data)
        return data
