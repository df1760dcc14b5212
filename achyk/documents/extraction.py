"""The text of a document file, for reading on the site and for search.

`extract(data, extension)` returns the text and whether the file has a text layer:
PDF through pypdf; DOCX and ODT read as the ZIP + XML they are (no office suite); TXT and CSV
decoded. A PDF with pages but no extractable text (a scan) has no text layer (False); a format
that is not text (a spreadsheet, a damaged file) gives None: "not applicable".
`as_html(text)` renders it as escaped paragraphs, never as markup from the file.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pypdf import PdfReader
from pypdf.errors import PyPdfError

#: Enough for the longest act; the rest of a huge file is not worth a reader's scroll.
MAX_TEXT_CHARS = 2_000_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


@dataclass(frozen=True)
class Extracted:
    text: str
    has_text_layer: bool | None


NOT_APPLICABLE = Extracted("", None)


def extract(data: bytes, extension: str) -> Extracted:
    """The text of a file of type `extension` (pdf, docx, odt, txt, csv; others: None)."""
    reader = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _plain, "csv": _plain}.get(
        extension.lower().lstrip(".")
    )
    if reader is None:
        return NOT_APPLICABLE
    try:
        text = reader(data)
    except (PyPdfError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
        return NOT_APPLICABLE  # damaged or not what its name says: nothing to read
    if text is None:
        return NOT_APPLICABLE
    text = _tidy(text)[:MAX_TEXT_CHARS]
    return Extracted(text, bool(text))


def _pdf(data: bytes) -> str | None:
    reader = PdfReader(io.BytesIO(data))
    if not reader.pages:
        return None
    return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)


def _xml(data: bytes, member: str) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(member)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ValueError("entities are not allowed")  # no entity expansion, ever
    return ElementTree.fromstring(xml)  # noqa: S314 - entities refused above


def _docx(data: bytes) -> str:
    paragraphs = []
    for paragraph in _xml(data, "word/document.xml").iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def _odt_text(node: ElementTree.Element) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt(data: bytes) -> str:
    root = _xml(data, "content.xml")
    blocks = [node for node in root.iter() if node.tag in (f"{TEXT}p", f"{TEXT}h")]
    return "\n\n".join(_odt_text(node) for node in blocks)


def _plain(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")  # old Windows files in ky/ru


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def as_html(text: str) -> SafeString:
    """Paragraphs (blank lines) and line breaks of `text`, every character escaped."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    html = "\n".join(
        "<p>" + "<br>".join(escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - built from escaped pieces only
