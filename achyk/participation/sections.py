"""Participation in a body's menu (`bodies.sections`): needs and priorities (a published
study or group), and the calendar of events (a published event, or a focus group of a
published study)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from achyk.bodies.sections import PublicSection

from .models import Event, FocusGroup, Group, NeedsStudy


def _of_body(model):
    return Exists(model.objects.published().filter(body=OuterRef("pk")))


STUDIES = PublicSection(
    key="participation", url_name="participation_studies", label=_("Needs and priorities"),
    holds=lambda: [_of_body(NeedsStudy), _of_body(Group)],
)  # fmt: skip
CALENDAR = PublicSection(
    key="calendar", url_name="participation_calendar", label=_("Events"),
    holds=lambda: [
        _of_body(Event),
        Exists(FocusGroup.objects.filter(body=OuterRef("pk"), study__is_published=True)),
    ],
)  # fmt: skip
