"""Judging a budget spreadsheet before anything is saved: column mapping and row checks.

`guess_mapping(headers)` maps the file's columns to our fields from common headers in ky, ru
and en; staff may change it. `judge(table, mapping, body=, stage=)` reads every row and returns
a `Verdict`: the lines ready to save and every bad row with its reason (unknown code, text in
an amount, a total row that does not add up...). Only a verdict with no error is saved, by
`services.replace_stage`, all or nothing.

Rows with no code and no amount are headings and are skipped. A row with no code whose text
says "total" (итого, всего, жыйынтык, бардыгы, total) is a total: it is checked, not saved. A
total that names a direction (доходы / кирешелер / revenue, расходы / чыгашалар / expenditure)
must equal every line of that direction above it; any other total must equal the lines since
the previous total. With a quarter on the total row, only that quarter's lines count.

A row whose code has sub-codes in the classification (11 "Taxes" above 1111, 1132...) is a
subtotal when the file also holds lines under it: it must equal them (same quarter) and is
not saved, so nothing is counted twice. Without lines under it, it is a line of its own.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Classification, Direction, LineKind, StageName
from ..services import LineIn
from .sheets import Table

MAX_AMOUNT = Decimal("9999999999999999.99")
CENT = Decimal("0.01")

#: Our fields, with the words that name them in headers (case-folded, any part of the header).
FIELDS = {
    "economic": (gettext_lazy("Economic code"), ["эконом", "economic", "eco"]),
    "functional": (gettext_lazy("Functional code"), ["функц", "functional"]),
    "amount": (gettext_lazy("Amount"), ["сумм", "amount", "sum", "сом", "тенге", "som"]),
    "quarter": (gettext_lazy("Quarter"), ["квартал", "quarter", "чейрек"]),
    "direction": (gettext_lazy("Direction"), ["direction", "направлен", "багыт", "доход/расход"]),
    "kind": (gettext_lazy("Kind of money"), ["kind", "вид средств", "түрү", "каражаттын"]),
    "description": (
        gettext_lazy("Description"),
        ["наимен", "назван", "описан", "description", "name", "аталыш", "статья", "берене"],
    ),
    "source": (gettext_lazy("Source of funds (donor, project)"),
               ["source", "донор", "donor", "источник", "булак", "долбоор", "проект"]),
}  # fmt: skip
REQUIRED = ("economic", "amount")
#: Headers that are only "code" name the economic code when no header names it better.
PLAIN_CODE = {"код", "code", "коду", "бк", "код бк"}

DIRECTION_WORDS = {
    Direction.REVENUE: ["revenue", "доход", "кирешe", "киреше", "поступлен", "түшүү"],
    Direction.EXPENDITURE: ["expenditure", "expense", "расход", "чыгаша", "затрат"],
}
KIND_WORDS = {
    LineKind.TRANSFER: ["transfer", "трансферт", "грант", "grant"],
    LineKind.INVESTMENT: ["investment", "инвест", "внебюджет", "бюджеттен тышкары", "донор"],
    LineKind.OWN: ["own", "local", "местн", "жергиликтүү", "өз"],
}
TOTAL_WORDS = ("итого", "всего", "жыйынтык", "бардыгы", "баары", "total", "жалпы")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _norm(header) -> str:
    return re.sub(r"\s+", " ", str(header or "")).strip().casefold()


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """{field: column index or None}, from the words of the headers."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for name, (_label, words) in FIELDS.items():
        for index, header in enumerate(headers):
            if index not in taken and any(word in _norm(header) for word in words):
                mapping[name], _ = index, taken.add(index)
                break
    if mapping["economic"] is None:
        for index, header in enumerate(headers):
            if index not in taken and _norm(header) in PLAIN_CODE:
                mapping["economic"] = index
                break
    return mapping


@dataclass
class RowError:
    line: int
    message: str
    cells: list[str]


@dataclass
class Verdict:
    """What a file would write: its lines, its totals by direction, and every bad row."""

    lines: list[LineIn] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)
    totals_checked: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not self.errors and not self.problems


class RowRefused(Exception):
    pass


