"""The one writer of tables for download: streamed CSV, streamed JSON and XLSX.

Apps give rows (sequences of values in the order of the header) or records (dicts); this
module writes them. CSV and JSON stream: whatever the number of rows, memory stays flat.

**Formula rule** (CSV): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is written with a leading apostrophe (`'=HYPERLINK(...)`), so that Excel and LibreOffice
show it as text instead of running it. Only text is touched: numbers (int, Decimal, float),
negative ones included, are written as they are, and None is an empty cell. XLSX needs no
apostrophe: every text cell is stored as a string cell, which a spreadsheet never evaluates.
CSV starts with a byte order mark unless `bom=False` (Excel then reads Kyrgyz, Kazakh and
Russian text as UTF-8); lines end with CRLF (RFC 4180).
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

#: A text cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Rows joined into one chunk of a streamed CSV: small for flat memory, large enough that the
#: response's per-chunk cost does not dominate.
BATCH = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    """A file that hands back what is written to it, for `csv.writer` to format one line."""

    def write(self, value):
        return value


def csv_cell(value):
    """The CSV cell of `value` under the formula rule."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_stream(header: Sequence[str], rows: Iterable[Sequence], *, bom: bool = True):
    """CSV text of `rows` under `header`, `BATCH` lines at a time."""
    writer = csv.writer(_Echo())
    yield ("\ufeff" if bom else "") + writer.writerow([csv_cell(name) for name in header])
    batch = []
    for row in rows:
        batch.append(writer.writerow([csv_cell(value) for value in row]))
        if len(batch) == BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def json_value(value):
    """Decimals as strings of their exact digits ("1250000.50"), never binary floats."""
    return str(value) if isinstance(value, Decimal) else value


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=json_value)


def json_stream(
    records: Iterable[Mapping], *, header: Mapping | None = None, key: str = "items"
) -> Iterator[str]:
    """A JSON list of `records`, one per chunk; with `header`, an object of its keys and
    `key`: the list. Decimals are written as strings of exact decimals."""
    if header is not None:
        yield _dumps(dict(header))[:-1] + (", " if header else "") + _dumps(key) + ": ["
    else:
        yield "["
    for index, record in enumerate(records):
        clean = {name: json_value(value) for name, value in record.items()}
        yield ("," if index else "") + "\n" + _dumps(clean)
    yield "\n]}\n" if header is not None else "\n]\n"


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence], *, title: str) -> bytes:
    """A workbook of one sheet, `title`: the header, then the rows. Text stays text (a string
    cell, never a formula); numbers stay numbers."""
    return xlsx_book_bytes([(title, header, rows)])


def xlsx_book_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """A workbook of several sheets, each (title, header, rows), written as `xlsx_bytes`
    writes one."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(str(title)[:31])
        for row in _chain([header], rows):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _chain(*parts):
    for part in parts:
        yield from part


def _named(response, filename: str, *, inline: bool):
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def csv_response(header, rows, *, filename: str, bom: bool = True, inline: bool = False):
    """A streamed CSV download of `rows`."""
    stream = csv_stream(header, rows, bom=bom)
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    return _named(response, filename, inline=inline)


def json_response(records, *, filename: str, header=None, key="items", inline: bool = False):
    """A streamed JSON download of `records` (see `json_stream`)."""
    stream = json_stream(records, header=header, key=key)
    response = StreamingHttpResponse(stream, content_type="application/json")
    return _named(response, filename, inline=inline)


def xlsx_response(header, rows, *, filename: str, title: str, inline: bool = False):
    """An XLSX download of `rows` (built in memory: XLSX is a zip, it cannot stream)."""
    response = HttpResponse(xlsx_bytes(header, rows, title=title), content_type=XLSX_TYPE)
    return _named(response, filename, inline=inline)
