"""What keeps the index in step: the signals of pages, documents and acts.

Pages: published (index), unpublished or deleted (forget), moved or given a view restriction
(the page and everything under it again). Documents: saved (index, or forget when archived)
and deleted, and again when their text has been read. Acts: saved (their language versions
again). Connected in `SearchConfig.ready()`.
"""

from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.models import Page, PageViewRestriction

from achyk.documents.models import Act, Document
from achyk.documents.tasks import text_extracted as document_text_extracted

from . import services

UID = "achyk.search.signals"


def page_published(sender, instance, **kwargs) -> None:
    services.index_page(instance)


def page_gone(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        services.remove_page(page_id=instance.pk)


def page_moved(sender, instance, **kwargs) -> None:
    services.index_page_tree(instance)


def restriction_changed(sender, instance, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        services.index_page_tree(page)


def document_saved(sender, instance, **kwargs) -> None:
    services.index_document(document_id=instance.pk)


def text_extracted(sender, document_id, **kwargs) -> None:
    services.index_document(document_id=document_id)


def document_deleted(sender, instance, **kwargs) -> None:
    services.remove_document(document_id=instance.pk)


def act_saved(sender, instance, **kwargs) -> None:
    for document_id in instance.files.values_list("pk", flat=True):
        services.index_document(document_id=document_id)


def connect() -> None:
    wagtail_signals.page_published.connect(page_published, dispatch_uid=f"{UID}.published")
    wagtail_signals.page_unpublished.connect(page_gone, dispatch_uid=f"{UID}.unpublished")
    post_delete.connect(page_gone, dispatch_uid=f"{UID}.page_deleted")
    wagtail_signals.post_page_move.connect(page_moved, dispatch_uid=f"{UID}.moved")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{UID}.r{id(signal)}"
        )
    post_save.connect(document_saved, sender=Document, dispatch_uid=f"{UID}.document_saved")
    post_delete.connect(document_deleted, sender=Document, dispatch_uid=f"{UID}.document_gone")
    document_text_extracted.connect(text_extracted, dispatch_uid=f"{UID}.text_extracted")
    post_save.connect(act_saved, sender=Act, dispatch_uid=f"{UID}.act_saved")
