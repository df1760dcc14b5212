"""Running deadlines follow the platform's calendar: when a day is added, changed or removed,
the due dates of open requests of that country are counted again."""

from django.dispatch import receiver

from achyk.workdays.signals import calendar_changed


@receiver(calendar_changed, dispatch_uid="requests_follow_the_calendar")
def _calendar_changed(sender, countries, **kwargs):
    from .services import recompute_due_dates

    recompute_due_dates(countries=countries)
