"""Open budget data: CSV and JSON per body-year, the Fiscal Data Package validated with
frictionless, and the platform-wide export."""

import csv
import io
import json
from decimal import Decimal

import pytest
from frictionless import Package, validate

from achyk.budget import selectors
from achyk.budget.models import Budget

from .factories import HOSTILE, line, small_budget

pytestmark = pytest.mark.django_db


def content(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_body_year_as_csv_with_exact_amounts(client, body_a, body_b):
    small_budget(body_a)
    small_budget(body_b)
    response = client.get("/burana/ky/budget/2026/data.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = content(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {row["body"] for row in rows} == {"burana"}
    assert len(rows) == Budget.objects.get(body=body_a).lines.count()
    approved = [r for r in rows if r["stage"] == "approved" and r["direction"] == "revenue"]
    assert sum(Decimal(r["amount"]) for r in approved) == Decimal("4250000.30")
    school = next(r for r in rows if r["description"] == HOSTILE)
    assert school["functional_code"] == "7092" and school["functional_name_ky"]
    executed = [r for r in rows if r["stage"] == "executed"]
    assert {r["quarter"] for r in executed} == {"1", "2"}


def test_formula_text_is_quoted_in_csv(client, body_a):
    from achyk.budget.services import replace_stage

    replace_stage(body=body_a, year=2026, stage="approved", by=None,
                  lines=[line("1111", "5.00", description="=HYPERLINK(\"x\")")])  # fmt: skip
    text = content(client.get("/burana/ky/budget/2026/data.csv"))
    assert "'=HYPERLINK" in text


def test_body_year_as_json_keeps_decimals_as_text(client, body_a):
    small_budget(body_a)
    data = json.loads(content(client.get("/burana/ru/budget/2026/data.json")))
    assert data["body"] == "burana" and data["currency"] == "KGS"
    amounts = [line["amount"] for line in data["lines"] if line["stage"] == "draft"]
    assert all(isinstance(amount, str) for amount in amounts)
    assert sum(map(Decimal, amounts)) == Decimal("7950000.45")


def test_unknown_year_other_address_and_platform_site_are_404(client, body_a):
    small_budget(body_a)
    assert client.get("/burana/ky/budget/2019/data.csv").status_code == 404
    assert client.get("/kok-jar/ky/budget/2026/data.csv").status_code == 404
    assert client.get("/ky/budget/2026/data.csv").status_code == 404


def test_fiscal_data_package_validates_with_frictionless(client, body_a, tmp_path):
    small_budget(body_a)
    descriptor = json.loads(client.get("/burana/ky/budget/2026/datapackage.json").content)
    resource = content(client.get("/burana/ky/budget/2026/budget.csv"))
    assert descriptor["resources"][0]["path"] == "budget.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "budget.csv").write_text(resource, encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note", "rowNumber", "fieldName"])
    package = Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("budget").read_rows()
    approved = sum(r["approved"] for r in rows if r["direction"] == "expenditure" and r["approved"])
    assert approved == Decimal("4200000.15")
    executed_q2 = sum(r["executed_q2"] or 0 for r in rows if r["direction"] == "revenue")
    assert executed_q2 == Decimal("300000.05")
    model = descriptor["model"]
    assert model["measures"]["adjusted"]["phase"] == "adjusted"
    assert model["measures"]["approved"]["currency"] == "KGS"
    assert model["dimensions"]["functional"]["classificationType"] == "functional"


def test_platform_export_streams_every_active_body_of_a_year(client, body_a, body_b):
    small_budget(body_a)
    small_budget(body_b)
    small_budget(body_b, year=2025)
    body_b.is_active = False
    body_b.save()
    response = client.get("/ky/budget/export/2026.csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(content(response).lstrip("\ufeff"))))
    assert {row["body"] for row in rows} == {"burana"}
    body_b.is_active = True
    body_b.save()
    rows = list(csv.DictReader(io.StringIO(content(client.get("/ru/budget/export/2026.csv"))
                                           .lstrip("\ufeff"))))  # fmt: skip
    assert {row["body"] for row in rows} == {"burana", "kok-jar"}
    assert {row["year"] for row in rows} == {"2026"}
    assert rows[0]["body_name_ky"]


def test_export_rows_are_read_in_a_bounded_number_of_queries(body_a, django_assert_num_queries):
    small_budget(body_a)
    with django_assert_num_queries(1):
        list(selectors.platform_export_rows(year=2026))
