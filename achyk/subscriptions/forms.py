from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies import kit
from achyk.requests.forms import EMAIL_ERROR, AsciiEmailValidator

from . import services
from .models import Frequency, Subscriber, Topic


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254, validators=[AsciiEmailValidator()],
        error_messages={"invalid": EMAIL_ERROR},
        help_text=_("We send a link to confirm the subscription to this address."),
    )  # fmt: skip
    topics = forms.MultipleChoiceField(
        label=_("What to receive"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple,
        initial=[Topic.NEWS, Topic.ANNOUNCEMENTS],
        error_messages={"required": _("Choose at least one topic.")},
    )  # fmt: skip
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.DAILY,
        widget=forms.RadioSelect,
    )  # fmt: skip

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class BouncedForm(kit.BodyChoiceMixin, WagtailAdminModelForm):
    """What staff do with a subscriber whose letters bounced, once the address works again:
    start its count of bounces again, or send letters again (which starts the count too)."""

    RESET, RESUME = "reset", "resume"

    action = forms.ChoiceField(
        label=_("What to do"), widget=forms.RadioSelect,
        choices=[(RESET, _("Start the count of bounces again")),
                 (RESUME, _("Send letters again: the address works now"))],
    )  # fmt: skip

    class Meta:
        model = Subscriber
        fields: list[str] = []

    def save(self, commit=True):
        """Calls the service of the chosen action (`services.SubscriptionError` when it may
        not be done: the view shows its message on the form)."""
        if self.cleaned_data["action"] == self.RESUME:
            services.resume(subscriber=self.instance)
        else:
            services.reset_bounces(subscriber=self.instance)
        self.instance.refresh_from_db()
        return self.instance
