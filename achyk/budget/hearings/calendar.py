"""The budget's hearings in the body's one calendar of public events (`bodies.calendar`):
written once here, shown by the calendar, which never imports the budget."""

from django.utils import translation
from django.utils.translation import gettext

from achyk.bodies.calendar import CalendarEvent
from achyk.bodies.models import public_url

from .models import Hearing


class HearingSource:
    def kinds(self):
        return ("hearing",)

    def events(self, *, body, language, start=None, end=None, first=None):
        # each holds the body: the texts' fallback language, without a query a row
        rows = Hearing.objects.published().filter(body=body).holding(body)
        if start is not None:
            rows = rows.filter(starts_at__gte=start)
        if end is not None:
            rows = rows.filter(starts_at__lt=end)
        if first is not None:
            rows = rows.order_by("starts_at", "pk")[:first]
        with translation.override(language):
            for item in rows:
                yield CalendarEvent(
                    body_id=body.pk, key=f"hearing-{item.pk}", kind="hearing",
                    title=gettext("Hearing on the budget %(year)s") % {"year": item.year},
                    starts_at=item.starts_at, ends_at=None, place=item.place,
                    description=item.announcement,
                    url=public_url(body.slug, language, "budget_hearing", pk=item.pk),
                    updated_at=item.updated_at, has_minutes=item.has_minutes,
                    attendance=item.attendance,
                )  # fmt: skip


SOURCE = HearingSource()
