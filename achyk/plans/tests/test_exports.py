"""Downloads of a plan parse back into the same figures, in CSV, XLSX and JSON."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from . import factories

pytestmark = pytest.mark.django_db


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_actions_export_parses_back_in_every_format(client, body_a):
    plan = factories.full_plan(body_a, actions=2)
    base = f"/burana/ru/plans/{plan.pk}/actions"
    rows = list(
        csv.DictReader(io.StringIO(_content(client.get(f"{base}.csv")).decode("utf-8-sig")))
    )
    assert [row["code"] for row in rows] == ["1.1.1", "1.1.2"]
    assert Decimal(rows[0]["local_planned"]) == Decimal("1000.50")
    assert Decimal(rows[0]["community_planned"]) == Decimal("250")
    data = json.loads(_content(client.get(f"{base}.json")))
    assert data["period"] == "2025–2029"
    assert [row["code"] for row in data["rows"]] == ["1.1.1", "1.1.2"]
    assert Decimal(data["rows"][0]["local_actual"]) == Decimal("900")
    sheet = load_workbook(
        io.BytesIO(_content(client.get(base.replace("/ru/", "/ky/") + ".xlsx")))
    ).worksheets[0]
    table = list(sheet.values)
    assert table[0][0] == "code" and table[1][0] == "1.1.1"
    assert "<script>" in table[1][2]  # hostile text stays text


def test_indicators_and_monitoring_export_and_unknown_tables_are_404(client, body_a):
    plan = factories.full_plan(body_a, actions=1)
    text = _content(client.get(f"/burana/ru/plans/{plan.pk}/indicators.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(row["kind"], row["value"]) for row in rows} == {
        ("target", "50.00"),
        ("actual", "47.00"),
    }
    assert client.get(f"/burana/ru/plans/{plan.pk}/monitoring.json").status_code == 200
    assert client.get(f"/burana/ru/plans/{plan.pk}/secrets.csv").status_code == 404
    assert client.get(f"/burana/ru/plans/{plan.pk}/actions.pdf").status_code == 404
