"""The one reader of uploaded spreadsheets (CSV and XLSX): bytes in, rows of cells out.

Bodies keep their tables in Excel, which saves CSV in UTF-8 (with or without a byte order
mark) or in Windows-1251, the two encodings in use in Kyrgyzstan and Kazakhstan, separated by
commas, semicolons (Excel in a Russian locale) or tabs. `read_csv(data)` decodes the text,
guesses the delimiter and returns a reader of lists of strings. `read_xlsx(data, max_columns=)`
reads the first sheet of a workbook row by row (openpyxl's read-only mode), once the ZIP caps
of `uploads.archives` let it be opened. The apps judge the rows; a file that cannot be read
raises `SheetError` (`CSVError` for CSV) with a translated message.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from .uploads import archives

ENCODINGS = ("utf-8-sig", "cp1251")
DELIMITERS = ",;\t"
SAMPLE = 8192
#: What openpyxl raises on a file that is not a workbook, or a damaged one (a truncated
#: sheet fails in its XML parser, a SyntaxError, only once the rows before it are read).
XLSX_ERRORS = (
    zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, SyntaxError,
)  # fmt: skip


class SheetError(ValueError):
    """The file cannot be read as a table; the message is for the user."""


class CSVError(SheetError):
    """The file is not CSV text this reader can use; the message is for the user."""


def decode(data: bytes) -> str:
    """The text of `data`: UTF-8 (its BOM dropped), else Windows-1251."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CSVError(_("The CSV file is not text in UTF-8 or Windows-1251. Save it again as CSV."))


def delimiter(text: str) -> str:
    """The delimiter of the table in `text`: the one that splits its first lines alike
    (Python's sniffer), else the commonest in them (a title line above the table puts the
    sniffer off), else a comma."""
    sample = text[:SAMPLE]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {mark: sample.count(mark) for mark in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def read_csv(data: bytes) -> Iterator[list[str]]:
    """The rows of the CSV file `data`, each a list of its cells as text."""
    text = decode(data)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))


def read_xlsx(data: bytes, *, max_columns: int, max_rows: int | None = None) -> Iterator[list]:
    """The rows of the first sheet of the XLSX file `data`, each a list of its first
    `max_columns` cells as the file holds them (str, int, float, datetime or None), up to
    `max_rows` rows. Read as they are asked for, so a large sheet is never held whole.

    Raises `SheetError` for a file over the ZIP caps (before openpyxl unpacks anything: its
    declared sizes bound what zipfile will ever unpack), one that is not a workbook, one with
    no sheet, and, while the rows are read, a sheet damaged further down."""
    from openpyxl import load_workbook

    try:
        archives.open_zip(data).close()
    except archives.ArchiveRefused as error:
        raise SheetError(str(error)) from error
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS as error:
        raise SheetError(_("The XLSX file cannot be opened. Save it again in Excel.")) from error
    if not book.worksheets:
        raise SheetError(_("The XLSX file has no sheet."))
    sheet = book.worksheets[0]
    return _xlsx_rows(sheet.iter_rows(values_only=True, max_col=max_columns, max_row=max_rows))


def _xlsx_rows(rows: Iterable[tuple]) -> Iterator[list]:
    try:
        for row in rows:
            yield list(row)
    except XLSX_ERRORS as error:
        raise SheetError(_("The XLSX file cannot be opened. Save it again in Excel.")) from error
