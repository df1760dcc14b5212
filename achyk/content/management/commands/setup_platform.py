from django.conf import settings
from django.core.management.base import BaseCommand

from achyk.content.services import ensure_platform_home


class Command(BaseCommand):
    help = "Create the platform's home page in every language (safe to run again)."

    def handle(self, *args, **options):
        ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])
        self.stdout.write("Platform home page is in place.")
