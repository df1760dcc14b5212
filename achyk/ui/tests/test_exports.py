"""The one writer of downloads: CSV with one formula rule, JSON with exact decimals, XLSX that
keeps text as text."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from achyk.ui import exports

HOSTILE = '<script>alert("ң")</script> "Үй", Ақкөл'


def text_of(chunks) -> str:
    return "".join(chunks)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    value = f'{start}HYPERLINK("http://evil.example")'
    rows = list(csv.reader(io.StringIO(text_of(exports.csv_stream(["title"], [[value]])))))
    assert rows[1] == ["'" + value]


def test_numbers_and_plain_text_are_written_as_they_are():
    stream = exports.csv_stream(
        ["amount", "count", "share", "title", "empty"],
        [[Decimal("-1250.50"), -3, 0.5, HOSTILE, None]],
    )
    text = text_of(stream)
    assert text.startswith("\ufeffamount,")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1] == [
        "-1250.50", "-3", "0.5", HOSTILE, ""
    ]  # fmt: skip


def test_csv_without_bom_ends_lines_with_crlf_and_streams_in_batches():
    rows = ([n, f"ряд {n}"] for n in range(exports.BATCH * 2 + 1))
    chunks = list(exports.csv_stream(["n", "name"], rows, bom=False))
    assert chunks[0] == "n,name\r\n"
    assert len(chunks) == 4  # the header, two full batches, the rest
    assert chunks[-1] == f"{exports.BATCH * 2},ряд {exports.BATCH * 2}\r\n"


def test_json_list_keeps_decimals_exact_and_text_unescaped():
    records = [{"amount": Decimal("1250000.50"), "title": HOSTILE}, {"amount": None, "title": ""}]
    data = json.loads(text_of(exports.json_stream(records)))
    assert data == [{"amount": "1250000.50", "title": HOSTILE}, {"amount": None, "title": ""}]
    assert "Ақкөл" in text_of(exports.json_stream(records))


def test_json_with_a_header_is_an_object_with_the_list_under_its_key():
    stream = exports.json_stream([{"a": 1}], header={"body": "burana", "year": 2026}, key="lines")
    assert json.loads(text_of(stream)) == {"body": "burana", "year": 2026, "lines": [{"a": 1}]}
    empty = exports.json_stream([], header={}, key="lines")
    assert json.loads(text_of(empty)) == {"lines": []}


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    data = exports.xlsx_bytes(
        ["title", "amount"], [['=HYPERLINK("http://evil.example")', Decimal("12.50")]],
        title="Рейтинг " * 10,
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == ("Рейтинг " * 10)[:31]
    title, amount = sheet.cell(2, 1), sheet.cell(2, 2)
    assert (title.value, title.data_type) == ('=HYPERLINK("http://evil.example")', "s")
    assert amount.value == 12.5 and amount.data_type == "n"


def test_responses_name_the_file_and_say_their_type():
    response = exports.csv_response(["a"], [["б"]], filename="x.csv", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="x.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content).decode() == "\ufeffa\r\nб\r\n"
    workbook = exports.xlsx_response(["a"], [[1]], filename="x.xlsx", title="T")
    assert workbook["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    assert workbook["Content-Type"] == exports.XLSX_TYPE
