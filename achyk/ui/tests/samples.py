"""Small real files made in memory, and hostile ones that pretend to be them."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def pdf(*objects: bytes) -> bytes:
    body = [b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj",
            b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj", *objects]  # fmt: skip
    return b"%PDF-1.7\n" + b"\n".join(body) + b"\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def pdf_with_hidden_script() -> bytes:
    """JavaScript inside a compressed object stream, where a plain scan cannot see it."""
    hidden = zlib.compress(b"5 0 <</S /JavaScript /JS (app.alert(1))>>")
    return pdf(
        b"4 0 obj <</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d>>\nstream\n"
        % len(hidden)
        + hidden
        + b"\nendstream endobj"
    )


def zipped(members: dict[str, bytes], first: tuple[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx(**extra: bytes) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
                   "word/document.xml": b"<w:document/>", **extra})  # fmt: skip


def xlsx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf(mimetype: bytes, **extra: bytes) -> bytes:
    return zipped({"content.xml": b"<office:document-content/>", **extra},
                  first=("mimetype", mimetype))  # fmt: skip


def ole(stream_name: str, extra: bytes = b"") -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0")
    return header + entry + extra + bytes(512)


def image(fmt: str = "PNG", size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size in a few bytes: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )
