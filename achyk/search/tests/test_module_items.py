"""Search finds what the modules publish: plans and their actions, needs studies and events,
calls and contracts of the social order, answered public requests. Each in the language the
reader searches in, on its body's site and across the platform; never a draft, never another
body's item on a body's site, and no longer once it is withdrawn or deleted."""

import re

import pytest

from achyk.participation.tests import factories as participation
from achyk.plans.tests import factories as plans
from achyk.requests import services as requests_services
from achyk.requests.models import Status
from achyk.requests.tests import factories as requests
from achyk.search import services
from achyk.search.models import SearchEntry
from achyk.social_order.tests import factories as social
from achyk.social_order.tests.test_public import _decided_with_contract

pytestmark = pytest.mark.django_db


def seen(client, url: str, q: str) -> str:
    """The results page as read, without the marks around matched words."""
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def result_links(html: str) -> list[str]:
    return re.findall(r'<h2 class="h3"><a href="([^"]+)">', html)


def opens(client, html: str, text: str) -> None:
    """Every result on the page opens a public page, and one of them shows `text`."""
    pages = [client.get(link) for link in result_links(html)]
    assert pages and all(page.status_code == 200 for page in pages)
    assert any(text in page.content.decode() for page in pages)


def test_plan_and_its_action_are_found_in_kyrgyz_and_russian_and_open(client, body_a):
    plan = plans.plan(
        body_a, title_ky="Айылды өнүктүрүү программасы", title_ru="Программа развития села",
        summary_ru="Водоснабжение и дороги",
    )  # fmt: skip
    objective = plans.objective(plans.goal(plan))
    plans.action(
        objective, code="1.1.1", title_ky="Ичүүчү суу түтүгүн куруу",
        title_ru="Строительство водопровода", responsible="Курулуш бөлүмү",
    )  # fmt: skip

    ky = seen(client, "/burana/ky/search/", "программасы")
    assert "Айылды өнүктүрүү программасы 2025–2029" in ky
    assert f'href="/burana/ky/plans/{plan.pk}/"' in ky
    opens(client, ky, "Айылды өнүктүрүү программасы")
    ru = seen(client, "/burana/ru/search/", "программы развития")
    assert "Программа развития села 2025–2029" in ru and "Айылды" not in ru
    opens(client, ru, "Программа развития села")
    # The action, by a word of its title, and by the plan it belongs to.
    action_ky = seen(client, "/burana/ky/search/", "түтүк")
    assert "1.1.1 Ичүүчү суу түтүгүн куруу" in action_ky
    opens(client, action_ky, "Ичүүчү суу түтүгүн куруу")
    assert "1.1.1 Строительство водопровода" in seen(client, "/burana/ru/search/", "водопроводы")
    assert "1.1.1 Строительство водопровода" in seen(client, "/burana/ru/search/", "развития")
    # Across the platform too, with the body's address.
    everywhere = seen(client, "/ky/search/", "программасы")
    assert f'href="/burana/ky/plans/{plan.pk}/"' in everywhere


def test_draft_plan_and_another_body_s_plan_are_not_found_on_the_body_s_site(
    client, body_a, body_b
):
    draft = plans.plan(body_a, title_ky="Долбоордогу жайыт программасы", published=False)
    plans.action(plans.objective(plans.goal(draft)), title_ky="Жайыт көпүрөсү")
    plans.plan(body_b, title_ky="Көк-Жардын жайыт программасы")
    own = seen(client, "/burana/ky/search/", "жайыт")
    assert "Долбоордогу" not in own and "көпүрөсү" not in own and "Көк-Жардын" not in own
    everywhere = seen(client, "/ky/search/", "жайыт")
    assert "Көк-Жардын жайыт программасы" in everywhere and "Долбоордогу" not in everywhere
    assert "Көк-Жардын" in seen(client, "/kok-jar/ky/search/", "жайыт")


def test_withdrawn_plan_takes_its_actions_out_and_a_deleted_action_leaves(client, body_a):
    plan = plans.plan(body_a, title_ky="Мектеп программасы")
    objective = plans.objective(plans.goal(plan))
    first = plans.action(objective, code="1", title_ky="Мектептин чатыры")
    plans.action(objective, code="2", title_ky="Мектептин короосу")
    assert "Мектептин чатыры" in seen(client, "/burana/ky/search/", "мектеп")
    first.delete()
    html = seen(client, "/burana/ky/search/", "мектеп")
    assert "Мектептин чатыры" not in html and "Мектептин короосу" in html
    plan.is_published = False
    plan.save()
    html = seen(client, "/burana/ky/search/", "мектеп")
    assert "Мектеп программасы" not in html and "Мектептин короосу" not in html
    plan.is_published = True
    plan.save()
    assert "Мектептин короосу" in seen(client, "/burana/ky/search/", "мектеп")
    plan.delete()
    assert not SearchEntry.objects.filter(title__contains="Мектеп").exists()


