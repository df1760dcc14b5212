"""ZIP containers (DOCX, XLSX, ODT, ODS) opened with caps, at upload and at every later read.

A few hundred kilobytes of ZIP can unpack to gigabytes (a "zip bomb"): a 306 KB DOCX whose
document.xml is 300 MB took the task worker to 1 GB while its text was read. Whoever opens
a ZIP that came from a user does it through `open_zip`, which refuses, before anything is
unpacked, an archive that declares more than `settings.ACHYK_ZIP_MAX_BYTES` in all, more
than `ACHYK_ZIP_MAX_MEMBERS` members, or that is compressed more than
`settings.ACHYK_ZIP_MAX_RATIO` times (office files are rarely over 20, never near 100).
Members are then read by `read_member` or `open_member`, which stop at the same cap: Python's
zipfile gives no more than a member's declared size, and these never ask for more.

`ArchiveRefused` carries the message (translated) the reader sees; the upload check shows
it, text extraction reads nothing, an import shows it as its error.
"""

import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

ZIP_MAX_MEMBERS = 10_000
#: Members smaller than this are not judged by their own ratio (a blank sheet compresses well).
RATIO_FLOOR = 1024 * 1024
CHUNK = 64 * 1024

TOO_MUCH = _(
    "This file unpacks to %(size)s, more than the %(limit)s we accept. "
    "Save it again in smaller parts, or as PDF, and upload the new file."
)
TOO_COMPRESSED = _(
    "This file is compressed %(ratio)s times, far more than an office file ever is: it is "
    'built to fill the server\'s memory (a "zip bomb"). We do not accept it.'
)
TOO_MANY_MEMBERS = _("This file holds more than %(limit)s parts. We do not accept it.")
DAMAGED = _("This file is damaged and cannot be opened. Save it again and upload the new file.")


class ArchiveRefused(ValueError):
    """A ZIP container we do not open; `message` says why, in the reader's language."""

    def __init__(self, message, **params):
        self.message, self.params = message, params
        super().__init__(str(message) % params if params else str(message))


def max_bytes() -> int:
    return settings.ACHYK_ZIP_MAX_BYTES


def open_zip(data) -> zipfile.ZipFile:
    """`data` (bytes or a binary file) as a ZipFile, once its declared sizes pass the caps."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ArchiveRefused(DAMAGED) from error
    try:
        check_sizes(archive.infolist())
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Refuse members that declare too much in all, or a compression no office file has."""
    if len(members) > ZIP_MAX_MEMBERS:
        raise ArchiveRefused(TOO_MANY_MEMBERS, limit=number_format(ZIP_MAX_MEMBERS))
    total = sum(member.file_size for member in members)
    if total > max_bytes():
        raise ArchiveRefused(
            TOO_MUCH, size=filesizeformat(total), limit=filesizeformat(max_bytes())
        )
    packed = sum(member.compress_size for member in members)
    ratio = total / max(packed, 1)
    worst = max(
        (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > RATIO_FLOOR),
        default=0,
    )
    ratio = max(ratio if total > RATIO_FLOOR else 0, worst)
    if ratio > settings.ACHYK_ZIP_MAX_RATIO:
        raise ArchiveRefused(TOO_COMPRESSED, ratio=number_format(ratio, 0))


class _CappedMember(io.RawIOBase):
    """A member read in chunks that fails past `limit` bytes, whatever its header says."""

    def __init__(self, raw, limit: int):
        self.raw, self.left, self.limit = raw, limit, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(min(len(buffer), CHUNK, self.left + 1))
        if len(data) > self.left:
            raise ArchiveRefused(
                TOO_MUCH, size=filesizeformat(self.limit + 1), limit=filesizeformat(self.limit)
            )
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_member(archive: zipfile.ZipFile, name: str, limit: int | None = None):
    """A binary file of member `name`, read in chunks, failing past `limit` (the cap)."""
    try:
        raw = archive.open(name)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
        raise ArchiveRefused(DAMAGED) from error
    return io.BufferedReader(_CappedMember(raw, max_bytes() if limit is None else limit), CHUNK)


def read_member(archive: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    """The bytes of member `name`, at most `limit` (the cap); ArchiveRefused past it."""
    try:
        with open_member(archive, name, limit) as member:
            return member.read()
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise ArchiveRefused(DAMAGED) from error
