"""What an Office file would run or fetch, read from its structure, not from its file names.

OOXML (DOCX, XLSX) is judged by `[Content_Types].xml`, every relationship part (`*.rels`)
and every OLE part: VBA anywhere (a part of type vbaProject under any name, an OLE part with a
VBA storage, macro-enabled main parts), Excel 4 macro sheets (XLM), ActiveX, and relationships
whose target is outside the file (`TargetMode="External"`: a remote template, a frame, a
linked object), except hyperlinks. ODF (ODT, ODS) by its Basic and Scripts folders. Legacy
OLE files (DOC, XLS) by their storages (olefile): VBA, and XLM macro sheets in a workbook's
BIFF records. Each check returns a `Finding` (kind and detail) or None; ZIP caps are
`archives.open_zip`'s.
"""

import io
import posixpath
import struct
from dataclasses import dataclass

import olefile
from defusedxml import ElementTree

from . import archives

MACROS, ACTIVEX, EXTERNAL, REMOTE_TEMPLATE, DAMAGED = (
    "macros", "activex", "external", "remote_template", "damaged",
)  # fmt: skip
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Parts of content types and relationship types that are code.
MACRO_MARKS = ("vbaproject", "macroenabled", "macrosheet", "vbadata", "intlmacrosheet")
ACTIVEX_MARKS = ("activex", "/control")
XML_LIMIT = 8 * 1024 * 1024  # a content types or relationships part is a few kilobytes
OLE_PART_LIMIT = 64 * 1024 * 1024
BOUNDSHEET, MACRO_SHEET = 0x0085, 0x01


@dataclass(frozen=True)
class Finding:
    kind: str
    detail: str = ""


def check_ooxml(data: bytes) -> Finding | None:
    """Macros, ActiveX or external targets of a DOCX/XLSX; ArchiveRefused past the caps."""
    with archives.open_zip(data) as archive:
        names = archive.namelist()
        lowered = [name.lower() for name in names]
        if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lowered):
            return Finding(MACROS)
        if any("/activex/" in name for name in lowered):
            return Finding(ACTIVEX)
        checks = [_content_types(archive, names)]
        checks += [_relationships(archive, name) for name in names if name.endswith(".rels")]
        checks += [_ole_part(archive, name) for name in names if _is_ole(archive, name)]
        return next((finding for finding in checks if finding), None)


def _xml(archive, name: str):
    try:
        return ElementTree.fromstring(archives.read_member(archive, name, XML_LIMIT))
    except (ElementTree.ParseError, ValueError) as error:  # defusedxml refuses DTDs
        if isinstance(error, archives.ArchiveRefused):
            raise
        return None


def _content_types(archive, names) -> Finding | None:
    if "[Content_Types].xml" not in names:
        return None
    root = _xml(archive, "[Content_Types].xml")
    if root is None:
        return Finding(DAMAGED)
    for node in root:
        kind = _code_kind(node.get("ContentType", ""))
        if kind:
            return Finding(kind)
    return None


def _relationships(archive, name: str) -> Finding | None:
    root = _xml(archive, name)
    if root is None:
        return Finding(DAMAGED)
    for node in root:
        kind, target = node.get("Type", ""), node.get("Target", "")
        code = _code_kind(kind)
        if code:
            return Finding(code)
        if node.get("TargetMode", "").lower() == "external" and not kind.endswith("/hyperlink"):
            remote = kind.endswith("/attachedTemplate")
            return Finding(REMOTE_TEMPLATE if remote else EXTERNAL, target[:120])
    return None


def _code_kind(type_name: str) -> str | None:
    lowered = type_name.lower()
    if any(mark in lowered for mark in MACRO_MARKS):
        return MACROS
    if any(mark in lowered for mark in ACTIVEX_MARKS):
        return ACTIVEX
    return None


def _is_ole(archive, name: str) -> bool:
    if name.endswith("/") or posixpath.basename(name) == "":
        return False
    with archives.open_member(archive, name) as member:
        return member.read(len(OLE_MAGIC)) == OLE_MAGIC


def _ole_part(archive, name: str) -> Finding | None:
    return check_ole(archives.read_member(archive, name, OLE_PART_LIMIT))


def check_odf(data: bytes) -> Finding | None:
    with archives.open_zip(data) as archive:
        if any(name.startswith(("Basic/", "Scripts/")) for name in archive.namelist()):
            return Finding(MACROS)
    return None


def check_ole(data: bytes) -> Finding | None:
    """VBA storages, or XLM macro sheets, of an OLE file (DOC, XLS, or a part of an OOXML
    file). A file olefile cannot read is judged by its bytes only (Office cannot open it)."""
    if "_VBA_PROJECT".encode("utf-16-le") in data:
        return Finding(MACROS)
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError, struct.error):
        return None
    with ole:
        paths = [
            [part.lower() for part in entry] for entry in ole.listdir(streams=True, storages=True)
        ]
        if any({"vba", "_vba_project", "_vba_project_cur", "macros"} & set(p) for p in paths):
            return Finding(MACROS)
        for book in ("Workbook", "Book"):
            if ole.exists(book) and _has_macro_sheet(ole.openstream(book).read()):
                return Finding(MACROS)
    return None


def _has_macro_sheet(stream: bytes) -> bool:
    """A BIFF BOUNDSHEET record whose sheet type is an Excel 4 macro sheet (XLM)."""
    offset = 0
    while offset + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, offset)
        if record == BOUNDSHEET and length >= 6 and stream[offset + 9] == MACRO_SHEET:
            return True
        offset += 4 + length
    return False
