"""The uploaded file between the preview and the save: kept in the default storage under
budget-imports/, named by a random token held in the uploader's session with the body, year
and stage. Another user (or another session) cannot name it; a bad row loses nothing: staff
change the mapping, or fix the file and upload it again. Files older than a day are swept at
each new upload."""

import datetime
import secrets
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

SESSION_KEY = "budget_imports"
FOLDER = "budget-imports"
STALE = datetime.timedelta(days=1)


def stage_file(request, *, body, year: int, stage: str, name: str, data: bytes) -> str:
    _sweep()
    token = secrets.token_urlsafe(16)
    extension = PurePath(name).suffix.lower().lstrip(".")
    path = default_storage.save(f"{FOLDER}/{token}.{extension}", ContentFile(data))
    entries = request.session.get(SESSION_KEY, {})
    entries[token] = {"path": path, "body": body.pk, "user": request.user.pk, "year": year,
                      "stage": stage, "name": PurePath(name).name[:255], "ext": extension,
                      "mapping": None}  # fmt: skip
    request.session[SESSION_KEY] = entries
    return token


def entry(request, token: str) -> dict:
    """The staged import `token` of this user's session, or 404."""
    found = request.session.get(SESSION_KEY, {}).get(token)
    if not found or found["user"] != request.user.pk:
        raise Http404
    if not default_storage.exists(found["path"]):
        discard(request, token)
        raise Http404
    return found


def remember_mapping(request, token: str, mapping: dict) -> None:
    entries = request.session.get(SESSION_KEY, {})
    if token in entries:
        entries[token]["mapping"] = mapping
        request.session[SESSION_KEY] = entries


def read(found: dict) -> bytes:
    with default_storage.open(found["path"], "rb") as staged:
        return staged.read()


def discard(request, token: str) -> None:
    entries = request.session.get(SESSION_KEY, {})
    found = entries.pop(token, None)
    request.session[SESSION_KEY] = entries
    if found and default_storage.exists(found["path"]):
        default_storage.delete(found["path"])


def _sweep() -> None:
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    limit = timezone.now() - STALE
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue
