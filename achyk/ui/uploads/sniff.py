"""What a file is, judged by its bytes: `sniff(data)` returns one of the kinds below, or None.

`filetype` knows the magic numbers; ZIP and OLE containers are opened to tell a Word file from
an Excel file or a plain archive, and text is checked the way browsers sniff it, so that HTML
cannot pass for a document.
"""

import io
import re
import zipfile

import filetype
from django.utils.translation import gettext_lazy as _

PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, RTF = "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf"
TEXT, HTML, SVG, XML, SCRIPT = "text", "html", "svg", "xml", "script"
PROGRAM, ARCHIVE, IMAGE, OLE, PRESENTATION = "program", "archive", "image", "ole", "presentation"
DAMAGED = "damaged"  # a container that cannot be opened

KIND_LABELS = {
    PDF: _("a PDF document"),
    DOC: _("a Word document (DOC)"),
    DOCX: _("a Word document (DOCX)"),
    XLS: _("an Excel spreadsheet (XLS)"),
    XLSX: _("an Excel spreadsheet (XLSX)"),
    ODT: _("an OpenDocument text (ODT)"),
    ODS: _("an OpenDocument spreadsheet (ODS)"),
    RTF: _("an RTF document"),
    TEXT: _("plain text"),
    HTML: _("HTML"),
    SVG: _("an SVG image"),
    XML: _("XML"),
    SCRIPT: _("a script"),
    PROGRAM: _("a program"),
    ARCHIVE: _("an archive"),
    IMAGE: _("an image"),
    OLE: _("an Office file of another kind"),
    PRESENTATION: _("a presentation"),
}

_FILETYPE_KINDS = {
    "pdf": PDF, "doc": DOC, "xls": XLS, "odt": ODT, "ods": ODS, "rtf": RTF,
    "docx": DOCX, "xlsx": XLSX, "ppt": PRESENTATION, "pptx": PRESENTATION, "odp": PRESENTATION,
    "exe": PROGRAM, "elf": PROGRAM, "swf": PROGRAM, "wasm": PROGRAM, "crx": PROGRAM,
    "deb": PROGRAM, "rpm": PROGRAM,
    "zip": ARCHIVE, "epub": ARCHIVE, "tar": ARCHIVE, "rar": ARCHIVE, "gz": ARCHIVE,
    "bz2": ARCHIVE, "7z": ARCHIVE, "cab": ARCHIVE, "xz": ARCHIVE, "zst": ARCHIVE,
    "ar": ARCHIVE, "Z": ARCHIVE, "lz": ARCHIVE, "lz4": ARCHIVE, "lzo": ARCHIVE, "br": ARCHIVE,
}  # fmt: skip
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACHO_MAGICS = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")  # fmt: skip
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": PRESENTATION,
}

# Tags a browser takes as HTML at the start of a file (WHATWG MIME Sniffing, 7.1).
_HTML_START = re.compile(
    r"<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|"
    r"!--|object|embed|form|img|meta|link)[\s>/]",
    re.I,
)
_ACTIVE_ANYWHERE = re.compile(r"<(?:script|html|iframe|object|embed)\b|<svg\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x7f]")


def sniff(data: bytes) -> str | None:
    """The kind of `data` (one of KIND_LABELS, or DAMAGED), or None when it is none we know."""
    found = filetype.guess(data) if data else None
    kind = None
    if found is not None:
        kind = IMAGE if found.mime.startswith("image/") else _FILETYPE_KINDS.get(found.extension)
    if kind in (None, ARCHIVE, DOCX, XLSX, ODT, ODS) and data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if kind is None and data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if kind is None and data.startswith(MACHO_MAGICS):
        return PROGRAM
    if kind is None and found is None:
        return _text_kind(data)
    return kind


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                odf = ODF_MIMETYPES.get(archive.read("mimetype").strip())
                if odf:
                    return odf
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        return DAMAGED
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PRESENTATION
    return ARCHIVE


def _ole_kind(data: bytes) -> str:
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return XLS
    return OLE


def _decode(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1251"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _text_kind(data: bytes) -> str | None:
    """Text, or the markup or script it really is; None for binary data we do not know."""
    text = _decode(data)
    if text is None or _CONTROL.search(text):
        return None
    start = text.lstrip(" \t\r\n\x0c\ufeff")[:1024]
    lowered = start.lower()
    if lowered.startswith("<svg") or ("<svg" in lowered and lowered.startswith("<?xml")):
        return SVG
    if _HTML_START.match(start) or _ACTIVE_ANYWHERE.search(start):
        return SVG if "<svg" in lowered and "<html" not in lowered else HTML
    if lowered.startswith("<?xml"):
        return XML
    if lowered.startswith(("#!", "<?php", "<%")):
        return SCRIPT
    return TEXT
