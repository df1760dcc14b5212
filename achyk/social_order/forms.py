"""The social order's admin forms: the base of every viewset's (`SocialForm`: the body's
own choices) and the call's (`CallForm`: its moments in the body's time zone)."""

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies.kit import BodyChoiceMixin

from .models import TEXT_LANGUAGES

#: Foreign keys of each form limited to the body's own objects (the seal checks them again).
OWN = ("approved_by", "formed_by", "programme", "commission", "decision_act", "application",
       "contract")  # fmt: skip


class SocialForm(BodyChoiceMixin, WagtailAdminModelForm):
    """The body's own object; its choices are of the same body only; texts in the languages
    the body publishes in (a Kazakh body's staff see Kazakh and Russian, a Kyrgyz body's
    Kyrgyz and Russian; a platform admin who has not picked the body yet sees all)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        if body is None:
            return
        for name in OWN:
            field = self.fields.get(name)
            if field is not None:
                field.queryset = field.queryset.filter(body=body)
        spoken = set(body.language_list)
        for name in list(self.fields):
            code = name.rpartition("_")[2]
            if "_" in name and code in TEXT_LANGUAGES and code not in spoken:
                del self.fields[name]


class ZonedDateTimeField(forms.DateTimeField):
    """A moment typed and shown as the wall time of `zone` (the body's), whatever time zone
    the admin runs in: 23:59 in Almaty is stored as 18:59 UTC and shown as 23:59 again."""

    def __init__(self, *, zone: zoneinfo.ZoneInfo, **kwargs):
        self.zone = zone
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value, self.zone)
        return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)


class CallForm(SocialForm):
    """A call's opening and deadline are typed and shown in the body's time zone (a Kazakh
    body's staff type Almaty's time, a Kyrgyz body's Bishkek's). A platform admin who picks
    the body of a new call types its wall time too: it is read in the body's zone once the
    body is known."""

    ZONED = ("opens_at", "deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.target_body
        for name in (n for n in self.ZONED if n in self.fields):
            if body is None:
                self.fields[name].help_text = _("In the time zone of the chosen body.")
                continue
            field = self.fields[name]
            self.fields[name] = ZonedDateTimeField(
                zone=zoneinfo.ZoneInfo(body.time_zone), label=field.label,
                required=field.required, widget=field.widget,
                help_text=_("In the body's time zone: %(zone)s.") % {"zone": body.time_zone},
            )  # fmt: skip

    def clean(self):
        picked = self.target_body is None  # a platform admin's new call: zone known only now
        data = super().clean()
        body = self.target_body
        if picked and body is not None:
            zone = zoneinfo.ZoneInfo(body.time_zone)
            for name in self.ZONED:
                value = data.get(name)
                if isinstance(value, datetime.datetime):
                    wall = timezone.make_naive(value)  # as typed, read in the admin's zone
                    data[name] = timezone.make_aware(wall, zone)
                    setattr(self.instance, name, data[name])
        return data
