"""The budget import's template: downloaded from the import screen in the staff's language,
its columns are the importer's own (guessed without a change), its example rows use valid
codes, and the template filled in is imported as it is; the screen explains each column and
lists the valid codes."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from achyk.budget import selectors
from achyk.budget.imports import judging, template
from achyk.budget.models import Budget, Classification
from achyk.content.tests.test_page_editor import speak

from .test_import import mapping_post, token_of, upload

pytestmark = pytest.mark.django_db
URL = reverse("budget_admin_import")


def workbook(client, **query):
    response = client.get(URL, {"template": "xlsx", **query})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="budget-template.xlsx"'
    return load_workbook(io.BytesIO(response.content), read_only=True)


def rows_of(sheet) -> list[list]:
    rows = sheet.iter_rows(values_only=True)
    return [["" if cell is None else cell for cell in row] for row in rows]


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_templates_headers_are_the_importers_own(language):
    with translation.override(language):
        assert judging.guess_mapping(template.headers()) == {
            name: index for index, (name, _header, _help) in enumerate(template.COLUMNS)
        }


def test_the_template_is_in_the_staffs_language_with_the_codes_on_a_second_sheet(
    client, body_a, editor_a
):
    speak(client, editor_a, "ky")
    book = workbook(client)

    budget, codes = book.worksheets
    header, *examples = rows_of(budget)
    assert header[0] == "Экономикалык код" and header[6] == "Сумма"
    assert len(examples) == 4
    valid = set(Classification.objects.filter(country="KG").values_list("code", flat=True))
    assert all(str(row[0]) in valid for row in examples)
    listed = {str(row[1]) for row in rows_of(codes)[1:]}
    assert listed == valid


def test_the_template_filled_in_is_imported_as_it_is(client, body_a, editor_a):
    speak(client, editor_a, "ru")
    header, *examples = rows_of(workbook(client).worksheets[0])
    filled = io.StringIO()
    writer = csv.writer(filled)
    writer.writerow(header)
    writer.writerows(examples)
    writer.writerow(["2111", "7011", "Заработная плата <b>", "", "", "", "1 000 000,25", ""])

    token = token_of(upload(client, filled.getvalue().encode(), "бюджет.csv"))
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    assert page.context["verdict"].ok, page.context["verdict"].errors
    mapping_post(client, token, confirm="1")

    budget = Budget.objects.get(body=body_a, year=2026)
    expected_revenue = sum(Decimal(str(row[6])) for row in examples[:2])
    assert selectors.totals(budget)["approved"]["revenue"] == expected_revenue
    assert budget.lines.count() == 5


def test_the_csv_template_for_the_execution_has_a_quarter(client, body_a, editor_a):
    speak(client, editor_a, "ru")
    response = client.get(URL, {"template": "csv", "stage": "executed"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *examples = list(csv.reader(io.StringIO(text)))

    assert header[5] == "Квартал" and {row[5] for row in examples} == {"1"}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_import_screen_links_the_template_explains_columns_and_lists_codes(
    client, body_a, editor_a, language
):
    speak(client, editor_a, language)
    html = client.get(URL).content.decode()

    assert 'href="?template=xlsx"' in html and 'href="?template=csv"' in html
    with translation.override(language):
        for _name, header, help_text in template.COLUMNS:
            assert f"<strong>{header}</strong>" in html
            assert str(help_text)[:30] in html
        assert translation.gettext("The valid codes") in html
    assert "Download the template" not in html and "The valid codes" not in html
    assert "<td>1111</td>" in html
