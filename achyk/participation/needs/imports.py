"""Focus groups' results from a spreadsheet (CSV or XLSX, read by `ui.sheets`): one row a
focus group, every row judged before anything is saved. The template's header names the
columns; `judge` answers the groups to save or the problems of each bad row, in the user's
language. An XLSX cell is read as Excel keeps it (a date, a time, a number) and judged as
the same text a CSV would hold."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from achyk.ui import sheets

from ..common import HEADCOUNT_FIELDS
from .models import CATEGORIES, FocusGroup, Problem, Settlement, category_choices

COLUMNS = [
    "category",
    "settlement",
    "date",
    "time",
    "place",
    "facilitator",
    *HEADCOUNT_FIELDS,
    "problems",
]
#: Rows one file may hold (a study has tens of groups, not thousands).
MAX_ROWS = 500
#: The file types taken, by their extension.
EXTENSIONS = ("csv", "xlsx")


def template_rows(body) -> list[list[str]]:
    """An example row, with a village of the body if it has one."""
    village = Settlement.objects.filter(body=body).first()
    return [
        [
            "women",
            village.name if village else "",
            "2026-03-12",
            "10:00",
            "Клуб",
            "Нургүл Асанова",
            "0",
            "5",
            "9",
            "3",
            "0",
            "0",
            "0",
            "0",
            "Суу жетишпейт; Жол начар",
        ]
    ]


@dataclass
class RowVerdict:
    number: int
    values: dict
    problems: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    rows: list[RowVerdict]
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.rows) and not any(r.problems for r in self.rows)


def read_table(data: bytes, extension: str = "csv") -> list[list[str]]:
    """The rows of the file as text cells (`sheets.SheetError` if it cannot be read)."""
    if extension == "xlsx":
        rows = sheets.read_xlsx(data, max_columns=len(COLUMNS) + 10, max_rows=MAX_ROWS + 2)
        return [[_text(cell) for cell in row] for row in rows]
    return list(sheets.read_csv(data))


def _text(cell) -> str:
    """An XLSX cell as a CSV would hold it: a date as 2026-03-12, a time as 10:00, a whole
    number without ".0" (5.0 is 5; 5.5 stays 5.5 and is refused as a headcount)."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        if cell.time() == datetime.time(0, 0):
            return cell.date().isoformat()
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, datetime.time):
        return cell.strftime("%H:%M")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def judge(data: bytes, *, study, extension: str = "csv") -> Verdict:
    """Every row of the file checked against the study's body (its categories, villages and
    their population)."""
    try:
        table = read_table(data, extension)
    except sheets.SheetError as error:
        return Verdict([], str(error))
    if not table:
        return Verdict([], _("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return Verdict(
            [],
            _("Columns missing: %(names)s. Start from the template.")
            % {"names": ", ".join(missing)},
        )
    if len(table) - 1 > MAX_ROWS:
        return Verdict([], _("At most %(count)s rows at once.") % {"count": MAX_ROWS})
    body = study.body
    categories = _categories(body)
    villages = {s.name.casefold(): s for s in Settlement.objects.filter(body=body)}
    for village in list(villages.values()):
        for code in ("ky", "ru", "kk"):
            name = getattr(village, f"name_{code}")
            if name:
                villages[name.casefold()] = village
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        raw = {
            name: (cells[header.index(name)].strip() if header.index(name) < len(cells) else "")
            for name in COLUMNS
        }
        rows.append(_row(number, raw, body, categories, villages))
    return Verdict(rows)


def _categories(body) -> dict[str, str]:
    found = {}
    for code, label in category_choices(body):
        found[code.casefold()] = code
        found[str(label).casefold()] = code
    for code, _label in CATEGORIES:
        found[code] = code
    return found


def _row(number, raw, body, categories, villages) -> RowVerdict:
    verdict = RowVerdict(number, {})
    values, problems = verdict.values, verdict.problems
    values["category"] = categories.get(raw["category"].casefold())
    if values["category"] is None:
        problems.append(_("Unknown category “%(value)s”.") % {"value": raw["category"][:60]})
    values["settlement"] = villages.get(raw["settlement"].casefold()) if raw["settlement"] else None
    if raw["settlement"] and values["settlement"] is None:
        problems.append(_("Unknown settlement “%(value)s”.") % {"value": raw["settlement"][:60]})
    try:
        day = _day(raw["date"])
        hour = datetime.time.fromisoformat((raw["time"] or "10:00").rpartition(" ")[2])
        values["starts_at"] = datetime.datetime.combine(
            day, hour, zoneinfo.ZoneInfo(body.time_zone)
        )
    except ValueError:
        problems.append(_("Write the date as 2026-03-12 and the time as 10:00."))
    for name in HEADCOUNT_FIELDS:
        text = raw[name] or "0"
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            problems.append(
                _("“%(value)s” in %(column)s is not a whole number of 0 or more.")
                % {"value": text[:20], "column": name}
            )
        else:
            values[name] = int(text)
    if not problems:
        total = sum(values[name] for name in HEADCOUNT_FIELDS)
        village = values["settlement"]
        ceiling = village.population if village and village.population else body.population
        if ceiling is not None and total > ceiling:
            problems.append(
                _(
                    "%(total)s people counted, more than the %(population)s who live "
                    "here: check the headcounts."
                )
                % {"total": total, "population": ceiling}
            )
    values["place"], values["facilitator"] = raw["place"][:300], raw["facilitator"][:200]
    values["problems"] = [p.strip()[:1000] for p in raw["problems"].split(";") if p.strip()][:60]
    return verdict


def _day(text: str) -> datetime.date:
    """A date as 2026-03-12 or as 12.03.2026 (Excel's way in Kyrgyz and Russian)."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


@transaction.atomic
def save(verdict: Verdict, *, study) -> int:
    """Every judged row as a held focus group of `study`, all or nothing; the count."""
    language = study.body.default_language
    for row in verdict.rows:
        v = row.values
        group = FocusGroup.objects.create(
            body=study.body,
            study=study,
            category=v["category"],
            settlement=v["settlement"],
            starts_at=v["starts_at"],
            facilitator=v["facilitator"],
            held=True,
            **{f"place_{language}": v["place"]},
            **{name: v[name] for name in HEADCOUNT_FIELDS},
        )
        for text in v["problems"]:
            Problem.objects.create(focus_group=group, **{f"text_{language}": text})
    return len(verdict.rows)