def test_needs_study_is_found_by_its_priorities_and_leaves_when_unpublished(client, body_a):
    study = participation.study(
        body_a, title_ky="Муктаждыктарды изилдөө 2026", title_ru="Изучение нужд 2026"
    )
    participation.priority(study, title="Көпүрө оңдоо")
    ky = seen(client, "/burana/ky/search/", "көпүрө")
    assert "Муктаждыктарды изилдөө 2026" in ky
    opens(client, ky, "Муктаждыктарды изилдөө 2026")
    assert "Изучение нужд 2026" in seen(client, "/burana/ru/search/", "изучения")
    study.is_published = False
    study.save()
    assert "Муктаждыктарды" not in seen(client, "/burana/ky/search/", "көпүрө")


def test_event_is_found_by_its_agenda_and_never_as_a_draft(client, body_a, body_b):
    event = participation.event(
        body_a, title_ky="Элдик чогулуш", title_ru="Сход граждан",
        agenda_ru="Отчёт главы о бюджете",
    )  # fmt: skip
    participation.event(body_a, title_ru="Черновой сход", published=False, agenda_ru="отчёт")
    participation.event(body_b, title_ru="Сход в Кок-Жаре", agenda_ru="отчёт")
    ru = seen(client, "/burana/ru/search/", "отчёты")
    assert "Сход граждан" in ru
    assert "Черновой" not in ru and "Кок-Жаре" not in ru
    opens(client, ru, "Сход граждан")
    assert "Элдик чогулуш" in seen(client, "/burana/ky/search/", "чогулуш")
    event.delete()
    assert "Сход граждан" not in seen(client, "/burana/ru/search/", "отчёты")


def test_social_order_call_and_contract_are_found_once_public(client, body_a):
    draft = social.call(body_a, state="draft")
    draft.title_ru = "Черновой конкурс"
    draft.save()
    call, contract = _decided_with_contract(body_a)
    ru = seen(client, "/burana/ru/search/", "пожилым")
    assert "Услуги пожилым на дому" in ru and "Черновой" not in ru
    opens(client, ru, "Услуги пожилым на дому")
    # The contract by its organisation, headed as its page is.
    ky = seen(client, "/burana/ky/search/", "мээрим")
    assert f"Келишим № {contract.number}" in ky
    assert f'href="/burana/ky/social-order/contracts/{contract.pk}/"' in ky
    opens(client, ky, contract.number)
    contract.is_published = False
    contract.save()
    assert "Келишим" not in seen(client, "/burana/ky/search/", "мээрим")


def test_public_answered_request_is_found_and_leaves_when_taken_off(client, body_a, editor_a):
    request = requests.registered(body_a, by=editor_a)
    requests_services.publish(
        request=request, public_question="Жайыттын ижарасы канча?", is_public=True, by=editor_a
    )
    # Public but not answered yet: nothing to find.
    assert "Жайыттын ижарасы" not in seen(client, "/burana/ky/search/", "жайыт")
    requests_services.answer(
        request=request, status=Status.ANSWERED, text="Гектарына 500 сом.", by=editor_a
    )
    html = seen(client, "/burana/ky/search/", "жайыттын")
    assert f"{request.reference} суроо-талабы" in html
    opens(client, html, "Гектарына 500 сом.")
    assert "Жайыттын ижарасы" in seen(client, "/ky/search/", "ижара")
    # Its asker's name and e-mail are never indexed.
    assert "Асан" not in seen(client, "/burana/ky/search/", "асан")
    requests_services.publish(
        request=request, public_question="Жайыттын ижарасы канча?", is_public=False, by=editor_a
    )
    assert "Жайыттын ижарасы" not in seen(client, "/burana/ky/search/", "жайыт")


def test_rebuild_indexes_the_modules_items_again(body_a):
    plan = plans.plan(body_a, title_ky="Кайра куруу программасы")
    participation.event(body_a, title_ky="Жыйын")
    SearchEntry.objects.all().delete()
    services.rebuild()
    entries = SearchEntry.objects.filter(object_id=plan.pk, kind="plan")
    assert set(entries.values_list("language", flat=True)) == {"ky", "ru"}
    assert SearchEntry.objects.filter(kind="event", title="Жыйын").exists()
