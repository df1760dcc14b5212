from django.core.management.base import BaseCommand

from achyk.search import services


class Command(BaseCommand):
    help = "Index every public page and document again (after an import or an upgrade)."

    def handle(self, *args, **options):
        count = services.rebuild()
        self.stdout.write(f"{count} entries indexed")
