"""`calendar_changed(sender, countries)`: sent after commit when a day of the calendar is
added, changed or removed, so the apps that keep running deadlines compute them again."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import Day

calendar_changed = Signal()


def announce(countries) -> None:
    """Send `calendar_changed` for `countries` once the transaction commits."""
    countries = sorted(set(countries))
    transaction.on_commit(
        lambda: calendar_changed.send(sender=Day, countries=countries), robust=False
    )


@receiver(post_save, sender=Day, dispatch_uid="workdays_day_saved")
@receiver(post_delete, sender=Day, dispatch_uid="workdays_day_deleted")
def _day_changed(sender, instance: Day, raw=False, **kwargs):
    if not raw:
        announce([instance.country])
