"""Duties and evidence for the monitor's tests: a provider the test fills by hand, so that the
monitor is tested without the content apps (they test their own providers)."""

import datetime
import itertools

from django.utils import timezone

from achyk.bodies import evidence as registry
from achyk.bodies.evidence import EvidenceItem, EvidenceKind
from achyk.transparency.models import Duty, Rule

_counter = itertools.count(1)
HOSTILE = '<script>alert("ө")</script> "Үңкүр" & \'Ө\''
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def duty(*, code=None, country="KG", keys="test:page", rule=Rule.ONCE, **fields):
    n = next(_counter)
    values = {
        "title_ky": f"Милдет {n} {HOSTILE}", "title_ru": f"Обязанность {n} {HOSTILE}",
        "legal_act": "Мыйзам № 217", "evidence_keys": keys, "rule": rule,
        "valid_from": LONG_AGO,
    }  # fmt: skip
    values.update(fields)
    return Duty.objects.create(code=code or f"duty-{n}", country=country, **values)


class HandProvider:
    """Evidence a test adds item by item."""

    def __init__(self, keys=("test:page", "test:act")):
        self.keys = keys
        self.items: list[EvidenceItem] = []
        self.calls = 0

    def kinds(self):
        return [EvidenceKind(key, key) for key in self.keys]

    def collect(self, *, keys, body_ids):
        self.calls += 1
        wanted = None if body_ids is None else set(body_ids)
        return [
            item
            for item in self.items
            if item.key in keys and (wanted is None or item.body_id in wanted)
        ]

    def add(self, body, *, key="test:page", language="ky", at=None, **fields):
        at = at or timezone.now()
        item = EvidenceItem(
            body_id=body.pk, key=key, language=language, published_at=at,
            updated_at=fields.pop("updated_at", at), title=fields.pop("title", f"{HOSTILE} {key}"),
            url=fields.pop("url", f"/{body.slug}/{language}/item/"), **fields,
        )  # fmt: skip
        self.items.append(item)
        return item


def hand_provider(monkeypatch, keys=("test:page", "test:act")) -> HandProvider:
    """A provider registered for one test only."""
    provider = HandProvider(keys)
    monkeypatch.setattr(registry, "_providers", [*registry.providers(), provider])
    return provider
