from django.conf import settings
from django.core.management.base import BaseCommand

from achyk.bodies.services import grant_supervisor_reading
from achyk.content.services import ensure_platform_home


class Command(BaseCommand):
    help = "Create the platform's home page in every language (safe to run again)."

    def handle(self, *args, **options):
        ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])
        grant_supervisor_reading()
        self.stdout.write("Platform home page and the supervisors' reading rights are in place.")
