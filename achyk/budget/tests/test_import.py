"""The import of a stage from CSV and XLSX: mapping, every bad row with its reason, all or
nothing, re-import replacing the stage, and the history."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from achyk.budget import selectors
from achyk.budget.imports import judging
from achyk.budget.imports import sheets as reading
from achyk.budget.models import Budget, ImportRecord, Line

from .factories import small_budget
from .sheets import HEADERS_RU, csv_bytes, xlsx

pytestmark = pytest.mark.django_db

GOOD = [
    ["1111", "", "Подоходный налог", "", "1 250 000,50"],
    ["1132", "", "Земельный налог", "", 300000],
    ["1311", "", "Выравнивающий грант", "", "2000000.00"],
    ["", "", "Итого доходов", "", "3550000.50"],
    ["2111", "7011", "Заработная плата аппарата", "", 1500000.25],
    ["3111", "7092", "Ремонт школы <script>ң</script>", "", "2050000.25"],
    ["", "", "Итого расходов", "", "3550000.50"],
]


def upload(client, data, name, *, year=2026, stage="approved"):
    response = client.post(
        reverse("budget_admin_import"),
        {"year": year, "stage": stage, "file": SimpleUploadedFile(name, data)},
    )
    return response


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def mapping_post(client, token, **extra):
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    form = page.context["form"]
    data = {name: form.initial.get(name, "") for name in judging.FIELDS}
    data.update(extra)
    return client.post(reverse("budget_admin_preview", kwargs={"token": token}), data)


def test_headers_in_russian_kyrgyz_and_english_are_recognised():
    assert judging.guess_mapping(HEADERS_RU) == {
        "economic": 0, "functional": 1, "amount": 4, "quarter": 3, "direction": None,
        "kind": None, "description": 2, "source": None,
    }  # fmt: skip
    ky = ["Экономикалык код", "Функционалдык код", "Аталышы", "Чейрек", "Суммасы"]
    assert judging.guess_mapping(ky)["quarter"] == 3
    en = ["Code", "Amount", "Description"]
    assert judging.guess_mapping(en)["economic"] == 0


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("1 250 000,50", "1250000.50"), ("1,250,000.50", "1250000.50"), (1250000.5, "1250000.50"),
     (0.1 + 0.2, "0.30"), ("1.250.000,50", "1250000.50"), (12, "12.00")],
)  # fmt: skip
def test_amounts_are_read_exactly(cell, amount):
    assert judging.parse_amount(cell) == Decimal(amount)


@pytest.mark.parametrize("cell", ["много", "12,345,6", "1.005", "-5", "1e5", ""])
def test_bad_amounts_are_refused(cell):
    with pytest.raises(judging.RowRefused):
        judging.parse_amount(cell)


def test_good_xlsx_is_previewed_then_saved_all_at_once(client, body_a, editor_a):
    client.force_login(editor_a)
    token = token_of(upload(client, xlsx(GOOD), "бюджет-2026.xlsx"))
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    verdict = page.context["verdict"]
    assert verdict.ok and len(verdict.lines) == 5 and verdict.totals_checked == 2
    assert verdict.totals == {
        "revenue": Decimal("3550000.50"),
        "expenditure": Decimal("3550000.50"),
    }
    assert not Line.objects.exists()  # the preview saves nothing
    response = mapping_post(client, token, confirm="1")
    budget = Budget.objects.get(body=body_a, year=2026)
    assert response["Location"] == reverse("budget_admin_detail", kwargs={"pk": budget.pk})
    assert selectors.totals(budget)["approved"] == {
        "revenue": Decimal("3550000.50"),
        "expenditure": Decimal("3550000.50"),
    }
    record = ImportRecord.objects.get()
    assert (record.user, record.file_name, record.rows, record.replaced) == (
        editor_a,
        "бюджет-2026.xlsx",
        5,
        0,
    )
    detail = client.get(response["Location"])
    assert "бюджет-2026.xlsx" in detail.content.decode()


def test_every_bad_row_is_shown_with_its_reason_and_nothing_is_saved(client, body_a, editor_a):
    rows = GOOD[:3] + [
        ["9999", "", "Неизвестный", "", "10"],
        ["1131", "", "Налог на имущество", "", "сто тысяч"],
        ["2111", "7999", "Зарплата", "", "5"],
        ["", "", "Итого доходов", "", "100"],
    ]
    client.force_login(editor_a)
    token = token_of(upload(client, xlsx(rows), "bad.xlsx"))
    response = mapping_post(client, token, confirm="1")
    assert response.status_code == 200
    errors = {error.line: error.message for error in response.context["verdict"].errors}
    assert set(errors) == {7, 8, 9, 10}  # rows of the sheet, under a title and a blank row
    html = response.content.decode()
    assert "9999" in errors[7] and "сто тысяч" in errors[8] and "7999" in errors[9]
    assert "3550000.50" in errors[10] and "100" in errors[10]
    assert "сто тысяч" in html
    assert not Line.objects.exists() and not ImportRecord.objects.exists()
    # The file is still there: the same token can be checked again.
    assert client.get(reverse("budget_admin_preview", kwargs={"token": token})).status_code == 200


def test_the_bad_row_messages_are_translated(client, body_a, editor_a):
    client.force_login(editor_a)
    token = token_of(upload(client, xlsx([["9999", "", "x", "", "1"]]), "bad.xlsx"))
    from django.utils import translation

    with translation.override("ru"):
        message = str(judging.RowRefused(judging._("Unknown economic code %(code)s.")))
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    assert page.context["verdict"].errors[0].message
    assert message  # the msgid exists; the catalogues carry its translations


def test_cp1251_semicolon_csv_with_quarters_replaces_execution(client, body_a, editor_a):
    small_budget(body_a)
    rows = [["1111", "", "Подоходный", "1", "100,10"], ["1111", "", "Подоходный", "II", "200"],
            ["2111", "7011", "Зарплата", "3-квартал", "50"]]  # fmt: skip
    client.force_login(editor_a)
    token = token_of(upload(client, csv_bytes(rows), "исполнение.csv", stage="executed"))
    mapping_post(client, token, confirm="1")
    budget = Budget.objects.get(body=body_a, year=2026)
    assert [
        row.executed for row in selectors.execution_by_quarter(budget, direction="revenue")
    ] == [Decimal("100.10"), Decimal("200.00"), Decimal("0.00"), Decimal("0.00")]
    record = budget.imports.first()
    assert record.replaced == 4 and record.rows == 3
    assert sorted(budget.stages.filter(stage="executed").values_list("quarter", flat=True)) == [
        1,
        2,
        3,
    ]
    assert selectors.totals(budget)["approved"]["revenue"] == Decimal("4250000.30")


def test_execution_rows_without_a_quarter_are_refused(client, body_a, editor_a):
    client.force_login(editor_a)
    token = token_of(upload(client, csv_bytes([["1111", "", "x", "", "1"]]), "q.csv",
                            stage="executed"))  # fmt: skip
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    assert "1, 2, 3" in page.context["verdict"].errors[0].message


def test_staff_choose_another_column_for_the_amount(client, body_a, editor_a):
    headers = ["Код", "План", "Примечание"]
    client.force_login(editor_a)
    token = token_of(upload(client, csv_bytes([["1111", "10", "x"]], headers=headers), "p.csv"))
    first = client.get(reverse("budget_admin_preview", kwargs={"token": token}))
    assert first.context["verdict"].problems  # no column says "amount"
    response = mapping_post(client, token, amount="1", confirm="1")
    assert response.status_code == 302
    assert Line.objects.get().amount == Decimal("10.00")


@pytest.mark.parametrize(
    ("name", "data"),
    [("budget.csv", b"<html><script>alert(1)</script></html>"),
     ("budget.xlsx", b"1111;10\n"), ("budget.pdf", b"%PDF-1.4\n")],
)  # fmt: skip
def test_uploads_are_checked_by_content(client, body_a, editor_a, name, data):
    client.force_login(editor_a)
    response = upload(client, data, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_an_xlsx_with_macros_is_refused(client, body_a, editor_a):
    good = xlsx(GOOD)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    client.force_login(editor_a)
    response = upload(client, out.getvalue(), "macro.xlsx")
    assert response.context["form"].errors["file"]


def test_another_user_cannot_open_a_staged_import(client, body_a, editor_a, editor_b):
    client.force_login(editor_a)
    token = token_of(upload(client, xlsx(GOOD), "b.xlsx"))
    client.force_login(editor_b)
    assert client.get(reverse("budget_admin_preview", kwargs={"token": token})).status_code == 404
    assert client.post(reverse("budget_admin_preview", kwargs={"token": token}),
                       {"confirm": "1"}).status_code == 404  # fmt: skip
    assert not Line.objects.exists()


def test_another_body_s_budget_page_is_a_404(client, body_a, editor_b):
    budget = small_budget(body_a)
    client.force_login(editor_b)
    assert client.get(reverse("budget_admin_detail", kwargs={"pk": budget.pk})).status_code == 404
    listing = client.get(reverse("budget_admin_index")).content.decode()
    assert not re.search(rf"budget/{budget.pk}/", listing)


def test_approval_links_an_act_of_the_body(client, body_a, admin_a):
    from achyk.documents.tests.factories import act

    budget = small_budget(body_a)
    resolution = act(body_a, number="12", adopted_on="2025-12-20")
    client.force_login(admin_a)
    client.post(reverse("budget_admin_detail", kwargs={"pk": budget.pk}), {"act": resolution.pk})
    budget.refresh_from_db()
    assert budget.approved_by == resolution and str(budget.approved_on) == "2025-12-20"


def test_a_sheet_with_no_header_is_refused():
    with pytest.raises(reading.SheetError):
        reading.read_table(b"1111\n", "csv")


def _judge(rows, stage="approved"):
    table = reading.read_table(csv_bytes(rows), "csv")
    mapping = judging.guess_mapping(table.headers)
    return judging.judge(table, mapping=mapping, stage=stage, country="KG")


def test_rows_of_parent_codes_are_subtotals_not_counted_twice(db):
    verdict = _judge([
        ["1", "", "Доходы", "", "1357,50"],
        ["11", "", "Налоги", "", "350,50"],
        ["1111", "", "Подоходный налог", "", "100,50"],
        ["1132", "", "Земельный налог", "", "250"],
        ["13", "", "Трансферты", "", "1000"],
        ["1311", "", "Выравнивающий грант", "", "1000"],
        ["1421", "", "Плата за услуги", "", "7"],
        ["", "", "Итого доходов", "", "1357,50"],
    ])  # fmt: skip
    assert not verdict.errors, verdict.errors
    assert len(verdict.lines) == 4  # 1111, 1132, 1311 and 1421; 1, 11 and 13 were subtotals
    assert verdict.totals == {"revenue": Decimal("1357.50")}
    assert verdict.totals_checked == 4


def test_a_subtotal_that_does_not_add_up_is_refused(db):
    verdict = _judge([
        ["11", "", "Налоги", "", "999"],
        ["1111", "", "Подоходный налог", "", "100"],
        ["1132", "", "Земельный налог", "", "250"],
    ])  # fmt: skip
    [error] = verdict.errors
    assert error.line == 2 and "999" in error.message and "350" in error.message


def test_a_parent_code_alone_is_a_line(db):
    verdict = _judge([["22", "7011", "Товары и услуги", "", "500"],
                      ["", "", "Итого расходов", "", "500"]])  # fmt: skip
    assert not verdict.errors and len(verdict.lines) == 1


def test_budget_page_lists_imports_that_name_no_one(client, body_a, editor_a):
    """The demo's budgets were imported by no one, and an account may be removed since."""
    budget = small_budget(body_a)
    ImportRecord.objects.create(
        body=body_a, budget=budget, stage="approved", user=None, file_name="demo-2026.xlsx",
        rows=3, replaced=0, revenue="3.00", expenditure="0.00",
    )  # fmt: skip
    client.force_login(editor_a)
    response = client.get(reverse("budget_admin_detail", kwargs={"pk": budget.pk}))
    assert response.status_code == 200
    assert "demo-2026.xlsx" in response.content.decode()


def test_an_xlsx_damaged_below_its_first_rows_is_refused_with_a_message(client, body_a, editor_a):
    """The sheet is read as its rows are judged: damage far below the header is found then,
    and the clerk gets the message, not a server error."""
    good = xlsx(GOOD * 60)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) * 2 // 3]
            target.writestr(item, content)
    client.force_login(editor_a)
    response = upload(client, out.getvalue(), "damaged.xlsx")
    page = client.get(reverse("budget_admin_preview", kwargs={"token": token_of(response)}))
    assert page.status_code == 200
    assert "XLSX файлын ачуу мүмкүн эмес" in page.content.decode()
    assert not Line.objects.exists()
