"""Uploads are checked by what they contain, not by what they are called.

`check_document(upload)` and `check_image(upload)` raise a ValidationError whose message says,
in the reader's language, what the file really is and what to upload instead. A file named
report.pdf that holds HTML is refused; so is a PDF that carries JavaScript, a Word file with
macros, an image that is also a web page, and anything over `settings.ACHYK_MAX_UPLOAD_BYTES`.

The first guess comes from `filetype` (magic bytes); real parsers then look inside the
containers it cannot judge: PDFs object by object (`pdf`), Office files by their content
types, relationships and OLE storages (`office`), ZIP containers within caps of size and
compression (`archives`, also used by every later read of them).
"""

import io
import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from . import archives, office, pdf
from .sniff import ARCHIVE, DAMAGED, HTML, KIND_LABELS, OLE, PROGRAM, SVG, TEXT, XML, sniff

MB = 1024 * 1024

#: Each accepted extension and the contents it may hold. Word opens .doc, .docx and .rtf
#: whatever the name, and Excel .xls and .xlsx, so those families are one each.
DOCUMENT_FAMILIES = {
    "pdf": {"pdf"},
    "doc": {"doc", "docx", "rtf"},
    "docx": {"doc", "docx", "rtf"},
    "rtf": {"doc", "docx", "rtf"},
    "odt": {"odt"},
    "xls": {"xls", "xlsx"},
    "xlsx": {"xls", "xlsx"},
    "ods": {"ods"},
    "csv": {TEXT},
    "txt": {TEXT},
}
IMAGE_FORMATS = {"jpg": {"JPEG", "MPO"}, "jpeg": {"JPEG", "MPO"}, "png": {"PNG"},
                 "gif": {"GIF"}, "webp": {"WEBP"}}  # fmt: skip

#: Markup that makes an image a web page too (a polyglot).
_IMAGE_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|!doctype|\?php)\b|javascript:", re.I
)

#: Also given to Wagtail's fields, so that its own size check speaks the same words.
TOO_BIG = _("This file is too big (%(file_size)s). The limit is %(max_filesize)s.")
TOO_BIG_UNKNOWN_SIZE = _("This file is too big. The limit is %(max_filesize)s.")


def _refuse(message, **params):
    raise ValidationError(message, params=params or None, code="upload_refused")


def _extension(upload) -> str:
    return PurePath(upload.name or "").suffix.lower().lstrip(".")


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def check_size(upload) -> None:
    limit = settings.ACHYK_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        _refuse(TOO_BIG, file_size=filesizeformat(upload.size), max_filesize=filesizeformat(limit))


def check_document(upload) -> None:
    """Refuse a document whose content is not of its declared type, or is active."""
    check_size(upload)
    extension = _extension(upload)
    if extension not in DOCUMENT_FAMILIES:
        _refuse(
            _("Documents are accepted as PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, CSV, TXT or RTF; "
              "this file is .%(extension)s."),
            extension=extension or "?",
        )  # fmt: skip
    data = _read(upload)
    kind = sniff(data)
    if kind == DAMAGED:
        _refuse_damaged()
    if kind not in DOCUMENT_FAMILIES[extension]:
        _refuse_mismatch(extension, kind)
    {"pdf": _check_pdf, "docx": _check_ooxml, "xlsx": _check_ooxml, "odt": _check_odf,
     "ods": _check_odf, "doc": _check_ole, "xls": _check_ole, "rtf": _check_rtf,
     }.get(kind, lambda data: None)(data)  # fmt: skip


def _refuse_mismatch(extension: str, kind: str):
    if kind in KIND_LABELS:
        _refuse(
            _("This file is not a %(declared)s: its content is %(actual)s. "
              "Upload the document as PDF, DOCX, ODT, XLSX or ODS."),
            declared=extension.upper(), actual=KIND_LABELS[kind],
        )  # fmt: skip
    _refuse(
        _("This file is not a %(declared)s: its content is not a document we accept. "
          "Upload the document as PDF, DOCX, ODT, XLSX or ODS."),
        declared=extension.upper(),
    )  # fmt: skip


def _refuse_active(what):
    _refuse(
        _("This file contains %(what)s, which could run on readers' computers. Save it again "
          "without it (for example, print it to PDF) and upload the new file."),
        what=what,
    )  # fmt: skip


def _refuse_damaged():
    _refuse(_("This file is damaged and cannot be opened. Save it again and upload the new file."))


