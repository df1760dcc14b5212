"""Reading a bulk import: a CSV of metadata and the files it names, judged whole.

`read_sheet(data)` parses the CSV (read by `ui.sheets.read_csv`: UTF-8 with or without BOM,
or Windows-1251; comma, semicolon or tab, as Excel saves it) into `Row`s;
`check(rows, files, rules)` fills every row's and file's errors in the reader's language and
returns a `Verdict`. Nothing here touches the database: the `Rules` (known types, statuses,
who adopts, the body's languages, numbers already taken) are given by the caller, so that the
same judgement runs at the preview and again, inside the transaction, when the import is
saved.

The optional columns `amends` and `repeals` name the acts a row's act amends or repeals, several
separated by ";": `#5` (the act of the row on line 5 of the same file), `12 2026-02-10` (number
and date: an act of the same file or already in the body's registry; the date may be left out
when the number alone is unique), or `id:57` (the registry's id of an act of the body, as in
its address acts/57-...). A reference that matches nothing, matches several acts, points to
the row's own act, or to an act of another body is an error of its row: links never cross
bodies. `Row.links` holds what each reference resolved to, for the save.
"""

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from achyk.ui.sheets import CSVError, read_csv

COLUMNS = ("filename", "type", "number", "adopted_on", "adopted_by", "signatory", "status",
           "language", "title", "tags", "amends", "repeals")  # fmt: skip
LINK_COLUMNS = ("amends", "repeals")
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
    #: (kind, target): target is ("row", act_key) for an act of the same file, ("act", id) for
    #: an act already in the body's registry.
    links: list[tuple[str, tuple]] = field(default_factory=list)

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
class Registry:
    """What the registry answers about the acts a reference names, given by the caller:
    `find(number, date)`: ids of the body's acts with that number (and date, if given);
    `body_of(id)`: whether the act `id` is the body's (True), another body's (False) or none
    (None); `elsewhere(number, date)`: whether only acts of other bodies have them."""

    find: Callable[[str, datetime.date | None], list[int]] = lambda number, date: []
    body_of: Callable[[int], bool | None] = lambda act_id: None
    elsewhere: Callable[[str, datetime.date | None], bool] = lambda number, date: False


@dataclass
class Rules:
    """What the values may be: codes of document types, statuses, adopters; the body's
    languages; (type code, number, year) of the acts the body already has; its registry."""

    types: set[str]
    statuses: set[str]
    adopters: set[str]
    languages: list[str]
    taken: set[tuple[str, str, int]] = field(default_factory=set)
    registry: Registry = field(default_factory=Registry)


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


def read_sheet(data: bytes) -> list[Row]:
    """The rows of the CSV; raises SheetError when the file itself cannot be used."""
    try:
        reader = read_csv(data)
    except CSVError as error:
        raise SheetError(str(error)) from error
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
    _check_links(rows, rules.registry)
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


LINE_REFERENCE = re.compile(r"#\s*(\d+)")
ID_REFERENCE = re.compile(r"id\s*:\s*(\d+)", re.IGNORECASE)


def references(value: str) -> list[str]:
    """The references of an `amends` or `repeals` cell, separated by ";" or new lines."""
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


def _split_number(reference: str) -> tuple[str, datetime.date | None]:
    """`12 2026-02-10` → ("12", date); `12` → ("12", None); a last word that is not a date
    is part of the number."""
    number, _space, last = reference.rpartition(" ")
    date = parse_date(last) if number else None
    return (number.strip(), date) if date else (reference, None)


def _check_links(rows: list[Row], registry: Registry) -> None:
    by_line = {row.line: row for row in rows}
    for row in rows:
        row.links = []
        for kind in LINK_COLUMNS:
            for reference in references(row.get(kind)):
                target, error = _resolve(reference, row, rows, by_line, registry)
                if error:
                    row.errors.append(
                        _("“%(reference)s” in the column “%(column)s”: %(error)s")
                        % {"reference": reference, "column": kind, "error": error}
                    )
                elif target:
                    row.links.append((kind, target))


def _resolve(reference: str, row: Row, rows, by_line, registry: Registry):
    """(target, None) or (None, the reason in words)."""
    if match := LINE_REFERENCE.fullmatch(reference):
        other = by_line.get(int(match.group(1)))
        if other is None:
            return None, _("no row of the file is on this line.")
        return _own_file_target(row, other.act_key)
    if match := ID_REFERENCE.fullmatch(reference):
        act_id = int(match.group(1))
        same_body = registry.body_of(act_id)
        if same_body is None:
            return None, _("no act of the registry has this id.")
        if not same_body:
            return None, _("this act belongs to another body; an act can only amend or repeal "
                           "acts of its own body.")  # fmt: skip
        return ("act", act_id), None
    number, date = _split_number(reference)
    in_file = {
        other.act_key for other in rows
        if other.get("number").casefold() == number.casefold() and other.adopted_on
        and (date is None or other.adopted_on == date)
    }  # fmt: skip
    in_registry = registry.find(number, date)
    if len(in_file) + len(in_registry) > 1:
        return None, _("it matches several acts; add the date, or name the row (#5) or the act's "
                       "id (id:57).")  # fmt: skip
    if in_file:
        return _own_file_target(row, in_file.pop())
    if in_registry:
        return ("act", in_registry[0]), None
    if registry.elsewhere(number, date):
        return None, _("only an act of another body has this number; an act can only amend or "
                       "repeal acts of its own body.")  # fmt: skip
    return None, _("no act of this body or of this file has this number and date.")


def _own_file_target(row: Row, act_key: tuple):
    if act_key == row.act_key:
        return None, _("an act cannot amend or repeal itself.")
    return ("row", act_key), None
