"""Reading the spreadsheets bodies already keep: CSV and XLSX, into rows of text cells.

No database here. `read_table(data, extension)` returns the header row (the first row, among
the first twenty, that names two columns or more: titles above it are skipped) and an iterator
of the non-blank rows below it, each a list of cells (str, or int/float as the file holds
them) with its line number in the file. CSV and XLSX are read by `ui.sheets` (`read_csv`:
UTF-8 with or without BOM, else Windows-1251, comma, semicolon or tab; `read_xlsx`: the first
sheet row by row, under the ZIP caps). A file that cannot be read raises `ui.sheets.SheetError`
(named here `SheetError`), also while the rows are read.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from achyk.ui.sheets import SheetError, read_csv, read_xlsx

MAX_COLUMNS = 40
HEADER_SEARCH_ROWS = 20


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]


def read_table(data: bytes, extension: str) -> Table:
    if extension == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    return _table(enumerate(read_csv(data), start=1))


def _read_xlsx(data: bytes) -> Table:
    return _table(enumerate(read_xlsx(data, max_columns=MAX_COLUMNS), start=1))


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
