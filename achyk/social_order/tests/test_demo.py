"""The demo's social order: Burana's decided 2026 call with three scored applications, a
contract whose tranches are paid, waiting on a report and planned, a returned report and a
monitoring report; a closed 2025 call on Ak-Tal. A resident reaches it from the body's home."""

import pytest

from achyk.bodies.tests import factories as bodies
from achyk.demo import social_order as demo
from achyk.social_order import selectors
from achyk.social_order.models import Call, Contract, MonitoringReport, Report

pytestmark = pytest.mark.django_db


def test_demo_social_order_of_burana_and_ak_tal(client, body_a):
    ak_tal = bodies.body(slug="ak-tal", name="Ак-Тал")
    demo.ensure(password="demo-Бурана-2026")
    demo.ensure(password="demo-Бурана-2026")  # a second run adds nothing
    call = Call.objects.get(body=body_a)
    assert call.state == "decided" and call.applications.count() == 3
    rows = selectors.results(call)
    assert [r.rank for r in rows] == [1, 2, 3] and rows[0].application.is_winner
    assert len(rows[2].conflicted) == 1
    contract = Contract.objects.get(body=body_a)
    assert [t.state for t in contract.tranches.order_by("number")] == [
        "paid",
        "submitted",
        "planned",
    ]
    assert Report.objects.filter(tranche__contract=contract, state="returned").count() == 1
    assert MonitoringReport.objects.filter(contract=contract, is_published=True).exists()
    closed = Call.objects.get(body=ak_tal)
    assert closed.state == "closed" and closed.applications.count() == 2
    home = client.get(body_a.public_url("ky")).content.decode()
    register = body_a.public_url("ky", "social_order_index")
    assert f'href="{register}"' in home
    page = client.get(register).content.decode()
    assert "МСТ-2026/1" in page and "200\u00a0000" in page  # the amount as the language writes it
