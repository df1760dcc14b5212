"""Uploads are judged by their content: the right files pass, disguised and active ones are
refused with a message that says what the file really is."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from achyk.ui.tests import samples
from achyk.ui.uploads import check_document, check_image


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def refusal(check, name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check(samples.upload(name, data))
    return " ".join(caught.value.messages)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("решение.pdf", samples.pdf()),
        ("отчёт.docx", samples.docx()),
        ("old.doc", samples.ole("WordDocument")),
        ("saved-as.doc", samples.docx()),
        ("budget.xlsx", samples.xlsx()),
        ("budget.xls", samples.ole("Workbook")),
        ("токтом.odt", samples.odf(b"application/vnd.oasis.opendocument.text")),
        ("бюджет.ods", samples.odf(b"application/vnd.oasis.opendocument.spreadsheet")),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
        ("notes.txt", "Айыл өкмөтүнүн кабары: ң ө ү".encode()),
        ("notes-1251.txt", "Объявление о сходе".encode("cp1251")),
        ("lines.csv", "аты;сумма\nМектеп;1200,50\n".encode("utf-8-sig")),
        ("export.txt", "Кенеш".encode("utf-16")),
    ],
)
def test_documents_of_accepted_types_pass(name, data):
    check_document(samples.upload(name, data))


def test_html_named_pdf_is_refused_saying_what_it_is():
    message = refusal(check_document, "report.pdf", b"<html><script>alert(1)</script></html>")
    assert message == (
        "This file is not a PDF: its content is HTML. "
        "Upload the document as PDF, DOCX, ODT, XLSX or ODS."
    )


def test_refusal_speaks_the_readers_language():
    with translation.override("ru"):
        message = refusal(check_document, "report.pdf", samples.HTML)
    assert "HTML" in message and "PDF" in message
    assert "This file" not in message


@pytest.mark.parametrize(
    ("name", "data", "actual"),
    [
        ("report.pdf", b"   \n<!DOCTYPE html><p>hi</p>", "HTML"),
        (
            "report.txt",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "an SVG image",
        ),
        ("report.csv", b'<?xml version="1.0"?><svg onload="alert(1)"/>', "an SVG image"),
        ("report.txt", b"Hello <script>alert(1)</script>", "HTML"),
        ("report.docx", b"MZ\x90\x00\x03" + bytes(200), "a program"),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + bytes(200), "a program"),
        ("report.docx", samples.zipped({"evil.js": b"WScript.Shell"}), "an archive"),
        ("report.xlsx", samples.docx(), "a Word document (DOCX)"),
        ("report.pdf", samples.image(), "an image"),
        ("report.txt", b"#!/bin/sh\nrm -rf /\n", "a script"),
        ("report.pdf", "Просто текст".encode(), "plain text"),
    ],
)
def test_disguised_files_are_refused_whatever_their_name(name, data, actual):
    message = refusal(check_document, name, data)
    assert f"its content is {actual}." in message


def test_unknown_binary_is_refused():
    message = refusal(check_document, "data.pdf", bytes(range(256)) * 4)
    assert "is not a document we accept" in message


def test_other_extensions_are_refused():
    message = refusal(check_document, "page.html", samples.pdf())
    assert "this file is .html" in message
    assert "is .?" in refusal(check_document, "no-extension", samples.pdf())


@pytest.mark.parametrize(
    "data",
    [
        samples.pdf(b"3 0 obj <</S /JavaScript /JS (app.alert(1))>> endobj"),
        samples.pdf(b"3 0 obj <</OpenAction <</S /J#61vaScript /J#53 (x)>> >> endobj"),
        samples.pdf_with_hidden_script(),
    ],
)
def test_pdf_with_javascript_is_refused(data):
    assert "contains JavaScript" in refusal(check_document, "act.pdf", data)


@pytest.mark.parametrize(
    "active",
    [b"3 0 obj <</S /Launch /F (cmd.exe)>> endobj", b"3 0 obj <</Type /EmbeddedFile>> endobj"],
)
def test_pdf_that_launches_or_carries_files_is_refused(active):
    assert "launch programs" in refusal(check_document, "act.pdf", samples.pdf(active))


def test_pdf_with_an_open_action_that_only_sets_the_view_passes():
    check_document(samples.upload("act.pdf", samples.pdf(b"<</OpenAction [3 0 R /Fit]>>")))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("macro.docx", samples.docx(**{"word/vbaProject.bin": b"x"})),
        ("macro.doc", samples.ole("WordDocument", "_VBA_PROJECT".encode("utf-16-le"))),
        (
            "macro.odt",
            samples.odf(
                b"application/vnd.oasis.opendocument.text", **{"Basic/Standard/Module1.xml": b"x"}
            ),
        ),  # fmt: skip
    ],
)
def test_office_files_with_macros_are_refused(name, data):
    assert "contains macros" in refusal(check_document, name, data)


def test_rtf_with_embedded_objects_is_refused():
    data = b"{\\rtf1{\\object\\objemb{\\*\\objdata 0105}}}"
    assert "embedded objects" in refusal(check_document, "letter.rtf", data)


def test_damaged_office_file_is_refused():
    data = samples.docx()[:-30]
    assert "damaged" in refusal(check_document, "broken.docx", data)


def test_file_over_the_limit_is_refused_naming_the_limit_in_mb(settings):
    settings.ACHYK_MAX_UPLOAD_BYTES = 1024 * 1024
    message = refusal(check_document, "big.txt", b"a" * (1024 * 1024 + 1))
    assert message.replace("\xa0", " ") == "This file is too big (1.0 MB). The limit is 1.0 MB."


@pytest.mark.parametrize(
    ("name", "fmt"), [("photo.jpg", "JPEG"), ("photo.jpeg", "JPEG"), ("p.png", "PNG"),
                      ("a.gif", "GIF"), ("w.webp", "WEBP")],
)  # fmt: skip
def test_images_of_accepted_formats_pass(name, fmt):
    check_image(samples.upload(name, samples.image(fmt)))


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "not an image: its content is an SVG image"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "an SVG image"),
        ("photo.jpg", samples.HTML, "not an image: its content is HTML"),
        ("photo.png", samples.image("JPEG"), "not a PNG image: its content is JPEG"),
        ("photo.jpg", samples.image("BMP"), "not a JPG image: its content is BMP"),
        ("photo.png", b"\x89PNG\r\n\x1a\n broken", "damaged"),
    ],
)  # fmt: skip
def test_images_that_are_something_else_are_refused(name, data, fragment):
    assert fragment in refusal(check_image, name, data)


@pytest.mark.parametrize(
    "tail", [b"<script>alert(1)</script>", b"<HTML><body onload=x>", samples.zipped({"a": b"b"})]
)
def test_polyglot_images_are_refused(tail):
    message = refusal(check_image, "photo.png", samples.image("PNG") + tail)
    assert "also contains web page code or an archive" in message


def test_image_with_too_many_pixels_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    message = refusal(check_image, "wide.png", samples.image("PNG", size=(2000, 600)))
    assert "too many pixels (the limit is 1 megapixels)" in message


def test_decompression_bomb_is_refused_before_decoding():
    message = refusal(check_image, "bomb.png", samples.png_header_only(100_000, 100_000))
    assert "too many pixels" in message
