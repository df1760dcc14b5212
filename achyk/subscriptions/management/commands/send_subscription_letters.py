"""Queue the run of one kind of letters on the task queue (cron: immediate every few minutes,
daily each morning, weekly on Mondays): `manage.py send_subscription_letters daily`."""

from django.core.management.base import BaseCommand

from achyk.subscriptions.models import Frequency
from achyk.subscriptions.tasks import send_letters


class Command(BaseCommand):
    help = "Queue the subscribers' letters of one frequency (immediate, daily or weekly)."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=Frequency.values)

    def handle(self, *args, frequency, **options):
        result = send_letters.enqueue(frequency=frequency)
        self.stdout.write(f"queued {frequency} letters: {result.id}")
