"""What makes the page cache forget: every change a reader could see on a public page.

A body's pages are forgotten when one of its pages is saved, published, unpublished, moved or
deleted, when one of its documents or images changes (the home lists recent documents) and
when the body itself changes (contacts are on every page); a body's change also refreshes the
platform's pages (its home lists every body). Rare platform-wide changes (sites, territory,
view restrictions) forget everything. Connected in `PageCacheConfig.ready()`.
"""

from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from achyk.bodies.models import Body, Territory
from achyk.bodies.tenancy import body_for_page

from . import generations


def _forget_body(body_id: int | None) -> None:
    generations.forget(generations.body_scope(body_id) if body_id else generations.GLOBAL)


def _forget_page(page: Page) -> None:
    body = body_for_page(page)
    generations.forget(generations.body_scope(body.pk) if body else generations.PLATFORM)


def page_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        _forget_page(instance)


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    _forget_page(parent_page_before)
    _forget_page(parent_page_after)


def file_changed(sender, instance, **kwargs) -> None:
    _forget_body(instance.body_id)


def body_changed(sender, instance, **kwargs) -> None:
    _forget_body(instance.pk)
    generations.forget(generations.PLATFORM)


def everything_changed(sender, **kwargs) -> None:
    generations.forget(generations.GLOBAL)


def connect() -> None:
    uid = "achyk.pagecache.invalidation"
    for signal in (post_save, post_delete):
        signal.connect(page_changed, dispatch_uid=f"{uid}.page.{id(signal)}")
        signal.connect(body_changed, sender=Body, dispatch_uid=f"{uid}.body.{id(signal)}")
        for model in (get_document_model(), get_image_model()):
            signal.connect(file_changed, sender=model, dispatch_uid=f"{uid}.{model}.{id(signal)}")
        for model in (Territory, Site, PageViewRestriction, CollectionViewRestriction):
            signal.connect(
                everything_changed, sender=model, dispatch_uid=f"{uid}.{model}.{id(signal)}"
            )
    for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"{uid}.page.{id(signal)}")
    wagtail_signals.post_page_move.connect(page_moved, dispatch_uid=f"{uid}.moved")
