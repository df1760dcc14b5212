"""Reads of the bin, sealed by body (`for_user`)."""

from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model

from .models import BinEntry


def entries_for(user):
    """Bin entries the user may see: their body's, or every body's for platform admins and
    supervisors."""
    return (
        BinEntry.objects.for_user(user)
        .select_related("body", "deleted_by", "page__content_type")
        .prefetch_related("pages")
    )


def entry_for(user, pk) -> BinEntry:
    """An entry of the user's body; another body's entry is answered with 404."""
    return get_object_or_404(BinEntry.objects.for_user(user).select_related("body"), pk=pk)


def archived_documents_for(user):
    return (
        get_document_model().objects.for_user(user).filter(is_archived=True).order_by("-updated_at")
    )


def document_for(user, pk):
    """A document of the user's body; another body's document is answered with 404."""
    return get_object_or_404(get_document_model().objects.for_user(user), pk=pk)
