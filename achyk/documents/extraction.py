"""The text of a document file, for reading on the site and for search.

`extract(data, extension)` returns the text and whether the file has a text layer:
PDF through pypdf; DOCX and ODT read as the ZIP + XML they are (no office suite), streamed
under the ZIP caps of `ui.uploads.archives`; TXT and CSV decoded. A PDF with pages but no
extractable text (a scan) has no text layer (False); a format that is not text (a
spreadsheet, a damaged file) gives None: "not applicable".
`as_html(text)` renders it as escaped paragraphs, never as markup from the file.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import ElementTree
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from achyk.ui.uploads import archives

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
    except (PyPdfError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ElementTree.ParseError,
            ValueError):  # fmt: skip
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


def _elements(data: bytes, member: str, tags: set[str]):
    """The elements of `member` of the ZIP `data` whose tag is in `tags`, as they end.

    Streamed under the caps of `ui.uploads.archives` (a file that unpacks to more, or is a
    "zip bomb", raises ArchiveRefused, a ValueError, before anything is unpacked), and each
    element is cleared after it is read, so memory stays small whatever the member's size.
    DTDs and entities are refused (defusedxml). Elements inside another one of `tags` are
    read with it, not on their own."""
    with archives.open_zip(data) as archive, archives.open_member(archive, member) as xml:
        depth = 0
        for event, node in ElementTree.iterparse(xml, events=("start", "end"), forbid_dtd=True):
            if node.tag not in tags:
                continue
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth == 0:
                yield node
                node.clear()


def _paragraphs(texts) -> str:
    """Paragraphs joined by blank lines, no longer than MAX_TEXT_CHARS."""
    paragraphs, length = [], 0
    for text in texts:
        paragraphs.append(text)
        length += len(text) + 2
        if length > MAX_TEXT_CHARS:
            break
    return "\n\n".join(paragraphs)


def _docx_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _docx(data: bytes) -> str:
    return _paragraphs(map(_docx_text, _elements(data, "word/document.xml", {f"{W}p"})))


def _odt_text(node) -> str:
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
    blocks = _elements(data, "content.xml", {f"{TEXT}p", f"{TEXT}h"})
    return _paragraphs(map(_odt_text, blocks))


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
