"""Real PDF, DOCX and ODT files made in the tests, with Kyrgyz and Russian text.

The PDF is written by hand rather than by a PDF library with a TrueType font: a font file is
not something every machine has, and `make test` must not skip. Its text uses the standard
Helvetica font with a custom encoding whose ToUnicode map names every Cyrillic letter, which is
exactly how a real PDF tells a reader (and pypdf) what its glyphs mean.
"""

import io
import zipfile


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with correct cross-references; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))  # fmt: skip
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _encode(lines: list[str]) -> tuple[list[bytes], dict[int, str]]:
    codes: dict[str, int] = {}
    encoded = []
    for line in lines:
        out = bytearray()
        for char in line:
            if ord(char) < 128:
                out.append(ord(char))
            else:
                out.append(codes.setdefault(char, 128 + len(codes)))
        encoded.append(bytes(out))
    assert len(codes) <= 128, "too many different letters for one simple font"
    mapping = {code: chr(code) for code in range(32, 127)}
    mapping.update({code: char for char, code in codes.items()})
    return encoded, mapping


def _to_unicode(mapping: dict[int, str]) -> bytes:
    items = sorted(mapping.items())
    blocks = []
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        rows = "\n".join(f"<{code:02X}> <{ord(char):04X}>" for code, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{rows}\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    return _stream(cmap.encode())


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages carry `pages` (lines of text each), in any letters."""
    # All pages share one font, so letters must get the same codes: encode all lines at once.
    flat = [line for lines in pages for line in lines]
    encoded_flat, mapping = _encode(flat)
    differences = " ".join(f"{code} /uni{ord(char):04X}" for code, char in mapping.items()
                           if code >= 128)  # fmt: skip
    n = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n)), n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
        b"<< /Type /Encoding /Differences [" + differences.encode() + b"] >> "
        b"/ToUnicode 4 0 R >>",
        _to_unicode(mapping),
    ]
    position = 0
    for lines in pages:
        page_lines = encoded_flat[position : position + len(lines)]
        position += len(lines)
        content = (
            b"BT /F1 12 Tf 72 760 Td 16 TL "
            + b" ".join(b"<" + line.hex().encode() + b"> Tj T*" for line in page_lines)
            + b" ET"
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(_stream(content))
    return _pdf(objects)


def scanned_pdf() -> bytes:
    """A PDF like a scan: one page holding only a picture, no text at all."""
    picture = bytes(range(0, 256, 16)) * 16  # 16 x 16 grey pixels
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        _stream(picture, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8 "),
        _stream(b"q 400 0 0 400 97 300 cm /Im1 Do Q"),
    ])  # fmt: skip


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx(paragraphs: list[str]) -> bytes:
    """A minimal but valid Word document (what Word and LibreOffice open)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{_xml_text(p)}</w:t></w:r></w:p>"
                   for p in paragraphs)  # fmt: skip
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'  # noqa: E501
    return _zip([
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),  # noqa: E501
        ("_rels/.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),  # noqa: E501
        ("word/document.xml", document.encode()),
    ])  # fmt: skip


def odt(paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text (LibreOffice's own format)."""
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    body = "".join(f"<text:p>{_xml_text(p)}</text:p>" for p in paragraphs)
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office_ns}" xmlns:text="{text_ns}" office:version="1.2"><office:body><office:text>{body}</office:text></office:body></office:document-content>'  # noqa: E501
    return _zip([
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),  # noqa: E501
        ("content.xml", content.encode()),
    ])  # fmt: skip
