"""Reading the spreadsheets bodies already keep: CSV and XLSX, into rows of text cells.

No database here. `read_table(data, extension)` returns the header row (the first row, among
the first twenty, that names two columns or more: titles above it are skipped) and an iterator
of the non-blank rows below it, each a list of cells (str, or int/float as the file holds
them) with its line number in the file. CSV is read by `ui.sheets.read_csv` (UTF-8 with or
without BOM, else Windows-1251; comma, semicolon or tab). XLSX is read row by row (openpyxl's
read-only mode), first sheet, once the ZIP caps of `ui.uploads.archives` let it be opened.
"""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from achyk.ui.sheets import CSVError, read_csv
from achyk.ui.uploads import archives

MAX_COLUMNS = 40
HEADER_SEARCH_ROWS = 20


class SheetError(Exception):
    """The file cannot be read as a table; the message says why, in the reader's language."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]


def read_table(data: bytes, extension: str) -> Table:
    if extension == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        reader = read_csv(data)
    except CSVError as error:
        raise SheetError(str(error)) from error
    return _table(enumerate(reader, start=1))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _within_zip_caps(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise SheetError(_("The XLSX file cannot be opened. Save it again in Excel.")) from error
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise SheetError(_("The XLSX file has no sheet."))
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    return _table(enumerate((list(row) for row in rows), start=1))


def _within_zip_caps(data: bytes) -> None:
    """Refuse, before openpyxl unpacks anything, an XLSX over the platform's ZIP caps (its
    declared sizes bound what zipfile, and so openpyxl, will ever unpack)."""
    try:
        archives.open_zip(data).close()
    except archives.ArchiveRefused as error:
        raise SheetError(str(error)) from error


def _blank(row: list) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def _is_header(row: list) -> bool:
    """Titles above a table fill one cell; the header row names two columns or more."""
    return sum(1 for cell in row if isinstance(cell, str) and cell.strip()) >= 2


def _table(numbered: Iterator[tuple[int, list]]) -> Table:
    for number, row in numbered:
        if number > HEADER_SEARCH_ROWS:
            break
        if _is_header(row):
            headers = [str(cell).strip() if cell is not None else "" for cell in row]
            headers = headers[:MAX_COLUMNS]
            while headers and not headers[-1]:
                headers.pop()
            if not headers:
                break
            return Table(headers, ((n, r) for n, r in numbered if not _blank(r)))
    raise SheetError(_("The file has no header row: a row near the top must name the columns."))
