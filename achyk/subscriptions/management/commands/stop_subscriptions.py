"""Stop every subscription of addresses that bounced or complained (from the mail server's
reports): `manage.py stop_subscriptions --reason bounced a@example.kg b@example.kg`."""

from django.core.management.base import BaseCommand

from achyk.subscriptions.services import stop


class Command(BaseCommand):
    help = "Stop the subscriptions of addresses that bounced or complained."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="+")
        parser.add_argument("--reason", choices=["bounced", "complained"], default="bounced")

    def handle(self, *args, emails, reason, **options):
        stopped = sum(stop(email=email, reason=reason) for email in emails)
        self.stdout.write(f"{stopped} subscriptions stopped")
