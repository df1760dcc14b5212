"""The import's template: the columns the importer reads, named in the staff's language, with
example rows of valid codes, as XLSX (a second sheet lists every code of the classification)
or CSV. Its headers are the words `judging.guess_mapping` knows, so a filled-in template is
read without changing the mapping; the import screen explains each column (`COLUMNS`).
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from achyk.ui import exports

from ..models import Classification, Direction, StageName

#: (field of `judging.FIELDS`, header, what the column holds): the template's order.
COLUMNS = [
    ("economic", gettext_lazy("Economic code"), gettext_lazy(
        "Required. The code of the budget classification that says what the money is: revenue "
        "codes begin with 1, expenditure codes with 2 or 3. The valid codes are listed below "
        "and on the template's second sheet.")),
    ("functional", gettext_lazy("Functional code"), gettext_lazy(
        "For expenditure, if your budget has it: what the money is spent on (education, "
        "roads, water supply...).")),
    ("description", gettext_lazy("Description"), gettext_lazy(
        "The line's name as your budget writes it. Readers see the classification's name when "
        "it is empty.")),
    ("direction", gettext_lazy("Direction (revenue / expenditure)"), gettext_lazy(
        "May stay empty: the code says it. If filled in, it must agree with the code.")),
    ("kind", gettext_lazy("Kind of money"), gettext_lazy(
        "Empty for the local budget; “transfer” for money from the republican budget; "
        "“investment” for extra-budgetary money.")),
    ("quarter", gettext_lazy("Quarter"), gettext_lazy(
        "Only for the execution: 1, 2, 3 or 4. Leave it empty for a draft, approved or "
        "amended budget.")),
    ("amount", gettext_lazy("Amount"), gettext_lazy(
        "Required. In som (tenge in Kazakhstan), digits only; tyiyn after a point or a comma.")),
    ("source", gettext_lazy("Source (donor, project)"), gettext_lazy(
        "The donor or project that gives an investment's money. Optional.")),
]  # fmt: skip

#: Example lines of the template: two of revenue, two of expenditure, by direction.
EXAMPLES_PER_DIRECTION = 2
EXAMPLE_AMOUNTS = {Direction.REVENUE: ["1250000.00", "380000.50"],
                   Direction.EXPENDITURE: ["950000.00", "410000.00"]}  # fmt: skip


def headers() -> list[str]:
    return [str(header) for _name, header, _help in COLUMNS]


def codes(country: str):
    """The economic and functional codes of `country`, with their parents (for the list)."""
    return Classification.objects.filter(country=country).order_by("kind", "code")


def _leaves(country: str, direction: str) -> list[Classification]:
    economic = Classification.objects.filter(
        country=country, kind=Classification.Kind.ECONOMIC, direction=direction,
        children__isnull=True,
    ).order_by("code")  # fmt: skip
    return list(economic[:EXAMPLES_PER_DIRECTION])


def example_rows(country: str, stage: str = StageName.APPROVED) -> list[list[str]]:
    """Rows that the importer accepts for `country` as they are, one column per `COLUMNS`."""
    functional = (
        Classification.objects.filter(
            country=country, kind=Classification.Kind.FUNCTIONAL, children__isnull=True
        )
        .order_by("code")
        .first()
    )
    rows = []
    for direction in (Direction.REVENUE, Direction.EXPENDITURE):
        leaves = _leaves(country, direction)
        for code, amount in zip(leaves, EXAMPLE_AMOUNTS[direction][: len(leaves)], strict=True):
            spent = direction == Direction.EXPENDITURE and functional is not None
            values = {
                "economic": code.code, "functional": functional.code if spent else "",
                "description": code.name, "direction": str(Direction(direction).label),
                "kind": "", "quarter": "1" if stage == StageName.EXECUTED else "",
                "amount": amount, "source": "",
            }  # fmt: skip
            rows.append([values[name] for name, _header, _help in COLUMNS])
    return rows


def _code_rows(country: str):
    for code in codes(country).select_related("parent"):
        yield [
            str(code.get_kind_display()), code.code, code.name,
            str(code.get_direction_display()) if code.direction else "",
            code.parent.code if code.parent else "",
        ]  # fmt: skip


def response(kind: str, *, country: str, stage: str) -> HttpResponse:
    """The template to download: "xlsx" (with the codes' sheet) or "csv"."""
    rows = example_rows(country, stage)
    if kind == "csv":
        return exports.csv_response(headers(), rows, filename="budget-template.csv")
    code_header = [_("Classification"), _("Code"), _("Name of the code"), _("Direction"),
                   _("Part of the code")]  # fmt: skip
    book = exports.xlsx_book_bytes([
        (_("Budget"), headers(), rows),
        (_("Codes"), code_header, _code_rows(country)),
    ])  # fmt: skip
    answer = HttpResponse(book, content_type=exports.XLSX_TYPE)
    answer["Content-Disposition"] = 'attachment; filename="budget-template.xlsx"'
    return answer