PDF_REFUSALS = {
    pdf.JAVASCRIPT: _("This PDF contains JavaScript, which we do not accept. Save it again "
                      "without scripts (Print → Save as PDF) and upload it."),
    pdf.XFA: _("This PDF is an XFA form, which can run scripts; we do not accept it. Save it "
               "again as a plain PDF (Print → Save as PDF) and upload it."),
    pdf.LAUNCH: _("This PDF contains embedded files or actions that launch programs, which we "
                  "do not accept. Save it again without them (Print → Save as PDF) and upload "
                  "it."),
    pdf.RICH_MEDIA: _("This PDF contains Flash or other rich media, which we do not accept. "
                      "Save it again without it (Print → Save as PDF) and upload it."),
    pdf.AUTOMATIC: _("This PDF runs actions by itself when it is opened or read, which we do "
                     "not accept. Save it again without them (Print → Save as PDF) and upload "
                     "it."),
}  # fmt: skip
OFFICE_REFUSALS = {
    office.REMOTE_TEMPLATE: _(
        "This file loads its template from outside the file (%(target)s) when it is opened, "
        "which we do not accept. Attach no template, save it again and upload the new file."
    ),
    office.EXTERNAL: _(
        "This file loads content from outside the file (%(target)s) when it is opened, which "
        "we do not accept. Remove the link (links in the text are fine), save it again and "
        "upload the new file."
    ),
}


def _check_pdf(data: bytes) -> None:
    found = pdf.active_content(data)
    if found == pdf.DAMAGED:
        _refuse_damaged()
    if found:
        _refuse(PDF_REFUSALS[found])


def _office(check, data: bytes) -> None:
    try:
        finding = check(data)
    except archives.ArchiveRefused as error:
        _refuse(error.message, **error.params)
    if finding is None:
        return
    if finding.kind == office.DAMAGED:
        _refuse_damaged()
    if finding.kind == office.MACROS:
        _refuse_active(_("macros"))
    if finding.kind == office.ACTIVEX:
        _refuse_active(_("ActiveX controls"))
    _refuse(OFFICE_REFUSALS[finding.kind], target=finding.detail or "?")


def _check_ooxml(data: bytes) -> None:
    _office(office.check_ooxml, data)


def _check_odf(data: bytes) -> None:
    _office(office.check_odf, data)


def _check_ole(data: bytes) -> None:
    _office(office.check_ole, data)


def _check_rtf(data: bytes) -> None:
    if b"\\objdata" in data or b"\\object" in data:
        _refuse_active(_("embedded objects"))


def check_image(upload) -> None:
    """Refuse an image that is not JPEG, PNG, GIF or WebP by content, is too large in pixels,
    or is also something else (a web page or an archive hidden in the same bytes)."""
    from PIL import Image as PILImage

    check_size(upload)
    extension = _extension(upload)
    data = _read(upload)
    kind = sniff(data)
    if kind in (HTML, SVG, XML, PROGRAM, ARCHIVE, OLE):
        _refuse(
            _("This file is not an image: its content is %(actual)s. "
              "Upload the image as JPEG, PNG, GIF or WebP."),
            actual=KIND_LABELS[kind],
        )  # fmt: skip
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            fmt, size, frames = image.format, image.size, getattr(image, "n_frames", 1)
            image.verify()
    except PILImage.DecompressionBombError:
        _refuse_pixels()
    except Exception:  # noqa: BLE001 - Pillow raises many types for bad input
        _refuse(
            _("This file is not an image we can read, or it is damaged. "
              "Upload the image as JPEG, PNG, GIF or WebP."),
        )  # fmt: skip
    if fmt not in IMAGE_FORMATS.get(extension, ()):
        _refuse(
            _("This file is not a %(declared)s image: its content is %(actual)s. "
              "Upload the image as JPEG, PNG, GIF or WebP."),
            declared=(extension or "?").upper(), actual=fmt,
        )  # fmt: skip
    if size[0] * size[1] * frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        _refuse_pixels()
    if _IMAGE_MARKUP.search(data) or b"PK\x05\x06" in data[-66000:]:
        _refuse(
            _(
                "This image also contains web page code or an archive. Open it in an image "
                "editor, save it again and upload the new file."
            )
        )


def _refuse_pixels():
    _refuse(
        _("This image has too many pixels (the limit is %(limit)s megapixels). "
          "Make it smaller and upload it again."),
        limit=number_format(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS / 1_000_000, 0),
    )  # fmt: skip


class ContentCheckedFileMixin:
    """For Wagtail's upload fields: runs `check` (by content) before Wagtail's own checks and
    words the size errors as ours. Subclasses set `check` to check_document or check_image."""

    check = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["file_too_large"] = TOO_BIG
        self.error_messages["file_too_large_unknown_size"] = TOO_BIG_UNKNOWN_SIZE % {
            "max_filesize": self.max_upload_size_text
        }

    def to_python(self, data):
        from django.core.files.uploadedfile import UploadedFile

        if isinstance(data, UploadedFile):
            type(self).check(data)
        return super().to_python(data)


def use_checked_file_field(form, field_class) -> None:
    """Swap the form's `file` field for `field_class`, keeping its label, widget and help."""
    old = form.fields.get("file")
    if old is not None:
        form.fields["file"] = field_class(
            label=old.label, required=old.required, widget=old.widget, help_text=old.help_text
        )
