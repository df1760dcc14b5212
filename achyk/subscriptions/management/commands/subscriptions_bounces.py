"""Count the hard bounces the mail server reported and stop the addresses that reached the
limit: `manage.py subscriptions_bounces FILE` (`-` reads standard input).

One bounce a line: the address, then optionally its kind, `hard` or `soft`, or the SMTP
status (`5.1.1` is hard, `4.2.2` soft), separated by spaces, a comma or a semicolon. A line
without a kind is a hard bounce; soft bounces, blank lines and lines starting with `#` are
passed over, and a line whose address is not an address is reported and passed over.
"""

from __future__ import annotations

import re
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from achyk.subscriptions.services import record_bounces

SEPARATORS = re.compile(r"[\s,;]+")


def is_hard(kind: str) -> bool | None:
    """True for a hard bounce, False for a soft one, None for a kind not understood."""
    kind = kind.lower()
    if kind in ("", "hard") or kind.startswith("5."):
        return True
    if kind == "soft" or kind.startswith("4."):
        return False
    return None


class Command(BaseCommand):
    help = "Count hard bounces from a file of addresses and stop those that reached the limit."

    def add_arguments(self, parser):
        parser.add_argument("file", help="one bounced address a line; - for standard input")
        parser.add_argument("--limit", type=int, help="hard bounces before an address stops")

    def handle(self, *args, file, limit, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        hard = list(self.hard_bounces(self.lines(file)))
        result = record_bounces(emails=hard, limit=limit)
        for email in result.stopped:
            self.stdout.write(f"stopped: {email}")
        self.stdout.write(
            f"{result.counted} hard bounces counted, {len(result.stopped)} addresses stopped, "
            f"{result.unknown} addresses not subscribed"
        )

    def lines(self, file: str) -> list[str]:
        if file == "-":
            return sys.stdin.read().splitlines()
        try:
            with open(file, encoding="utf-8", errors="replace") as handle:
                return handle.read().splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error

    def hard_bounces(self, lines: list[str]):
        for number, line in enumerate(lines, start=1):
            fields = [field for field in SEPARATORS.split(line.strip()) if field]
            if not fields or fields[0].startswith("#"):
                continue
            address, kind = fields[0], fields[1] if len(fields) > 1 else ""
            try:
                validate_email(address)
            except ValidationError:
                self.stderr.write(f"line {number}: not an e-mail address, passed over")
                continue
            hard = is_hard(kind)
            if hard is None:
                self.stderr.write(f"line {number}: unknown kind {kind!r}, passed over")
            elif hard:
                yield address
