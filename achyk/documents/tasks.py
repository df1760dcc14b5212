"""Background work on documents: reading the text out of a saved file."""

from django.dispatch import Signal
from django_tasks import task

from achyk.pagecache import generations

from .extraction import extract

#: Sent with `document_id` once a document's text is read (search indexes it then).
text_extracted = Signal()


@task()
def extract_document_text(document_id: int) -> None:
    """Fill `Document.text` and `has_text_layer` from the document's file.

    Written with update(), so that saving the result does not schedule another extraction;
    the body's pages are forgotten, since the act's page shows the text.
    """
    from .models import Document

    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return
    with document.open_file() as handle:
        data = handle.read()
    result = extract(data, document.file_extension)
    Document.objects.filter(pk=document_id).update(
        text=result.text, has_text_layer=result.has_text_layer
    )
    if document.body_id:
        generations.forget(generations.body_scope(document.body_id))
    text_extracted.send(sender=Document, document_id=document_id)
