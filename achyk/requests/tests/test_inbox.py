"""The staff's inbox in the admin: the clock, the steps, paper requests, and the seal (a body
sees only its requests; a forwarded one moves with its log; supervisors see none)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.requests.models import Request, Status

from . import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def handle(client, request, **data):
    values = {"public_question": request.public_question, "action": "", **data}
    if request.is_public:
        values.setdefault("is_public", "on")
    return client.post(f"/admin/requests/edit/{request.pk}/", values)


@pytest.fixture
def open_requests(body_a, body_b, editor_a):
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=40)
    return {
        "overdue": factories.registered(body_a, by=editor_a, received_on=long_ago),
        "fresh": factories.registered(body_a, by=editor_a, received_on=today),
        "other": factories.registered(body_b, received_on=today),
    }  # fmt: skip


class TestInbox:
    def test_the_inbox_shows_the_body_s_requests_with_their_clock(
        self, client, editor_a, open_requests, django_assert_max_num_queries
    ):
        client.force_login(editor_a)
        with django_assert_max_num_queries(40):
            page = client.get("/admin/requests/").content.decode()
        assert open_requests["overdue"].reference in page
        assert open_requests["fresh"].reference in page
        assert open_requests["other"].reference not in page
        overdue = client.get("/admin/requests/?clock=overdue").content.decode()
        assert open_requests["overdue"].reference in overdue
        assert open_requests["fresh"].reference not in overdue

    def test_another_body_s_request_is_a_404(self, client, editor_b, open_requests):
        client.force_login(editor_b)
        mine = open_requests["fresh"]
        assert client.get(f"/admin/requests/edit/{mine.pk}/").status_code == 404
        assert handle(client, mine, action="answered", text="x").status_code == 404
        mine.refresh_from_db()
        assert mine.status == Status.RECEIVED

    def test_supervisors_are_refused_the_personal_data(self, client, open_requests):
        user = get_user_model().objects.create_user("sup", password="x")
        user.groups.add(Group.objects.get_or_create(name=SUPERVISORS_GROUP)[0])
        client.force_login(user)
        assert client.get("/admin/requests/").status_code == 403
        assert client.get(f"/admin/requests/edit/{open_requests['fresh'].pk}/").status_code == 403

    def test_staff_register_a_paper_request(self, client, editor_a, smtp):
        client.force_login(editor_a)
        response = client.post("/admin/requests/new/", {
            "channel": "paper", "received_on": timezone.localdate().isoformat(), "language": "ru",
            "kind": "information",
            "name": "Айгүл", "email": "aigul@example.kg", "question": "Сколько стоит ремонт?",
            "format": "paper",
        })  # fmt: skip
        assert response.status_code == 302
        request = Request.objects.get(name="Айгүл")
        assert request.reference.startswith("BURANA-") and request.channel == "paper"
        assert request.events.get().by == editor_a
        assert request.reference in smtp.texts("aigul@example.kg")[0]

    def test_a_future_day_of_receipt_is_refused(self, client, editor_a):
        client.force_login(editor_a)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = client.post("/admin/requests/new/", {
            "channel": "oral", "received_on": tomorrow.isoformat(), "language": "ky",
            "kind": "information",
            "name": "Айгүл", "question": "?", "format": "pickup",
        })  # fmt: skip
        assert response.status_code == 200 and not Request.objects.filter(name="Айгүл").exists()


class TestSteps:
    def test_an_answer_with_a_file_closes_it_and_the_requester_is_told(
        self, client, editor_a, open_requests, smtp
    ):
        client.force_login(editor_a)
        request = open_requests["fresh"]
        upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
        response = client.post(f"/admin/requests/edit/{request.pk}/", {
            "action": "answered", "text": "Бюджет 2026: 12 млн сом", "file_1": upload,
            "public_question": "Какой бюджет на 2026 год?", "is_public": "on",
        })  # fmt: skip
        assert response.status_code == 302
        request.refresh_from_db()
        assert (request.status, request.is_public, request.on_time) == ("answered", True, True)
        assert request.files.get().title == "budget.pdf"
        assert [e.kind for e in request.events.all()][-2:] == ["published", "answered"]
        assert "12 млн сом" in smtp.texts("asan@example.kg")[-1]

    def test_a_disguised_file_is_refused_and_nothing_is_lost(self, client, editor_a, open_requests):
        client.force_login(editor_a)
        request = open_requests["fresh"]
        fake = SimpleUploadedFile(
            "answer.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        )
        response = client.post(f"/admin/requests/edit/{request.pk}/", {
            "action": "answered", "text": "Ответ", "file_1": fake, "public_question": "",
        })  # fmt: skip
        assert response.status_code == 200
        assert "Ответ" in response.content.decode()
        request.refresh_from_db()
        assert request.status == Status.RECEIVED and not request.files.exists()

    def test_an_extension_beyond_the_law_answers_with_the_form_again(
        self, client, editor_a, open_requests
    ):
        client.force_login(editor_a)
        request = open_requests["fresh"]
        response = handle(client, request, action="extend", days="11", text="Много данных")
        assert response.status_code == 200
        request.refresh_from_db()
        assert request.extended_days == 0

    def test_a_step_without_its_text_is_refused(self, client, editor_a, open_requests):
        client.force_login(editor_a)
        response = handle(client, open_requests["fresh"], action="refused", text=" ")
        assert response.status_code == 200
        assert open_requests["fresh"].events.count() == 1

    def test_forwarding_hands_it_over_with_its_log(
        self, client, editor_a, editor_b, body_b, open_requests
    ):
        client.force_login(editor_a)
        request = open_requests["fresh"]
        response = handle(
            client, request, action="forward", forward_to=body_b.slug, text="Не у нас"
        )
        assert response.status_code == 302 and response["Location"] == "/admin/requests/"
        assert client.get(f"/admin/requests/edit/{request.pk}/").status_code == 404
        client.force_login(editor_b)
        page = client.get(f"/admin/requests/edit/{request.pk}/").content.decode()
        assert "Не у нас" in page and request.reference in page

    def test_assigning_offers_only_the_body_s_staff(
        self, client, editor_a, editor_b, open_requests
    ):
        client.force_login(editor_a)
        request = open_requests["fresh"]
        response = handle(client, request, assignee=str(editor_b.pk))
        assert response.status_code == 200
        request.refresh_from_db()
        assert request.assigned_to is None
        assert handle(client, request, assignee=str(editor_a.pk)).status_code == 302
        request.refresh_from_db()
        assert request.assigned_to == editor_a
