"""No address of requests and subscriptions answers a server error, whatever it is sent."""

from achyk.requests.models import Request
from achyk.ui.tests.hostile import server_errors

from . import factories

ODD = ["%00", "<script>", "a" * 3000, "..%2F..", "ё' OR 1=1 --", "-1", "99999999999999999999"]


def test_hostile_addresses_and_queries_answer_no_server_error(client, body_a, editor_a, smtp):
    request = factories.registered(body_a, by=editor_a)
    urls = []
    for prefix in ("/burana/ru", "/burana/ky", "/ru", "/kok-jar/ru"):
        urls += [f"{prefix}/requests/", f"{prefix}/requests/export.csv", f"{prefix}/requests/ask/",
                 f"{prefix}/requests/sent/", f"{prefix}/subscriptions/",
                 f"{prefix}/subscriptions/sent/"]  # fmt: skip
        for odd in ODD:
            urls += [f"{prefix}/requests/?page={odd}", f"{prefix}/requests/{odd}/",
                     f"{prefix}/requests/confirm/{odd}/", f"{prefix}/subscriptions/confirm/{odd}/",
                     f"{prefix}/subscriptions/leave/{odd}/",
                     f"{prefix}/requests/{request.reference}/files/{odd}/"]  # fmt: skip
    assert server_errors(client, urls) == []
    client.force_login(editor_a)
    admin = ["/admin/requests/", f"/admin/requests/edit/{request.pk}/", "/admin/requests/new/"]
    admin += [f"/admin/requests/?clock={odd}&status={odd}&q={odd}" for odd in ODD]
    assert server_errors(client, admin) == []


def test_hostile_posts_answer_no_server_error(client, body_a, editor_a, smtp):
    request = factories.registered(body_a, by=editor_a)
    posts = [
        ("/burana/ru/requests/ask/", {"name": "\x00", "email": "a@b.kg", "question": "x" * 6000,
                                      "format": "<script>", "show_name": "maybe"}),
        ("/burana/ru/subscriptions/", {"email": "a@b.kg", "topics": ["nope"], "frequency": "-1"}),
        ("/burana/ru/subscriptions/leave/nope/", {}),
    ]  # fmt: skip
    for url, data in posts:
        assert client.post(url, data).status_code < 500, url
    client.force_login(editor_a)
    for data in (
        {"action": "extend", "days": "99999999999999", "text": "x"},
        {"action": "forward", "forward_to": "<script>", "text": "x"},
        {"action": "nonsense", "assignee": "abc"},
        {"action": "answered", "text": "x" * 30000},
    ):
        url = f"/admin/requests/edit/{request.pk}/"
        assert client.post(url, {"public_question": "", **data}).status_code < 500, data
    assert Request.objects.get(pk=request.pk).status == "received"
