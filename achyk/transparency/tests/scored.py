"""A small scored platform for the tests of the monitor's pages: two bodies, three duties,
evidence added by hand (see factories.HandProvider), figures recomputed and a few months of
snapshots."""

import datetime

from achyk.transparency import services
from achyk.transparency.models import Rule, Snapshot

from . import factories

BISHKEK = datetime.timezone(datetime.timedelta(hours=6))
NOW = datetime.datetime(2026, 6, 10, 12, tzinfo=BISHKEK)
TODAY = NOW.date()


def register():
    """news (every 30 days), council acts (once), contacts (on change): by code."""
    return {
        "news": factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30, order=1,
                               keys="test:page"),
        "council-acts": factories.duty(code="council-acts", rule=Rule.ONCE, order=2,
                                       keys="test:act"),
        "contacts": factories.duty(code="contacts", rule=Rule.ON_CHANGE, order=3,
                                   keys="page:contact"),
    }  # fmt: skip


def publish(provider, body_a, body_b):
    """Body A: news in ky (4 June, due 4 July... fresh) and ru (1 May: stale); an act in ky
    without its number (partial), nothing in ru; no contacts. Body B: nothing."""
    june, may = (datetime.datetime(2026, m, d, tzinfo=BISHKEK) for m, d in ((6, 4), (5, 1)))
    provider.add(body_a, key="test:page", language="ky", title="Жаңылык <b>ө</b>",
                 url="/burana/ky/news/jangylyk/", at=june)  # fmt: skip
    provider.add(body_a, key="test:page", language="ru", title="Новость",
                 url="/burana/ru/news/novost/", at=may)  # fmt: skip
    provider.add(body_a, key="test:act", language="ky", title="Токтом № ?",
                 url="/burana/ky/documents/act/1/", missing=("number",),
                 at=datetime.datetime(2026, 3, 1, tzinfo=BISHKEK))  # fmt: skip


def history(body, values):
    """Monthly snapshots of `body` from January 2026: (index, fill, relevance) per month."""
    for n, (index, fill, relevance) in enumerate(values):
        Snapshot.objects.create(
            body=body, month=datetime.date(2026, 1 + n, 1), taken_at=NOW, index=index,
            fill=fill, relevance=relevance, languages={"ky": str(index), "ru": str(index)},
        )  # fmt: skip


def scored(provider, body_a, body_b):
    duties = register()
    publish(provider, body_a, body_b)
    services.recompute(at=NOW)
    return duties
