"""Budget hearings: the announcement, the minutes, proposals with the decision on each."""

import re

import pytest
from django.core.exceptions import ValidationError

from achyk.bodies.tests import factories as body_factories
from achyk.budget.hearings.models import Decision, Hearing, Proposal
from achyk.budget.tests.factories_citizens import HOSTILE, hearing, proposal

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def test_residents_read_proposals_and_the_decision_on_each(client, body_a):
    item = hearing(body_a, minutes_ru="Присутствовали 45 жителей.", attendance=45)
    proposal(item, text="Отремонтировать дорогу к школе", decision=Decision.ACCEPTED)
    proposal(item, text="Построить стадион", decision=Decision.REJECTED,
             reason="Нет средств в 2027 году", author="Айгүл Өмүрова")  # fmt: skip
    proposal(item, text=f"Освещение улиц {HOSTILE}", decision=Decision.PARTLY,
             reason="Только центральная улица")  # fmt: skip
    response = client.get(f"/burana/ru/budget/hearings/{item.pk}/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Отремонтировать дорогу к школе" in text
    assert "Нет средств в 2027 году" in text and "Айгүл Өмүрова" in text
    assert "Присутствовали 45 жителей." in text
    assert "Актовый зал айыл окмоту" in text
    for decision in (Decision.ACCEPTED, Decision.REJECTED, Decision.PARTLY):
        assert f'class="decision-{decision}"' in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    listing = text_of(client.get("/burana/ky/budget/hearings/"))
    assert "Айыл өкмөтүнүн жыйындар залы" in listing and "Построить стадион" in listing


def test_unpublished_and_other_bodies_hearings_are_hidden(client, body_a, body_b):
    draft = hearing(body_a, published=False)
    theirs = hearing(body_b, place_ru="Зал Көк-Жар")
    assert client.get(f"/burana/ru/budget/hearings/{draft.pk}/").status_code == 404
    assert client.get(f"/burana/ru/budget/hearings/{theirs.pk}/").status_code == 404
    assert "Зал Көк-Жар" not in text_of(client.get("/burana/ru/budget/hearings/"))


def test_rejecting_a_proposal_needs_a_reason(body_a):
    item = hearing(body_a)
    with pytest.raises(ValidationError) as error:
        Proposal(hearing=item, text="Парк", decision=Decision.REJECTED).full_clean()
    assert "reason" in error.value.message_dict
    Proposal(hearing=item, text="Парк", decision=Decision.ACCEPTED).full_clean()


def _hearing_form(**overrides):
    data = {
        "year": "2027", "starts_at": "2026-07-15 10:00", "place_ky": "Клуб", "place_ru": "Клуб",
        "announcement_ky": "Чакырабыз", "announcement_ru": "Приглашаем", "is_published": "on",
        "proposals-TOTAL_FORMS": "1", "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0", "proposals-MAX_NUM_FORMS": "1000",
        "proposals-0-text": "Суу түтүгүн оңдоо", "proposals-0-author": "",
        "proposals-0-decision": "rejected", "proposals-0-reason": "",
        "proposals-0-ORDER": "1", "proposals-0-id": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_editor_announces_a_hearing_with_proposals_in_the_admin(client, body_a):
    client.force_login(body_factories.staff(body_a))
    refused = client.post("/admin/budget-hearings/new/", _hearing_form())
    assert refused.status_code == 200  # a rejection without a reason
    assert not Hearing.objects.exists()
    response = client.post(
        "/admin/budget-hearings/new/", _hearing_form(**{"proposals-0-reason": "Акча жок"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Hearing.objects.get()
    assert item.body == body_a and item.published_at is not None
    assert item.proposals.get().reason == "Акча жок"
    assert item.starts_at.utcoffset().total_seconds() == 0  # stored aware (UTC)
    assert client.get(f"/burana/ky/budget/hearings/{item.pk}/").status_code == 200


def test_editor_of_another_body_cannot_open_the_hearing(client, body_a, body_b):
    item = hearing(body_a)
    client.force_login(body_factories.staff(body_b))
    assert client.get(f"/admin/budget-hearings/edit/{item.pk}/").status_code == 404
