"""The demo's plans: Kok-Jar's two programmes, Ak-Tal's and Burana's joint action plan, each
whole (working group, 10+ actions with costs, indicators, updates, an answered report), and a
resident reaches Kok-Jar's programme from its home page."""

import re

import pytest
from django.core.management import call_command

from achyk.demo import texts
from achyk.plans.models import Action, CostLine, Plan
from achyk.plans.monitoring import (
    EvidencePhoto,
    IndicatorValue,
    ProgressUpdate,
    Recommendation,
)

PASSWORD = "demo-Бурана-ңөү-42"


@pytest.mark.django_db
def test_the_demo_plans_are_whole_and_reached_from_the_home_page(
    client, settings, tmp_path, monkeypatch, django_assert_max_num_queries
):
    settings.VAR_DIR = tmp_path / "var"
    wanted = [spec for spec in texts.BODIES if spec["slug"] in {"burana", "kok-jar", "ak-tal"}]
    monkeypatch.setattr(texts, "BODIES", wanted)
    call_command("load_demo", password=PASSWORD)
    kinds = {(p.body.slug, p.kind, p.start_year, p.state) for p in Plan.objects.all()}
    assert kinds == {
        ("kok-jar", "sedp", 2020, "completed"),
        ("kok-jar", "sedp", 2025, "in_force"),
        ("ak-tal", "sedp", 2024, "in_force"),
        ("burana", "jap", 2025, "in_force"),
    }
    for plan in Plan.objects.all():
        assert plan.members.count() >= 8 and plan.approved_by_id and plan.group_act_id
        assert Action.objects.filter(plan=plan).count() >= 10
        assert CostLine.objects.filter(action__plan=plan).count() >= 10
        assert IndicatorValue.objects.filter(indicator__plan=plan, kind="actual").exists()
        assert ProgressUpdate.objects.filter(action__plan=plan).exists()
        assert Recommendation.objects.filter(report__plan=plan).exclude(answer="").exists()
    home = client.get("/kok-jar/ky/").content.decode()
    assert 'href="/kok-jar/ky/plans/"' in home
    index = client.get("/kok-jar/ky/plans/").content.decode()
    programme = Plan.objects.get(body__slug="kok-jar", start_year=2025)
    assert f'href="/kok-jar/ky/plans/{programme.pk}/"' in index
    page = client.get(f"/kok-jar/ky/plans/{programme.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert programme.approved_by.number in html
    assert re.search(r'id="disagreements"', html)
    assert 'id="budget-lines"' in html  # local-budget actions name their budget line
    funded = Action.objects.filter(plan=programme).exclude(budget_line="").first()
    action_page = client.get(f"/kok-jar/ru/plans/actions/{funded.pk}/").content.decode()
    assert 'id="budget-line"' in action_page and "/kok-jar/ru/budget/" in action_page
    photo = EvidencePhoto.objects.filter(assessment__action__plan=programme).first()
    shown = client.get(f"/kok-jar/ru/plans/actions/{photo.assessment.action_id}/")
    assert f'src="{photo.small.url}" alt="{photo.alt}"' in shown.content.decode()
    for plan in Plan.objects.all():
        for table in ("actions", "indicators", "monitoring"):
            url = f"/{plan.body.slug}/ru/plans/{plan.pk}/{table}.json"
            assert client.get(url).status_code == 200
