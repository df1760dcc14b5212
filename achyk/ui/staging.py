"""Uploads waiting between the preview and the confirmation: upload → preview → confirm.

`stage(area, owner=..., files=..., data=...)` keeps the files under `<area>/<id>/` in Django's
default storage (MEDIA_ROOT on disk, or the S3 bucket with MEDIA_STORAGE=s3, so every
application server reads what another one staged) with a manifest: who owns it (e.g. the user
and the body), the app's own data (the year, the mapping...) and when it was made. The id, a
fresh uuid, is what travels in the address or the form. `find(area, id, owner=...)` answers
another owner's id, a malformed one or a swept one alike: `StagedNotFound`, which views turn
into a 404. Staged uploads older than a day are swept at each new one; nothing under an area
is ever served (`ui.views.media` serves pictures only).
"""

import contextlib
import json
import shutil
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

STALE_SECONDS = 24 * 3600
MANIFEST = "manifest.json"


class StagedNotFound(Exception):
    """No staged upload of this id for this owner (gone, malformed, or someone else's)."""


@dataclass
class Staged:
    """A staged upload: its area and id, its owner, the app's data and its files' names."""

    area: str
    id: str
    owner: dict
    data: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    created: float = 0.0

    def path(self, name: str) -> str:
        """The storage name of the staged file `name`."""
        return _name(self.area, self.id, "files", str(self.files.index(name)))

    def read(self, name: str) -> bytes:
        with default_storage.open(self.path(name), "rb") as stored:
            return stored.read()

    def open(self, name: str):
        return default_storage.open(self.path(name), "rb")


def _name(area: str, *parts: str) -> str:
    return "/".join((area, *parts))


def stage(area: str, *, owner: Mapping, files: Mapping, data: Mapping | None = None) -> Staged:
    """Keep `files` ({name: bytes or a file}) for `owner` with the app's `data`."""
    _sweep(area)
    staged = Staged(area=area, id=uuid.uuid4().hex, owner=dict(owner), data=dict(data or {}),
                    files=list(files), created=time.time())  # fmt: skip
    # The manifest first: the sweep of another server never takes a half-written upload for
    # an old one, and its id reaches the user only once every file is written.
    _write_manifest(staged)
    for index, content in enumerate(files.values()):
        if isinstance(content, bytes):
            content = ContentFile(content)
        else:
            content.seek(0)
        _put(_name(area, staged.id, "files", str(index)), content)
    return staged


def find(area: str, staged_id, *, owner: Mapping) -> Staged:
    """The staged upload `staged_id` of `owner`; `StagedNotFound` for anything else."""
    try:
        staged_id = uuid.UUID(str(staged_id)).hex
        manifest = json.loads(_read(_name(area, staged_id, MANIFEST)))
    except (ValueError, OSError) as error:
        raise StagedNotFound from error
    if not isinstance(manifest, dict) or manifest.get("owner") != dict(owner):
        raise StagedNotFound
    data = manifest["data"]
    updates = _updates(area, staged_id)
    if updates:
        data = json.loads(_read(_name(area, staged_id, "data", f"{updates[-1]}.json")))
    return Staged(area=area, id=staged_id, owner=manifest["owner"], data=data,
                  files=manifest["files"], created=manifest["created"])  # fmt: skip


def update(staged: Staged, **data) -> None:
    """Remember more of the app's data with the upload (e.g. the mapping staff chose). The
    manifest is written once: each update is a new file beside it, the newest wins."""
    staged.data.update(data)
    number = (_updates(staged.area, staged.id) or [0])[-1] + 1
    content = ContentFile(json.dumps(staged.data).encode())
    _put(_name(staged.area, staged.id, "data", f"{number}.json"), content)


def _updates(area: str, staged_id: str) -> list[int]:
    try:
        _dirs, names = default_storage.listdir(_name(area, staged_id, "data"))
    except (FileNotFoundError, OSError):
        return []
    return sorted(int(name[:-5]) for name in names if name[:-5].isdigit())


def discard(staged: Staged) -> None:
    """Delete a staged upload's files (and, on local disk, its folders)."""
    _remove(staged.area, staged.id)


def _write_manifest(staged: Staged) -> None:
    manifest = {"owner": staged.owner, "data": staged.data, "files": staged.files,
                "created": staged.created}  # fmt: skip
    _put(_name(staged.area, staged.id, MANIFEST), ContentFile(json.dumps(manifest).encode()))


def _put(name: str, content) -> None:
    saved = default_storage.save(name, content)
    if saved != name:  # a name is never reused: the folder is a fresh uuid
        default_storage.delete(saved)
        raise OSError(f"staging name taken: {name}")


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def _remove(area: str, staged_id: str) -> None:
    folder = _name(area, staged_id)
    for sub in ("files", "data"):
        try:
            _dirs, names = default_storage.listdir(f"{folder}/{sub}")
        except (FileNotFoundError, OSError):
            names = []
        for name in names:
            default_storage.delete(f"{folder}/{sub}/{name}")
    default_storage.delete(f"{folder}/{MANIFEST}")
    with contextlib.suppress(NotImplementedError):  # a bucket has no folders to remove
        shutil.rmtree(default_storage.path(folder), ignore_errors=True)


def _sweep(area: str) -> None:
    try:
        folders, files = default_storage.listdir(area)
    except (FileNotFoundError, OSError):
        return
    for staged_id in folders:
        try:
            created = json.loads(_read(_name(area, staged_id, MANIFEST)))["created"]
        except (OSError, ValueError, KeyError, TypeError):
            created = 0
        if time.time() - float(created) > STALE_SECONDS:
            _remove(area, staged_id)
    for name in files:  # loose files an older version of an app left in its area
        with contextlib.suppress(OSError, NotImplementedError):
            modified = default_storage.get_modified_time(_name(area, name)).timestamp()
            if time.time() - modified > STALE_SECONDS:
                default_storage.delete(_name(area, name))
