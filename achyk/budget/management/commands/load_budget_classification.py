from django.core.management.base import BaseCommand

from achyk.budget.classification import load
from achyk.budget.models import Classification


class Command(BaseCommand):
    help = "Create or update the seeded codes of the budget classification (none is deleted)."

    def handle(self, *args, **options):
        count = load(Classification)
        self.stdout.write(f"{count} codes of the budget classification are in place.")
