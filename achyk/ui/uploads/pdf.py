"""What a PDF would do when opened, read by a PDF parser (pypdf), object by object.

A byte search misses what a parser sees: names spelt with `#xx` escapes (`/J#61vaScript`,
`/Type /Obj#53tm`), dictionaries inside compressed object streams, streams under any
filter. `active_content(data)` walks every object of the file, those of the cross-reference
table and those it does not list (the table is rebuilt from the file's own objects, as
viewers do with a damaged file), and returns what it finds first, in this order:
JAVASCRIPT (/JS, /JavaScript), XFA (forms that run scripts), LAUNCH (/Launch, /EmbeddedFile,
/EmbeddedFiles), RICH_MEDIA (/RichMedia: Flash, video) or AUTOMATIC (/AA, or an /OpenAction
that is an action, not just a page to open at); None when there is nothing of that.
pypdf stops any stream at 75 MB unpacked (`pypdf.filters.ZLIB_MAX_OUTPUT_LENGTH`).
"""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

JAVASCRIPT, XFA, LAUNCH, RICH_MEDIA, AUTOMATIC, DAMAGED = (
    "javascript", "xfa", "launch", "rich_media", "automatic", "damaged",
)  # fmt: skip
ORDER = (JAVASCRIPT, XFA, LAUNCH, RICH_MEDIA, AUTOMATIC)
NAMES = {
    "/JS": JAVASCRIPT, "/JavaScript": JAVASCRIPT, "/XFA": XFA, "/Launch": LAUNCH,
    "/EmbeddedFile": LAUNCH, "/EmbeddedFiles": LAUNCH, "/RichMedia": RICH_MEDIA,
    "/RichMediaContent": RICH_MEDIA, "/RichMediaExecute": RICH_MEDIA, "/AA": AUTOMATIC,
}  # fmt: skip
#: A reader that ends at no cross-reference table rebuilds it from every "N G obj" it finds.
_REBUILD = b"\nstartxref\n0\n%%EOF\n"
MAX_OBJECTS = 1_000_000


def active_content(data: bytes) -> str | None:
    """The first kind of active content of the PDF `data` (see the module), or None; DAMAGED
    when no object of it can be read."""
    previous = logging.getLogger("pypdf").level
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are expected here
    try:
        found = _walk(data)
    finally:
        logging.getLogger("pypdf").setLevel(previous)
    return next((kind for kind in ORDER if kind in found), None) if found is not None else DAMAGED


def _walk(data: bytes) -> set[str] | None:
    try:
        reader = PdfReader(io.BytesIO(data + _REBUILD), strict=False)
        numbers = [(n, g) for g, objects in reader.xref.items() for n in objects]
        numbers += [(n, 0) for n in reader.xref_objStm]
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    found, read = set(), 0
    for number, generation in numbers[:MAX_OBJECTS]:
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # noqa: BLE001, S112 - a damaged object: the others are still read
            continue
        read += 1
        found |= _kinds(obj)
    return found if read else None


def _kinds(obj) -> set[str]:
    """Kinds named by `obj` and what it holds directly (indirect objects are walked on their
    own, each once)."""
    found, stack = set(), [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                found.add(NAMES.get(key))
                if key == "/OpenAction" and _is_action(value):
                    found.add(AUTOMATIC)
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            found.add(NAMES.get(item))
    found.discard(None)
    return found


def _is_action(value) -> bool:
    """An /OpenAction that does something other than open a page (a destination array, or
    a GoTo action, is only where the reader starts)."""
    try:
        value = value.get_object()
    except Exception:  # noqa: BLE001 - a broken reference is no action
        return False
    return isinstance(value, DictionaryObject) and value.get("/S") != "/GoTo"
