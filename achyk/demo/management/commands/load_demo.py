import time

from django.conf import settings
from django.core.management.base import BaseCommand

from achyk.bodies.models import Body
from achyk.demo import password as demo_password
from achyk.demo.services import LOGINS, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo: territory, twelve ayil aymaks with their sites in Kyrgyz and Russian, "
        "and the demo logins. Bodies that exist are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any body exists already."
        )
        parser.add_argument(
            "--password",
            help="Password of the demo logins (default: DEMO_PASSWORD, else the stored one, "
            "else a new one). It is kept in var/demo-password.txt (mode 0600).",
        )

    def handle(self, *args, if_empty=False, password=None, **options):
        if if_empty and Body.objects.exists():
            self.stdout.write("Bodies exist already; the demo data are not loaded again.")
            return
        started = time.monotonic()
        chosen = demo_password.choose(password, settings.VAR_DIR)
        self.stdout.write("Loading the demo data:")
        created = load_demo(password=chosen, stdout=self.stdout)
        path = demo_password.store(chosen, settings.VAR_DIR)
        seconds = time.monotonic() - started
        self.stdout.write(f"{len(created)} bodies created in {seconds:.1f} s.")
        self.stdout.write(f"Demo logins: {', '.join(login.username for login in LOGINS)}")
        self.stdout.write(f"Their password is in {path}")
