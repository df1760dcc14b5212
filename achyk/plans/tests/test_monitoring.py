"""Members of the monitoring group on the public site: they sign in as for flags, assess
actions beside the body's own reports, file a report that readers see once the group
approves it; anyone else is refused, and bad input is answered with the form, never a 500."""

import re

import pytest

from achyk.plans.models import Status
from achyk.plans.monitoring import Assessment, MonitoringReport

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(body_a):
    plan = factories.full_plan(body_a, actions=2)
    return plan, plan.actions.first(), factories.jmeg_member(body_a)


def test_a_member_assesses_an_action_and_the_body_s_status_stays(client, setting):
    plan, action, member = setting
    client.force_login(member.user)
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    assert f'action="/burana/ru/plans/actions/{action.pk}/assess/"' in page
    response = client.post(
        f"/burana/ru/plans/actions/{action.pk}/assess/",
        {"status": "done", "rating": "4", "comment": "Түтүк тартылды", "evidence_url": ""},
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.author == member.user and assessment.body == plan.body
    action.refresh_from_db()
    assert action.status == Status.PLANNED
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    assert "Түтүк тартылды" in page and f'id="assessment-{assessment.pk}"' in page


@pytest.mark.parametrize(
    "data",
    [
        {"status": "done", "rating": "abc", "comment": "x"},
        {"status": "nonsense", "rating": "3", "comment": "x"},
        {"status": "done", "rating": "3", "comment": ""},
        {"status": "done", "rating": "9", "comment": "x", "evidence_url": "javascript:alert(1)"},
    ],
)
def test_bad_assessments_get_the_form_back(client, setting, data):
    _plan, action, member = setting
    client.force_login(member.user)
    response = client.post(f"/burana/ru/plans/actions/{action.pk}/assess/", data)
    assert response.status_code == 400
    assert 'class="errors"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_others_may_not_assess_or_file(client, setting, body_b, editor_a):
    _plan, action, _member = setting
    outsider = factories.jmeg_member(body_b, username="other_member", email="o@example.org")
    data = {"status": "done", "rating": "4", "comment": "x"}
    url = f"/burana/ru/plans/actions/{action.pk}/assess/"
    assert client.post(url, data).status_code == 403
    client.force_login(outsider.user)
    assert client.post(url, data).status_code == 403
    client.force_login(editor_a)
    assert client.post(url, data).status_code == 403
    assert client.post("/burana/ru/plans/monitoring/report/", {}).status_code == 403
    assert not Assessment.objects.exists()


def test_a_member_files_a_report_readers_see_it_once_approved(client, setting):
    plan, _action, member = setting
    client.force_login(member.user)
    page = client.get("/burana/ru/plans/monitoring/")
    assert page.status_code == 200
    response = client.post(
        "/burana/ru/plans/monitoring/report/",
        {
            "plan": plan.pk,
            "period": "2025",
            "checked": "Суу түтүгү",
            "findings": "Кечигүү",
            "recommendations": "Бүтүрүү\n\nОтчёт жарыялоо\n",
        },
    )
    report = MonitoringReport.objects.get()
    assert response["Location"] == f"/burana/ru/plans/reports/{report.pk}/"
    assert list(report.recommendations.values_list("text", flat=True)) == [
        "Бүтүрүү",
        "Отчёт жарыялоо",
    ]
    client.logout()
    assert client.get(f"/burana/ru/plans/reports/{report.pk}/").status_code == 404
    client.force_login(member.user)
    client.post(f"/burana/ru/plans/reports/{report.pk}/publish/")
    client.logout()
    public = client.get(f"/burana/ru/plans/reports/{report.pk}/").content.decode()
    assert "Кечигүү" in public and 'id="draft"' not in public


def test_a_report_form_with_another_body_s_plan_is_refused(client, setting, body_b):
    _plan, _action, member = setting
    theirs = factories.full_plan(body_b, actions=1)
    client.force_login(member.user)
    response = client.post(
        "/burana/ru/plans/monitoring/report/",
        {"plan": theirs.pk, "period": "2025", "checked": "a", "findings": "b"},
    )
    assert response.status_code == 400
    assert not MonitoringReport.objects.exists()


def test_the_members_page_sends_others_to_sign_in(client, body_a):
    response = client.get("/burana/ru/plans/monitoring/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_hostile_query_strings_and_posts_answer_no_server_error(client, setting):
    plan, action, member = setting
    client.raise_request_exception = False
    urls = [
        f"/burana/ru/plans/{plan.pk}/",
        f"/burana/ru/plans/actions/{action.pk}/",
        "/burana/ru/plans/",
        "/ru/plans/overview/",
        f"/burana/ru/plans/{plan.pk}/actions.csv",
    ]
    for url in urls:
        for query in ("?page=-1", "?q=%00%ff", "?x=<script>"):
            assert client.get(url + query).status_code < 500
    client.force_login(member.user)
    for data in ({"plan": "'; DROP"}, {"plan": "9" * 30}, {"report": "x", "rating": "1e9"}):
        assert client.post("/burana/ru/plans/monitoring/report/", data).status_code == 400
        assert client.post(f"/burana/ru/plans/actions/{action.pk}/assess/", data).status_code == 400
    assert re.search(r"<h1>", client.get("/ru/plans/overview/").content.decode())
