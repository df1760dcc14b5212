"""What staff are told when an act lacks a file in a language the law requires, in their
language, wherever files are uploaded: the document upload and edit forms, the act's admin,
and the messages after a save. A warning, never a refusal: versions often arrive one by one.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Act, Document, Language
from .selectors import missing_languages


def language_names(codes: list[str]) -> str:
    return ", ".join(str(Language(code).label) for code in codes)


def missing_versions(act: Act | None, *, named: bool = False) -> str:
    """The warning for `act` ("" when it has a file in every required language); `named`
    says which act, for a message read on another page."""
    missing = missing_languages(act) if act is not None else []
    if not missing:
        return ""
    if named:
        return _(
            "The act “%(act)s” has no file in: %(languages)s. Upload the missing versions."
        ) % {"act": act, "languages": language_names(missing)}
    return _("This act has no file in: %(languages)s. Upload the missing versions.") % {
        "languages": language_names(missing)
    }


def with_languages(acts):
    """`acts` with their public files' languages read at once, for `choice_label`."""
    files = Document.objects.public().only("pk", "act_id", "language")
    return acts.select_related("type", "body").prefetch_related(
        Prefetch("files", queryset=files, to_attr="public_versions")
    )


def choice_label(act: Act) -> str:
    """The act as offered in the upload form's list, with the required languages it lacks."""
    present = [document.language for document in getattr(act, "public_versions", [])]
    missing = missing_languages(act, present) if hasattr(act, "public_versions") else []
    if not missing:
        return str(act)
    return _("%(act)s (no file in: %(languages)s)") % {
        "act": act, "languages": language_names(missing)
    }  # fmt: skip
