"""Add next years' holidays of Kyrgyzstan and Kazakhstan from the `holidays` library to the
working-day calendar, keeping every day already there: `manage.py seed_workdays 2029 2030`."""

from django.core.management.base import BaseCommand

from achyk.workdays.services import seed_from_library


class Command(BaseCommand):
    help = "Add the holidays of the given years from the holidays library to the calendar."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args, years, **options):
        added = seed_from_library(years=years)
        self.stdout.write(f"{added} days added")
