"""Writes of the bin: move a page to the bin, restore it, purge it; archive documents."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from achyk.bodies.tenancy import body_for_page

from .models import BinEntry, BinnedPage


class BinError(Exception):
    """A page that cannot go to the bin (a body's home page, or no body's page)."""


def pages_going_with(page: Page):
    """The page, its translations and all their descendants, except pages already binned."""
    roots = [page] + list(page.get_translations().filter(alias_of__isnull=True))
    inside = Q()
    for root in roots:
        inside |= Q(path__startswith=root.path)
    return Page.objects.filter(inside, bin_record__isnull=True).order_by("path")


@transaction.atomic
def move_page_to_bin(*, page: Page, by) -> BinEntry:
    """Unpublish `page` (with its translations and descendants) and record it in the bin."""
    body = body_for_page(page)
    if body is None:
        raise BinError(_("Only pages of a body's site go to the bin."))
    if page.depth <= 2:
        raise BinError(_("The home page of a body cannot be deleted."))
    entry = BinEntry.objects.create(body=body, page=page, title=page.title, deleted_by=by)
    for binned in pages_going_with(page):
        BinnedPage.objects.create(entry=entry, page=binned, was_live=binned.live)
        if binned.live:
            UnpublishPageAction(binned.specific, user=by).execute(skip_permission_checks=True)
    return entry


@transaction.atomic
def restore_from_bin(*, entry: BinEntry, by) -> Page:
    """Take the entry's pages out of the bin and publish again those that were live."""
    for record in entry.pages.select_related("page").order_by("page__path"):
        if record.was_live:
            page = record.page.specific
            revision = page.get_latest_revision() or page.save_revision(user=by)
            revision.publish(user=by)
    page = entry.page
    entry.delete()
    return page


@transaction.atomic
def purge_from_bin(*, entry: BinEntry, by) -> None:
    """Delete the entry's pages for good (the entry goes with them)."""
    paths = list(entry.pages.order_by("page__path").values_list("page__path", flat=True))
    roots = [path for path in paths if not any(path.startswith(p) and path != p for p in paths)]
    for page in Page.objects.filter(path__in=roots):
        DeletePageAction(page.specific, user=by).execute(skip_permission_checks=True)
    BinEntry.objects.filter(pk=entry.pk).delete()


@transaction.atomic
def archive_document(*, document, by=None):
    """Hide a document from the public site; it stays in the admin and can be restored."""
    document.is_archived = True
    document.save(update_fields=["is_archived", "updated_at"])
    return document


@transaction.atomic
def restore_document(*, document, by=None):
    document.is_archived = False
    document.save(update_fields=["is_archived", "updated_at"])
    return document


@transaction.atomic
def purge_document(*, document, by=None) -> None:
    """Delete a document and its file for good (body admins only: see the views)."""
    document.delete()
