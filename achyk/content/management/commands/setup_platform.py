from django.conf import settings
from django.core.management.base import BaseCommand

from achyk.bodies.models import Body
from achyk.bodies.services import grant_supervisor_reading
from achyk.content.services import ensure_platform_home, ensure_sections


class Command(BaseCommand):
    help = (
        "Create the platform's home page in every language and add to every body's site the "
        "standard sections it lacks (safe to run again)."
    )

    def handle(self, *args, **options):
        ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])
        grant_supervisor_reading()
        self.stdout.write("Platform home page and the supervisors' reading rights are in place.")
        for body in Body.objects.exclude(site=None):
            added = ensure_sections(body)
            if added:
                self.stdout.write(f"{body.slug}: {added} section pages added.")
