"""The one reader of uploaded tables. CSV: the encodings and delimiters Excel saves in
Kyrgyzstan and Kazakhstan. XLSX: the first sheet's cells, within the columns and rows asked
for. A clear error for anything else, a ZIP bomb or a damaged sheet."""

import io
import zipfile

import pytest
from django.utils import translation

from achyk.ui.sheets import CSVError, SheetError, read_csv, read_xlsx
from achyk.ui.tests import hostile_files, samples

ROWS = [["код", "сумма", "наименование"], ["1111", "1 250 000,50", "Жер салыгы; «ң», ө"]]


def encoded(rows, *, delimiter: str, encoding: str, bom: bool = False) -> bytes:
    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value or "," in value else value

    text = "\r\n".join(delimiter.join(cell(value) for value in row) for row in rows) + "\r\n"
    return ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", True), ("utf-8", False), ("cp1251", False)]
)
def test_excel_csv_in_either_encoding_and_any_delimiter_reads_the_same(delimiter, encoding, bom):
    rows = ROWS if encoding == "utf-8" else [[v.replace("ң", "н").replace("ө", "о") for v in r]
                                             for r in ROWS]  # fmt: skip
    assert list(read_csv(encoded(rows, delimiter=delimiter, encoding=encoding, bom=bom))) == rows


def test_a_title_line_above_the_table_does_not_hide_the_delimiter():
    data = "Бюджет 2026\r\nкод;сумма;описание\r\n1111;10;а\r\n1132;20;б\r\n".encode()
    assert list(read_csv(data))[1:] == [["код", "сумма", "описание"], ["1111", "10", "а"],
                                        ["1132", "20", "б"]]  # fmt: skip


def test_one_column_reads_as_one_column():
    assert list(read_csv(b"title\nfirst\nsecond\n")) == [["title"], ["first"], ["second"]]


def test_bytes_that_are_no_text_are_a_clear_error():
    with pytest.raises(CSVError) as error:
        list(read_csv(b"\x98\x00\xff" * 10))
    assert "UTF-8" in str(error.value) and "Windows-1251" in str(error.value)


# --- XLSX ---------------------------------------------------------------------------------


def workbook(rows, *, sheets=1) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for extra in range(sheets - 1):
        book.create_sheet(f"Другой {extra}").append(["не этот лист"])
    for row in rows:
        book.worksheets[0].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(data: bytes, name: str, change) -> bytes:
    """`data` with the ZIP member `name` replaced by `change(its bytes)`."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == name else content)
    return out.getvalue()


def test_xlsx_reads_the_first_sheet_s_cells_as_the_file_holds_them():
    rows = [["код", "сумма", "наименование"], ["1111", 1250000.5, "Жер салыгы «ң», ө"],
            [1132, 20, None]]  # fmt: skip
    assert list(read_xlsx(workbook(rows, sheets=2), max_columns=3)) == rows
    # Rows are as wide as the columns asked for, the way the apps index them.
    assert list(read_xlsx(workbook(rows), max_columns=5))[2] == [1132, 20, None, None, None]


def test_xlsx_keeps_to_the_columns_and_rows_asked_for():
    rows = [[f"{r}.{c}" for c in range(6)] for r in range(10)]
    read = list(read_xlsx(workbook(rows), max_columns=3, max_rows=4))
    assert read == [row[:3] for row in rows[:4]]


def test_a_file_that_is_no_workbook_is_a_clear_error():
    with translation.override("en"):
        with pytest.raises(SheetError) as error:
            read_xlsx(b"\x98\x00\xff" * 100, max_columns=40)
        assert str(error.value).startswith("This file is damaged and cannot be opened.")
        with pytest.raises(SheetError) as error:
            read_xlsx(samples.xlsx(), max_columns=40)  # a ZIP, but no workbook in it
        assert str(error.value) == "The XLSX file cannot be opened. Save it again in Excel."


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    with translation.override("en"), pytest.raises(SheetError) as error:
        read_xlsx(hostile_files.zip_bomb_xlsx(300), max_columns=40)
    assert "more than the 100.0 MB we accept" in str(error.value).replace("\xa0", " ")


def test_a_sheet_damaged_further_down_fails_as_its_rows_are_read():
    rows = [["код", n, "текст"] for n in range(300)]
    half = lambda xml: xml[: len(xml) // 2]  # noqa: E731
    damaged = with_member(workbook(rows), "xl/worksheets/sheet1.xml", half)
    read = read_xlsx(damaged, max_columns=40)  # opens: the damage is further down
    with translation.override("en"):
        with pytest.raises(SheetError) as error:
            list(read)
        assert str(error.value) == "The XLSX file cannot be opened. Save it again in Excel."
