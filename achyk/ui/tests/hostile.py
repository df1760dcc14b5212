"""What a test of hostile input reads: which addresses answered with a server error."""

import contextlib

from django.template import Template
from django.test.utils import _TestState


@contextlib.contextmanager
def plain_rendering():
    """Templates render as they do outside tests: the test client's instrumented render keeps
    a copy of every template context of every answer (`response.context`), which a walk over
    hundreds of addresses that reads only statuses and HTML never reads, and which costs it a
    tenth of its time. Not for a test that reads `response.context`."""
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


def server_errors(client, urls, *, each=None) -> list:
    """(address, status or error) of each of `urls` that answered 500 or more, raised an
    error (a client that raises request exceptions), or whose streamed body failed while it
    was read; [] when none did. `each(url, response)`, if given, also looks at every answer
    that is not streamed, so one pass over the addresses can check more than the status."""
    failures = []
    with plain_rendering():
        for url in urls:
            _answer(client, url, failures, each)
    return failures


def _answer(client, url, failures, each) -> None:
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 - any error is the failure we look for
        failures.append((url[:120], repr(error)[:120]))
        return
    status = response.status_code
    if response.streaming and status < 500:
        try:  # a streamed export fails while it is read, not when it is answered
            b"".join(response.streaming_content)
        except Exception as error:  # noqa: BLE001 - any error is the failure we look for
            status = repr(error)[:120]
    if not isinstance(status, int) or status >= 500:
        failures.append((url[:120], status))
    elif each is not None and not response.streaming:
        each(url, response)
