"""What is new on bodies' sites in a window of time, for the letters: news and announcements
(public pages, read with their address from the search index, which keeps one row per public
page), legal acts of the registry and published stages of the budget. Read for many bodies
at once, in a fixed number of queries per kind."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import translation

from achyk.bodies.models import Body, public_url
from achyk.budget.models import Stage
from achyk.content.models import AnnouncementPage, NewsPage
from achyk.documents.models import Act, prime_section_urls
from achyk.search.models import Kind, SearchEntry

from .models import Topic


@dataclass(frozen=True)
class Item:
    body_id: int
    topic: str
    language: str
    title: str
    url: str
    published_at: datetime.datetime


def new_items(body_ids, since: datetime.datetime, until: datetime.datetime) -> dict:
    """{body_id: [Item, ...]} first published in (since, until], oldest first."""
    found: dict[int, list[Item]] = defaultdict(list)
    body_ids = list(body_ids)
    for item in [*_pages(body_ids, since, until), *_acts(body_ids, since, until),
                 *_budget(body_ids, since, until)]:  # fmt: skip
        found[item.body_id].append(item)
    for items in found.values():
        items.sort(key=lambda item: item.published_at)
    return found


def _pages(body_ids, since, until):
    published = {}
    for model, topic in ((NewsPage, Topic.NEWS), (AnnouncementPage, Topic.ANNOUNCEMENTS)):
        rows = (
            model.objects.live()
            .filter(first_published_at__gt=since, first_published_at__lte=until)
            .values_list("pk", "first_published_at")
        )
        published.update({pk: (topic, at) for pk, at in rows})
    if not published:
        return
    entries = SearchEntry.objects.filter(
        kind=Kind.PAGE, object_id__in=list(published), body_id__in=body_ids
    ).values_list("object_id", "body_id", "language", "title", "url")
    for pk, body_id, language, title, url in entries:
        topic, at = published[pk]
        yield Item(body_id, topic, language, title, url, at)


def _acts(body_ids, since, until):
    acts = list(
        Act.objects.filter(body_id__in=body_ids, published_at__gt=since, published_at__lte=until)
        .select_related("body")
    )  # fmt: skip
    bodies = {act.body_id: act.body for act in acts}
    for language in {code for body in bodies.values() for code in body.language_list}:
        prime_section_urls([b for b in bodies.values() if language in b.language_list], language)
    for act in acts:
        for language in act.body.language_list:
            url = act.get_absolute_url(language)
            if url:
                yield Item(act.body_id, Topic.ACTS, language, str(act), url, act.published_at)


def _budget(body_ids, since, until):
    stages = (
        Stage.objects.filter(
            budget__body_id__in=body_ids, published_at__gt=since, published_at__lte=until
        )
        .select_related("budget__body")
    )  # fmt: skip
    for stage in stages:
        body: Body = stage.budget.body
        for language in body.language_list:
            with translation.override(language):
                title = f"{stage.budget.year}: {stage.get_stage_display()}"
            url = public_url(body.slug, language, "budget_year", year=stage.budget.year)
            yield Item(body.pk, Topic.BUDGET, language, title, url, stage.published_at)
