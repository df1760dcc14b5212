"""Send every scored body's admins the monitor's news since their last digest (daily)."""

from django.core.management.base import BaseCommand

from achyk.transparency.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each body's admins the duties that became due or out of date since the last digest."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest e-mails sent.")
