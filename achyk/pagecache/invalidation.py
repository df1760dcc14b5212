"""What makes the page cache forget: every change a reader could see on a public page.

A body's pages are forgotten when one of its pages is saved, published, unpublished, moved or
deleted, when one of its documents or images changes (the home lists recent documents), when
a row of an app it watches changes (the menu shows the sections that hold something, the
home the next event: see `watch` below), when the body itself
changes (contacts are on every page) and when the monitor stores new scores (homes show
them); a body's change and new scores also refresh the platform's pages (its home lists every
body with its score). Rare platform-wide changes (sites, territory, view restrictions) forget
everything. Connected in `PageCacheConfig.ready()`.

The feature apps whose public views are kept (budget, the monitor, plans, participation, the
social order, requests) call `watch(their label)` in their `ready()`: any save or deletion of
one of their rows through the ORM forgets the pages of the row's body. Their writes that send
no signal (bulk_create, update, raw SQL) call `forget_body` themselves, and a body whose
evidence changed (`bodies.evidence.evidence_changed`, sent by their services) is forgotten too.
pagecache never imports them: it knows them only by their label.
"""

from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from achyk.bodies import scores
from achyk.bodies.evidence import evidence_changed
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


def scores_changed(sender, body_ids, **kwargs) -> None:
    """A body's home shows its transparency score, the platform's home every body's."""
    for body_id in body_ids:
        generations.forget(generations.body_scope(body_id))
    generations.forget(generations.PLATFORM)


def everything_changed(sender, **kwargs) -> None:
    generations.forget(generations.GLOBAL)


#: App label -> whether the platform's own pages show its rows too (a rating of every body).
_watched: dict[str, bool] = {}
#: Models ("app_label.modelname") whose rows are written by the thousand in a service that
#: forgets their body once itself (a budget's lines): not forgotten row by row.
_unwatched: set[str] = set()


def watch(app_label: str, *, platform: bool = False, except_models: tuple[str, ...] = ()) -> None:
    """Forget a body's pages whenever a row of app `app_label` is saved or deleted, and the
    platform's pages too if `platform` (they list every body's rows). `except_models`
    (model names) are left to the services that write them in bulk."""
    _watched[app_label] = _watched.get(app_label, False) or platform
    _unwatched.update(f"{app_label}.{name.lower()}" for name in except_models)


def forget_body(body_id: int | None, *, platform: bool = False) -> None:
    """Every page of body `body_id` (and of the platform, if `platform`) is stale from now
    on; without a body, every page is."""
    if body_id is None:
        generations.forget(generations.GLOBAL)
        return
    generations.forget(generations.body_scope(body_id))
    if platform:
        generations.forget(generations.PLATFORM)


def _owns_a_body(model) -> bool:
    return any(field.name == "body" for field in model._meta.concrete_fields)


def body_id_of(instance) -> int | None:
    """The body a row belongs to: its own `body`, or that of the row it points to (a tally's
    priority, a budget line's budget); None when it belongs to no body (a duty, a law)."""
    if _owns_a_body(instance._meta.model):
        return instance.body_id
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not field.many_to_one or value is None or not _owns_a_body(field.related_model):
            continue
        if field.is_cached(instance):
            return getattr(instance, field.name).body_id
        # Read from the base manager: the row may be on its way out in the same cascade.
        found = field.related_model._base_manager.filter(pk=value).values_list("body_id")
        return next(iter(found), (None,))[0]
    return None


def row_changed(sender, instance, **kwargs) -> None:
    platform = _watched.get(sender._meta.app_label)
    if platform is not None and sender._meta.label_lower not in _unwatched:
        forget_body(body_id_of(instance), platform=platform)


def body_evidence_changed(sender, body_id: int, **kwargs) -> None:
    forget_body(body_id)


def connect() -> None:
    uid = "achyk.pagecache.invalidation"
    for signal in (post_save, post_delete):
        signal.connect(row_changed, dispatch_uid=f"{uid}.row.{id(signal)}")
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
    scores.scores_changed.connect(scores_changed, dispatch_uid=f"{uid}.scores")
    wagtail_signals.post_page_move.connect(page_moved, dispatch_uid=f"{uid}.moved")
    evidence_changed.connect(body_evidence_changed, dispatch_uid=f"{uid}.evidence")
