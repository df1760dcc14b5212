"""Reading and checking a spreadsheet of actions (CSV or XLSX, the template's columns).

No writes. `read_rows(data, extension)` gives the header and the rows (CSV and XLSX by
`ui.sheets`, the XLSX under the ZIP caps of `ui.uploads.archives`; a file that cannot be
read, an empty one or one over `MAX_ROWS` raises `ui.sheets.SheetError`); `check(rows, plan=)` turns
each row into a `services.ActionRow` with its errors, translated.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from achyk.ui.sheets import SheetError, read_csv, read_xlsx

from ..models import Objective, Source
from ..services import ActionRow
from ..validation import cost_year_error, date_errors, parse_amount

MAX_ROWS = 2000
MAX_COLUMNS = 40
TEXT_COLUMNS = ["objective", "code", "title", "start", "deadline", "responsible", "village", "year"]
MONEY_COLUMNS = [name for source in Source.values for name in (source, f"{source}_actual")]
COLUMNS = TEXT_COLUMNS + MONEY_COLUMNS


def read_rows(data: bytes, extension: str) -> list[list]:
    if extension == "xlsx":
        rows = list(read_xlsx(data, max_columns=MAX_COLUMNS, max_rows=MAX_ROWS + 2))
    else:
        rows = list(read_csv(data))
    rows = [row for row in rows if any(str(cell or "").strip() for cell in row)]
    if not rows:
        raise SheetError(_("The file is empty."))
    if len(rows) > MAX_ROWS + 1:
        raise SheetError(_("At most %(n)s actions in one file.") % {"n": MAX_ROWS})
    return rows


def columns_of(header: list) -> dict[str, int]:
    """Where each known column is; an unknown or missing one is an error for the caller."""
    names = [str(cell or "").strip().lower() for cell in header]
    return {name: names.index(name) for name in COLUMNS if name in names}


def check(rows: list[list], *, plan) -> tuple[list[ActionRow], list[str]]:
    """The checked rows under the header, and the problems of the file as a whole."""
    where = columns_of(rows[0])
    missing = [name for name in ("objective", "title", "start", "deadline") if name not in where]
    if missing:
        return [], [_("The file lacks the columns: %(names)s.") % {"names": ", ".join(missing)}]
    objectives = {
        f"{item.goal.number}.{item.number}": item
        for item in Objective.objects.filter(goal__plan=plan).select_related("goal__plan")
    }
    result = [_row(number, row, where, plan, objectives) for number, row in enumerate(rows[1:], 2)]
    return result, []


def _cell(row, where, name):
    index = where.get(name)
    value = row[index] if index is not None and index < len(row) else None
    return "" if value is None else value


def _row(number, cells, where, plan, objectives) -> ActionRow:
    row = ActionRow(line=number)
    text = lambda name, size: str(_cell(cells, where, name)).strip()[:size]  # noqa: E731
    row.code, row.title = text("code", 20), text("title", 300)
    row.responsible, row.settlement = text("responsible", 200), text("village", 200)
    row.objective = objectives.get(text("objective", 20))
    if row.objective is None:
        row.errors.append(_("No objective %(n)s in this plan.") % {"n": text("objective", 20)})
    if not row.title:
        row.errors.append(_("The title is empty."))
    row.starts_on = _date(_cell(cells, where, "start"), row)
    row.ends_on = _date(_cell(cells, where, "deadline"), row)
    row.errors.extend(date_errors(row.starts_on, row.ends_on, plan).values())
    _costs(row, cells, where, plan)
    return row


def _date(value, row) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    row.errors.append(_("“%(text)s” is not a date (write 31.12.2026).") % {"text": text[:20]})
    return None


def _costs(row, cells, where, plan) -> None:
    amounts = {}
    for name in MONEY_COLUMNS:
        value = _cell(cells, where, name)
        value = repr(value) if isinstance(value, float) else value
        amount, error = parse_amount(value)
        if error:
            row.errors.append(f"{name}: {error}")
        amounts[name] = amount
    if not any(amount is not None for amount in amounts.values()):
        return
    year_text = str(_cell(cells, where, "year")).strip().removesuffix(".0")
    year = int(year_text) if year_text.isdigit() else None
    if year is None:
        row.errors.append(_("Give the year of the costs."))
        return
    message = cost_year_error(year, plan)
    if message:
        row.errors.append(message)
    for source in Source.values:
        planned, actual = amounts[source], amounts[f"{source}_actual"]
        if planned is not None or actual is not None:
            row.costs.append((source, year, planned or Decimal("0"), actual))
