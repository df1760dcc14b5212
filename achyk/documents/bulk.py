"""Reading a bulk import: a CSV of metadata and the files it names, judged whole.

`read_sheet(data)` decodes and parses the CSV (UTF-8 with or without BOM, or Windows-1251;
comma or semicolon, as Excel saves it) into `Row`s; `check(rows, files, rules)` fills every
row's and file's errors in the reader's language and returns a `Verdict`. Nothing here touches
the database: the `Rules` (known types, statuses, who adopts, the body's languages, numbers
already taken) are given by the caller, so that the same judgement runs at the preview and
again, inside the transaction, when the import is saved.
"""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

COLUMNS = ("filename", "type", "number", "adopted_on", "adopted_by", "signatory", "status",
           "language", "title", "tags")  # fmt: skip
REQUIRED = ("filename", "type", "number", "adopted_on", "language", "title")
MAX_ROWS = 1000
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass
class Row:
    """One line of the CSV (`line` counts the header as line 1) and what is wrong with it."""

    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    adopted_on: datetime.date | None = None

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def tags(self) -> list[str]:
        return [tag.strip() for tag in self.get("tags").replace(";", ",").split(",") if tag.strip()]

    @property
    def act_key(self) -> tuple:
        """Rows with the same type, number and date are language versions of one act."""
        return (self.get("type"), self.get("number").casefold(), self.adopted_on)


@dataclass
class Rules:
    """What the values may be: codes of document types, statuses, adopters; the body's
    languages; (type code, number, year) of the acts the body already has."""

    types: set[str]
    statuses: set[str]
    adopters: set[str]
    languages: list[str]
    taken: set[tuple[str, str, int]] = field(default_factory=set)


@dataclass
class Verdict:
    rows: list[Row]
    file_errors: dict[str, list[str]]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            bool(self.rows)
            and not self.errors
            and not any(row.errors for row in self.rows)
            and not any(self.file_errors.values())
        )

    @property
    def error_count(self) -> int:
        return (
            len(self.errors)
            + sum(len(row.errors) for row in self.rows)
            + sum(len(errors) for errors in self.file_errors.values())
        )


class SheetError(ValueError):
    """The CSV cannot be read at all (encoding, columns, size); its message is for the user."""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(_("The CSV file is not text in UTF-8 or Windows-1251. Save it again as CSV."))


def read_sheet(data: bytes) -> list[Row]:
    """The rows of the CSV; raises SheetError when the file itself cannot be used."""
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SheetError(
            _("The CSV file has no column %(columns)s. Its first line must name the columns: "
              "%(expected)s.") % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )  # fmt: skip
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        for name in ("status", "adopted_by", "language"):  # "In-force" reads as in_force
            values[name] = values.get(name, "").lower().replace("-", "_")
        rows.append(Row(line=line, values=values))
        if len(rows) > MAX_ROWS:
            raise SheetError(
                _("The CSV file has more than %(max)s rows. Split it into several imports.")
                % {"max": MAX_ROWS}
            )
    if not rows:
        raise SheetError(_("The CSV file has no rows below its header."))
    return rows


def parse_date(value: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def check(rows: list[Row], files: dict[str, list[str]], rules: Rules) -> Verdict:
    """Every problem of the import: `files` maps each uploaded file name to the errors its
    content check found (empty when it is fine)."""
    for row in rows:
        row.errors = _row_errors(row, files, rules)
    _check_duplicates(rows, rules)
    named = {row.get("filename") for row in rows}
    file_errors = {name: list(errors) for name, errors in files.items()}
    for name in files:
        if name not in named:
            file_errors[name].append(_("No row of the CSV names this file."))
    return Verdict(rows=rows, file_errors=file_errors)


def _row_errors(row: Row, files, rules: Rules) -> list[str]:
    errors = [
        _("The column “%(column)s” is empty.") % {"column": name}
        for name in REQUIRED
        if not row.get(name)
    ]
    if row.get("filename") and row.get("filename") not in files:
        errors.append(_("The file “%(name)s” was not uploaded.") % {"name": row.get("filename")})
    if row.get("type") and row.get("type") not in rules.types:
        errors.append(_("Unknown document type “%(value)s”.") % {"value": row.get("type")})
    if row.get("adopted_on"):
        row.adopted_on = parse_date(row.get("adopted_on"))
        if row.adopted_on is None:
            errors.append(
                _("“%(value)s” is not a date: write it as 2026-03-31 or 31.03.2026.")
                % {"value": row.get("adopted_on")}
            )
    if row.get("status") and row.get("status") not in rules.statuses:
        errors.append(_("Unknown status “%(value)s”.") % {"value": row.get("status")})
    if row.get("adopted_by") and row.get("adopted_by") not in rules.adopters:
        errors.append(_("Unknown adopting body “%(value)s”.") % {"value": row.get("adopted_by")})
    if row.get("language") and row.get("language") not in rules.languages:
        errors.append(
            _("The language “%(value)s” is not a language of this body's site (%(languages)s).")
            % {"value": row.get("language"), "languages": ", ".join(rules.languages)}
        )
    return errors


def _check_duplicates(rows: list[Row], rules: Rules) -> None:
    versions = Counter((row.act_key, row.get("language")) for row in rows)
    dates = {}
    for row in rows:
        if row.adopted_on is None or not row.get("number") or not row.get("type"):
            continue
        year_key = (row.get("type"), row.get("number").casefold(), row.adopted_on.year)
        if year_key in rules.taken:
            row.errors.append(
                _("An act of this type with number %(number)s of %(year)s is already in the "
                  "registry.") % {"number": row.get("number"), "year": row.adopted_on.year}
            )  # fmt: skip
        if versions[(row.act_key, row.get("language"))] > 1:
            row.errors.append(
                _("The number %(number)s appears twice in the CSV in the same language.")
                % {"number": row.get("number")}
            )
        if dates.setdefault(year_key, row.adopted_on) != row.adopted_on:
            row.errors.append(
                _("The number %(number)s of %(year)s appears in the CSV with another date.")
                % {"number": row.get("number"), "year": row.adopted_on.year}
            )
    seen = Counter(row.get("filename") for row in rows if row.get("filename"))
    for row in rows:
        if seen[row.get("filename")] > 1:
            row.errors.append(
                _("The file “%(name)s” is named by more than one row.")
                % {"name": row.get("filename")}
            )
