"""The text of PDF, DOCX and ODT files is read when they are saved; a scan says it has none."""

from achyk.documents.extraction import as_html, extract
from achyk.documents.tests import factories, files

KY_LINES = ["Айылдык кеңештин токтому № 12", "Бюджет: ң ө ү Ң Ө Ү"]


def test_text_of_a_pdf_with_kyrgyz_letters_is_extracted_on_save(body_a):
    doc = factories.document(body_a, "токтом.pdf", files.text_pdf([KY_LINES, ["Экинчи бет"]]))
    assert "Айылдык кеңештин токтому № 12" in doc.text
    assert "ң ө ү Ң Ө Ү" in doc.text
    assert "Экинчи бет" in doc.text
    assert doc.has_text_layer is True


def test_scanned_pdf_without_text_has_no_text_layer(body_a):
    doc = factories.document(body_a, "скан.pdf", files.scanned_pdf())
    assert doc.text == ""
    assert doc.has_text_layer is False


def test_text_of_a_docx_is_extracted_paragraph_by_paragraph(body_a):
    doc = factories.document(body_a, "буйрук.docx", files.docx(["Биринчи ң", "Второй <b>"]))
    assert doc.text == "Биринчи ң\n\nВторой <b>"
    assert doc.has_text_layer is True


def test_text_of_an_odt_is_extracted(body_a):
    doc = factories.document(body_a, "план.odt", files.odt(["Биринчи ө", "Второй"]))
    assert doc.text == "Биринчи ө\n\nВторой"
    assert doc.has_text_layer is True


def test_spreadsheet_text_is_not_applicable():
    assert extract(b"PK\x03\x04 whatever", "xlsx").has_text_layer is None


def test_damaged_pdf_is_not_applicable_not_an_error():
    assert extract(b"%PDF-1.7 nothing else", "pdf").has_text_layer in (None, False)


def test_docx_with_entities_is_refused_as_unreadable():
    bomb = files._zip([("word/document.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')])
    assert extract(bomb, "docx").has_text_layer is None


def test_text_is_rendered_as_escaped_paragraphs():
    html = as_html("Биринчи <script>x</script>\nсап\n\nЭкинчи")
    assert html == "<p>Биринчи &lt;script&gt;x&lt;/script&gt;<br>сап</p>\n<p>Экинчи</p>"
