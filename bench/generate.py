"""Generate N bodies with content for the benchmark: real pages made by the real services.

Each body goes through `bodies.services.create_body` (site in ky and ru, collection, groups)
and `demo.services.fill_site` (home text, news, an announcement, a PDF document), so the
pages measured are the pages a real body has. Search and reference-index updates are not
run (a task backend that only records them): they do not change the pages measured.
"""

import time

from django.db import IntegrityError, transaction
from django.test import override_settings

from achyk.demo.services import create_demo_body, ensure_territory, fill_site, values_for

#: Rayons the generated bodies are spread over (codes from the demo territory).
RAYONS = ["41708203", "41708209", "41708211", "41708215", "41708219", "41708222"]
NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def spec_for(number: int) -> dict:
    """A made-up ayil aymak: Сынак-0042 (сынак, "test") with the demo's details."""
    short = f"Сынак-{number:04d}"
    return {
        "slug": f"bench-{number:04d}", "rayon": RAYONS[number % len(RAYONS)],
        "code": f"{RAYONS[number % len(RAYONS)]}{9000 + number:05d}",
        "short_ky": short, "short_ru": short, "village": short,
        "name_ky": f"{short} айыл аймагы", "name_ru": f"Айылный аймак {short}",
        "population": 3000 + number * 7 % 9000, "head": "Өмүрбек Түгөлбаев",
        "deputy": "Гүлмира Ыдырысова", "street_ky": "Манас", "street_ru": "Манаса",
        "phone": "+996 3138 5-00-00",
    }  # fmt: skip


def generate(*, bodies: int, news: int = 5, start: int = 1, progress=None) -> float:
    """Create bodies numbered start..start+bodies-1 (skipping existing ones); return seconds."""
    from achyk.bodies.models import Body

    began = time.monotonic()
    with override_settings(TASKS=NO_TASKS):
        units = ensure_territory()
        generated = Body.objects.filter(slug__startswith="bench-")
        existing = set(generated.values_list("slug", flat=True))
        for number in range(start, start + bodies):
            spec = spec_for(number)
            if spec["slug"] in existing:
                continue
            with transaction.atomic():
                body = create_demo_body(spec=spec, parent=units[spec["rayon"]])
                fill_site(
                    body=body, values=values_for(spec), news=news, gallery=False, sections=False
                )
            if progress is not None and number % 50 == 0:
                progress(number, time.monotonic() - began)
    return time.monotonic() - began


def create_bodies(*, numbers, progress=None, attempts: int = 5) -> int:
    """Create the bodies `numbers` (sites, collections, groups; no content), skipping existing
    ones; returns how many were created.

    Safe to run in several processes at once, each with its own numbers: two processes adding
    a home page or a collection under the same root at the same moment may pick the same tree
    path, and the loser of that race tries its body again in a new transaction.
    """
    from achyk.bodies.models import Body

    created = 0
    with override_settings(TASKS=NO_TASKS):
        units = ensure_territory()
        for number in numbers:
            spec = spec_for(number)
            for attempt in range(attempts):
                if Body.objects.filter(slug=spec["slug"]).exists():  # made by another process
                    break
                try:
                    with transaction.atomic():
                        create_demo_body(spec=spec, parent=units[spec["rayon"]])
                    created += 1
                    break
                except IntegrityError:
                    if attempt == attempts - 1:
                        raise
                    time.sleep(0.05 * (attempt + 1))
            if progress is not None:
                progress(number)
    return created
