"""The one reader of uploaded CSV: the encodings and delimiters Excel saves in Kyrgyzstan and
Kazakhstan, and a clear error for anything else."""

import pytest

from achyk.ui.sheets import CSVError, read_csv

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
