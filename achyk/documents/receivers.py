"""Signal receivers, connected in `DocumentsConfig.ready()`.

A saved file is read for its text in the background; every change to an act, its links or
its history makes the body's cached pages forgotten (the act's page shows all of them), and
a change of the document types forgets every body's pages (type names appear everywhere).
A file saved or deleted sets again the languages of its act (and of the act it left).
"""

from django.db.models.signals import post_delete, post_save

from achyk.pagecache import generations

#: Saves that only record the extraction's result, or other bookkeeping, not a new file.
_NOT_A_NEW_FILE = frozenset(
    {"text", "has_text_layer", "act", "language", "is_archived", "is_published"}
)


def document_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    from .tasks import extract_document_text

    if update_fields and set(update_fields) <= _NOT_A_NEW_FILE:
        return
    if instance.file:
        extract_document_text.enqueue(instance.pk)


#: What a file's languages depend on: a save of other fields (its text, its title) leaves them.
_LANGUAGE_FIELDS = frozenset({"act", "language", "is_archived", "is_published"})


def file_languages_changed(sender, instance, update_fields=None, **kwargs) -> None:
    from .models import refresh_languages

    if update_fields and not _LANGUAGE_FIELDS & set(update_fields):
        return
    refresh_languages({instance.act_id, getattr(instance, "loaded_act_id", None)})
    instance.loaded_act_id = instance.act_id


def act_changed(sender, instance, **kwargs) -> None:
    generations.forget(generations.body_scope(instance.body_id))


def types_changed(sender, **kwargs) -> None:
    generations.forget(generations.GLOBAL)


def connect() -> None:
    from .models import Act, ActChange, ActRelation, Document, DocumentType

    uid = "achyk.documents.receivers"
    post_save.connect(document_saved, sender=Document, dispatch_uid=f"{uid}.document")
    for signal in (post_save, post_delete):
        signal.connect(file_languages_changed, sender=Document,
                       dispatch_uid=f"{uid}.languages.{id(signal)}")  # fmt: skip
    for signal in (post_save, post_delete):
        for model in (Act, ActRelation, ActChange):
            signal.connect(act_changed, sender=model, dispatch_uid=f"{uid}.{model}.{id(signal)}")
        signal.connect(types_changed, sender=DocumentType, dispatch_uid=f"{uid}.t.{id(signal)}")
