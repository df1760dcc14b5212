"""The demo gives each body requests a visitor finds in its register after `make run`."""

from achyk.demo import requests as demo
from achyk.requests.models import Request


def test_each_demo_body_gets_an_answered_a_late_and_a_running_request(client, body_a):
    demo.ensure(body=body_a)
    demo.ensure(body=body_a)  # again: nothing more
    requests = list(Request.objects.filter(body=body_a).order_by("pk"))
    assert [r.on_time for r in requests] == [True, False, None]
    page = client.get(body_a.public_url("ru", "requests_register")).content.decode()
    assert requests[0].reference in page and requests[2].reference not in page
