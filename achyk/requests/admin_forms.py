"""The inbox's forms: registering a request that came on paper, orally or by e-mail, and
handling one (a step of its life, and what the public register shows of it)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies.kit import BodyChoiceMixin
from achyk.bodies.models import Body

from . import services
from .forms import AsciiEmailValidator, CheckedFileField
from .models import Channel, Request, Status

LANGUAGES = [("ky", "Кыргызча"), ("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
FILES = 3


class RegisterForm(BodyChoiceMixin, WagtailAdminModelForm):
    """A request received otherwise than through the site, registered at once."""

    channel = forms.ChoiceField(
        label=_("channel"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label=_("received on"), initial=timezone.localdate,
        help_text=_("The term for the answer counts from this day."),
    )  # fmt: skip
    language = forms.ChoiceField(label=_("language of the letters"), choices=LANGUAGES)

    class Meta:
        model = Request
        fields = ["kind", "name", "email", "phone", "address", "question", "format", "show_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].validators.append(AsciiEmailValidator())
        self.fields["email"].help_text = _("The requester is told of every step at this address.")

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A request cannot be received in the future."))
        return day

    def save(self, commit=True):
        data = services.RequestIn(**{f: self.cleaned_data[f] for f in self.Meta.fields})
        self.instance = services.register(
            body=self.target_body, data=data, channel=self.cleaned_data["channel"],
            language=self.cleaned_data["language"], by=self.for_user,
            received_on=self.cleaned_data["received_on"],
        )  # fmt: skip
        return self.instance


ACTIONS = [
    ("", _("No step: save what the register shows")),
    ("clarify", _("Ask the requester to clarify")),
    ("clarified", _("Record the requester's clarification")),
    ("extend", _("Extend the term (the requester is told why)")),
    ("forward", _("Forward to the body that holds the information")),
    (Status.ANSWERED, _("Answer")),
    (Status.PARTLY, _("Answer in part")),
    (Status.REFUSED, _("Refuse, on a legal ground")),
]
NEEDS_TEXT = {"clarify", "clarified", "extend", "forward", Status.ANSWERED, Status.PARTLY,
              Status.REFUSED}  # fmt: skip


class HandleForm(BodyChoiceMixin, WagtailAdminModelForm):
    """One step of a request, and what the public register shows of it."""

    action = forms.ChoiceField(label=_("next step"), choices=ACTIONS, required=False)
    assignee = forms.ModelChoiceField(
        label=_("assigned to"), queryset=get_user_model().objects.none(), required=False,
        help_text=_("The staff member who prepares the answer."),
    )  # fmt: skip
    text = forms.CharField(
        label=_("text"), required=False, max_length=20000, widget=forms.Textarea,
        help_text=_("The answer, the reason of an extension or refusal (its legal ground), the "
                    "question to clarify, or why the request is forwarded."),
    )  # fmt: skip
    days = forms.IntegerField(label=_("extend by (days)"), required=False, min_value=1)
    forward_to = forms.ChoiceField(label=_("forward to"), required=False, choices=[])

    class Meta:
        model = Request
        fields = ["public_question", "is_public"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        if body is not None:
            self.fields["assignee"].queryset = get_user_model().objects.filter(
                membership__body=body, is_active=True
            )
            self.fields["assignee"].initial = self.instance.assigned_to_id
            others = Body.objects.filter(is_active=True).exclude(pk=body.pk).order_by("slug")
            self.fields["forward_to"].choices = [("", "—")] + [
                (other.slug, other.name) for other in others.only("slug", "name_ky", "name_ru",
                                                                  "name_kk", "name_en",
                                                                  "default_language")
            ]  # fmt: skip
        for n in range(1, FILES + 1):
            self.fields[f"file_{n}"] = CheckedFileField(
                label=_("file of the answer"), required=False,
                help_text=_("PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, CSV, TXT or RTF."),
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action in NEEDS_TEXT and not (data.get("text") or "").strip():
            self.add_error("text", _("Write the text of this step."))
        if action == "extend" and not data.get("days"):
            self.add_error("days", _("Say by how many days."))
        if action == "forward" and not data.get("forward_to"):
            self.add_error("forward_to", _("Choose the body."))
        return data

    def save(self, commit=True):
        request, data, by = self.instance, self.cleaned_data, self.for_user
        with transaction.atomic():
            if {"public_question", "is_public"} & set(self.changed_data):
                services.publish(request=request, public_question=data["public_question"],
                                 is_public=data["is_public"], by=by)  # fmt: skip
            assignee = data.get("assignee")
            if assignee is not None and assignee.pk != request.assigned_to_id:
                services.assign(request=request, to=assignee, by=by)
            self._step(request, data.get("action"), data, by)
        return request

    def _step(self, request, action, data, by):
        text = (data.get("text") or "").strip()
        if action == "clarify":
            services.ask_clarification(request=request, text=text, by=by)
        elif action == "clarified":
            services.clarified(request=request, text=text, by=by)
        elif action == "extend":
            services.extend(request=request, days=data["days"], reason=text, by=by)
        elif action == "forward":
            to = Body.objects.filter(slug=data["forward_to"], is_active=True).first()
            if to is None:
                raise services.RequestError(_("Choose another body on the platform."), request)
            services.forward(request=request, to=to, reason=text, by=by)
        elif action in (Status.ANSWERED, Status.PARTLY, Status.REFUSED):
            files = [(upload.name, upload) for n in range(1, FILES + 1)
                     if (upload := data.get(f"file_{n}"))]  # fmt: skip
            services.answer(request=request, status=action, text=text, by=by, files=files)