def parse_amount(value) -> Decimal:
    """An exact amount in som/tenge from a cell: digits, spaces, a comma or point for cents."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowRefused(_("The amount is empty."))
    if isinstance(value, bool):
        raise RowRefused(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, float):
        amount = Decimal(repr(value))
        if abs(amount - amount.quantize(CENT)) < Decimal("0.000001"):
            amount = amount.quantize(CENT)  # a spreadsheet formula's binary rounding
    elif isinstance(value, int | Decimal):
        amount = Decimal(value)
    else:
        amount = _amount_from_text(str(value))
    return _checked_amount(amount, value)


def _amount_from_text(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f\u2009']", "", text)
    decimal_mark, thousands = _marks(cleaned)
    whole, _mark, cents = cleaned.partition(decimal_mark) if decimal_mark else (cleaned, "", "")
    if thousands:
        grouped = re.fullmatch(rf"-?\d{{1,3}}({re.escape(thousands)}\d{{3}})+", whole)
        whole = whole.replace(thousands, "") if grouped else "x"
    number = f"{whole}.{cents}" if cents else whole
    if not re.fullmatch(r"-?\d+(\.\d+)?", number):
        raise RowRefused(
            _("“%(value)s” is not an amount: write digits only, e.g. 1250000.50.")
            % {"value": text.strip()[:60]}
        )
    return Decimal(number)


def _marks(text: str) -> tuple[str | None, str | None]:
    """(decimal mark, thousands separator) of a number written with commas and points."""
    if "," in text and "." in text:
        return (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
    for mark in ",.":
        if text.count(mark) > 1:
            return None, mark
    return ("," if "," in text else "."), None


def _checked_amount(amount: Decimal, value) -> Decimal:
    if not amount.is_finite():
        raise RowRefused(_("“%(value)s” is not an amount.") % {"value": str(value)[:60]})
    if amount != amount.quantize(CENT):
        raise RowRefused(
            _("%(value)s has more than two decimal places (tyiyn / tiyn).") % {"value": value}
        )
    if amount < 0:
        raise RowRefused(_("An amount cannot be negative (%(value)s).") % {"value": value})
    if amount > MAX_AMOUNT:
        raise RowRefused(_("The amount %(value)s is too large.") % {"value": value})
    return amount.quantize(CENT)


def _code(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[\s\u00a0.\-]", "", str(value if value is not None else ""))


def _words_in(text: str, table: dict) -> str | None:
    text = _norm(text)
    for key, words in table.items():
        if any(word in text for word in words):
            return key
    return None


def _quarter(value) -> int:
    text = _norm(value).replace("q", " ")
    digits = re.findall(r"\b([1-4])\b", text) or re.findall(r"^([1-4])", text.strip())
    roman = re.findall(r"\b(iv|iii|ii|i)\b", text)
    if digits:
        return int(digits[0])
    if roman:
        return ROMAN[roman[0]]
    raise RowRefused(
        _("“%(value)s” is not a quarter: write 1, 2, 3 or 4.") % {"value": str(value)[:30]}
    )


class Codes:
    """The classification of a country, by code, read once per import."""

    def __init__(self, country: str):
        rows = Classification.objects.filter(country=country).values_list(
            "kind", "code", "pk", "direction", "parent_id"
        )
        self.economic, self.functional, self.parent = {}, {}, {}
        for kind, code, pk, direction, parent_id in rows:
            target = self.economic if kind == Classification.Kind.ECONOMIC else self.functional
            target[code] = (pk, direction)
            self.parent[pk] = parent_id
        self.headings = {parent for parent in self.parent.values() if parent}
        self._ancestors: dict[int, list[int]] = {}

    def ancestors(self, pk: int) -> list[int]:
        if pk not in self._ancestors:
            chain, node = [], self.parent.get(pk)
            while node and node not in chain:
                chain.append(node)
                node = self.parent.get(node)
            self._ancestors[pk] = chain
        return self._ancestors[pk]


@dataclass
class Subtotal:
    """A row whose code has sub-codes (e.g. 11 "Taxes"): a subtotal when the file also holds
    lines under it (then it must equal them and is not saved), else a line of its own."""

    line: int
    index: int
    code: str
    direction: str
    quarter: int | None
    amount: Decimal
    section: int
    under: Decimal = Decimal("0.00")
    has_lines_under: bool = False


class Judge:
    """Reads the rows of one file for one stage and judges each (see the module's docstring)."""

    def __init__(self, *, mapping: dict, stage: str, codes: Codes):
        self.mapping, self.stage, self.codes = mapping, stage, codes
        self.verdict = Verdict()
        self.section = {Direction.REVENUE: {}, Direction.EXPENDITURE: {}}  # since last total
        self.running = {Direction.REVENUE: {}, Direction.EXPENDITURE: {}}  # whole file
        self.subtotals: list[Subtotal] = []
        self.open: dict[tuple[int, int | None], list[Subtotal]] = {}  # (code id, quarter)
        self.section_number = 0
        self.number = 0

    def cell(self, row: list, name: str):
        index = self.mapping.get(name)
        return row[index] if index is not None and index < len(row) else None

    def judge(self, table: Table) -> Verdict:
        missing = [FIELDS[name][0] for name in REQUIRED if self.mapping.get(name) is None]
        if missing:
            self.verdict.problems.append(
                _("Choose the columns of: %(fields)s.") % {"fields": ", ".join(map(str, missing))}
            )
            return self.verdict
        for number, row in table.rows:
            self.number = number
            try:
                self.row(row)
            except RowRefused as refused:
                self.refuse(number, str(refused), row)
        self.settle_subtotals()
        if not self.verdict.lines and not self.verdict.errors:
            self.verdict.problems.append(_("The file has no budget lines."))
        return self.verdict

    def refuse(self, number: int, message: str, row: list | None) -> None:
        cells = ["" if cell is None else str(cell)[:80] for cell in (row or [])[:12]]
        self.verdict.errors.append(RowError(number, message, cells))

    def settle_subtotals(self) -> None:
        """Drop the subtotal rows from the lines, each checked against the lines under it."""
        dropped = set()
        for subtotal in self.subtotals:
            if not subtotal.has_lines_under:
                continue
            dropped.add(subtotal.index)
            self.verdict.totals_checked += 1
            totals = self.verdict.totals
            totals[subtotal.direction] -= subtotal.amount
            if subtotal.amount != subtotal.under:
                message = _(
                    "The row of code %(code)s says %(total)s, but the lines under it sum to "
                    "%(sum)s (difference %(difference)s)."
                ) % {"code": subtotal.code, "total": subtotal.amount, "sum": subtotal.under,
                     "difference": subtotal.amount - subtotal.under}  # fmt: skip
                self.refuse(subtotal.line, message, None)
        if dropped:
            lines = self.verdict.lines
            self.verdict.lines = [line for i, line in enumerate(lines) if i not in dropped]
            self.verdict.errors.sort(key=lambda error: error.line)

    def row(self, row: list) -> None:
        code, amount_cell = _code(self.cell(row, "economic")), self.cell(row, "amount")
        if not code:
            if amount_cell is None or str(amount_cell).strip() == "":
                return None  # a heading
            text = " ".join(str(cell) for cell in row if isinstance(cell, str))
            if any(word in _norm(text) for word in TOTAL_WORDS):
                return self.total(row, text, amount_cell)
            raise RowRefused(_("The row has an amount but no economic code."))
        self.line(row, code, parse_amount(amount_cell))

    def line(self, row: list, code: str, amount: Decimal) -> None:
        if code not in self.codes.economic:
            raise RowRefused(_("Unknown economic code %(code)s.") % {"code": code})
        economic_id, code_direction = self.codes.economic[code]
        direction = self.direction(row, code, code_direction)
        functional_id = self.functional(row)
        quarter = self.quarter(row)
        kind = self.kind(row)
        description = str(self.cell(row, "description") or "").strip()[:300]
        source = str(self.cell(row, "source") or "").strip()[:200]
        self.verdict.lines.append(
            LineIn(direction=direction, economic_id=economic_id, amount=amount,
                   functional_id=functional_id, quarter=quarter, kind=kind,
                   description=description, source=source)
        )  # fmt: skip
        if economic_id in self.codes.headings:
            self.open_subtotal(code, economic_id, direction, quarter, amount)
        else:
            self.count(economic_id, direction, quarter, amount)
        totals = self.verdict.totals
        totals[direction] = totals.get(direction, Decimal("0.00")) + amount

    def open_subtotal(self, code, economic_id, direction, quarter, amount) -> None:
        subtotal = Subtotal(self.number, len(self.verdict.lines) - 1, code, direction, quarter,
                            amount, self.section_number)  # fmt: skip
        self.subtotals.append(subtotal)
        self.open.setdefault((economic_id, quarter), []).append(subtotal)

    def count(self, economic_id, direction, quarter, amount) -> None:
        """Add a line to the sums that total rows and subtotals are checked against."""
        for sums in (self.section[direction], self.running[direction]):
            sums[quarter] = sums.get(quarter, Decimal(0)) + amount
        for ancestor in self.codes.ancestors(economic_id):
            for subtotal in self.open.get((ancestor, quarter), ()):
                subtotal.under += amount
                subtotal.has_lines_under = True

    def direction(self, row: list, code: str, code_direction: str) -> str:
        given = self.cell(row, "direction")
        if given is None or str(given).strip() == "":
            if not code_direction:
                raise RowRefused(_("Say whether the line is revenue or expenditure."))
            return code_direction
        direction = _words_in(str(given), DIRECTION_WORDS)
        if direction is None:
            raise RowRefused(
                _("“%(value)s” is neither revenue nor expenditure.") % {"value": str(given)[:40]}
            )
        if code_direction and direction != code_direction:
            raise RowRefused(
                _("The code %(code)s is %(expected)s, but the row says %(given)s.")
                % {"code": code, "expected": Direction(code_direction).label,
                   "given": Direction(direction).label}
            )  # fmt: skip
        return direction

    def functional(self, row: list) -> int | None:
        code = _code(self.cell(row, "functional"))
        if not code:
            return None
        if code not in self.codes.functional:
            raise RowRefused(_("Unknown functional code %(code)s.") % {"code": code})
        return self.codes.functional[code][0]

    def quarter(self, row: list) -> int | None:
        if self.stage != StageName.EXECUTED:
            return None
        value = self.cell(row, "quarter")
        if value is None or str(value).strip() == "":
            raise RowRefused(_("Execution lines need a quarter (1, 2, 3 or 4)."))
        return _quarter(value)

    def kind(self, row: list) -> str:
        value = self.cell(row, "kind")
        if value is None or str(value).strip() == "":
            return LineKind.OWN
        kind = _words_in(str(value), KIND_WORDS)
        if kind is None:
            raise RowRefused(
                _("“%(value)s” is not a kind of money: write local budget, transfer or "
                  "investment.") % {"value": str(value)[:40]}
            )  # fmt: skip
        return kind

    def total(self, row: list, text: str, amount_cell) -> None:
        amount = parse_amount(amount_cell)
        quarter_cell = self.cell(row, "quarter")
        quarter = None
        if self.stage == StageName.EXECUTED and quarter_cell not in (None, ""):
            quarter = _quarter(quarter_cell)
        direction = _words_in(text, DIRECTION_WORDS)
        sources = [self.running[direction]] if direction else list(self.section.values())
        expected = sum(
            (value for sums in sources for q, value in sums.items() if quarter in (None, q)),
            Decimal("0.00"),
        )
        expected += sum(
            (s.amount for s in self.subtotals
             if not s.has_lines_under and quarter in (None, s.quarter)
             and (s.direction == direction if direction else s.section == self.section_number)),
            Decimal("0.00"),
        )  # fmt: skip
        self.verdict.totals_checked += 1
        if not direction:
            self.section = {Direction.REVENUE: {}, Direction.EXPENDITURE: {}}
            self.section_number += 1
        if amount != expected:
            raise RowRefused(
                _("The total %(total)s does not add up: the lines above sum to %(sum)s "
                  "(difference %(difference)s).")
                % {"total": amount, "sum": expected, "difference": amount - expected}
            )  # fmt: skip


def judge(table: Table, *, mapping: dict, stage: str, country: str) -> Verdict:
    """The verdict on every row of `table` read with `mapping` for `stage`; saves nothing."""
    return Judge(mapping=mapping, stage=stage, codes=Codes(country)).judge(table)
