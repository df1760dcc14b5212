"""The daily run of the transparency monitor: recompute every body, take the month's snapshot.

Run it once a day (cron or a systemd timer: docs/operators/transparency.md). Changes made
between runs are already recomputed by the task queue; the daily run catches what time alone
changes (a news section that grew stale overnight, a quarter that ended).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from achyk.bodies.models import Body
from achyk.transparency import services


class Command(BaseCommand):
    help = "Recompute the transparency scores of every body and take the monthly snapshot."

    def add_arguments(self, parser):
        parser.add_argument("--body", action="append", default=[], help="only this body (slug)")
        parser.add_argument("--no-snapshot", action="store_true", help="do not take a snapshot")

    def handle(self, *args, **options):
        body_ids = None
        if options["body"]:
            body_ids = list(
                Body.objects.filter(slug__in=options["body"]).values_list("pk", flat=True)
            )
            if len(body_ids) != len(set(options["body"])):
                raise CommandError("Unknown body slug.")
        started = time.perf_counter()
        now = timezone.now()
        count = services.recompute(body_ids=body_ids, at=now)
        self.stdout.write(f"{count} bodies recomputed in {time.perf_counter() - started:.2f} s.")
        if not options["no_snapshot"] and body_ids is None:
            snapshots = services.take_snapshots(at=now)
            self.stdout.write(f"{snapshots} monthly snapshots taken.")
