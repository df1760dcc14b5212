"""Public pages of requests for information, on a body's site and the platform's:

- `requests/`: the public register (a body's, or every body's on the platform's own site),
  with the answer-time figures;
- `requests/ask/`: the request form; `requests/sent/`: "check your e-mail";
- `requests/confirm/<token>/`: the link in the letter registers the request and shows its
  reference number and due date (a link used twice, expired or unknown says so);
- `requests/<reference>/` and its files: one request of the register.

Never kept by the page cache (its URL names are not cacheable): a new answer shows at once.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from achyk.ui.exports import csv_response
from achyk.ui.paginators import CappedPaginator

from . import selectors, services
from .forms import RequestForm
from .models import Request


def _body(request):
    return getattr(request, "site_body", None)


def _site_body(request):
    body = _body(request)
    if body is None:
        raise Http404
    return body


def register(request):
    """The register of public requests with their status, dates and answers."""
    body = _body(request)
    rows = selectors.register(body).order_by("-received_at", "-pk")
    paginator = CappedPaginator(rows, 20, cap=2000)
    page = paginator.get_page(request.GET.get("page"))
    context = {"body": body, "page_obj": page, "figures": selectors.figures(body),
               "today": timezone.localdate()}  # fmt: skip
    return render(request, "requests/public/register.html", context)


def register_csv(request):
    """The register as CSV: one row per public request (no personal data)."""
    body = _body(request)
    header = ["reference", "body", "received_on", "due_on", "closed_on", "status", "on_time",
              "question", "answer"]  # fmt: skip
    rows = (
        [item.reference, item.body.slug, item.received_on, item.due_on, item.closed_on or "",
         item.status, "" if item.on_time is None else int(item.on_time), item.public_question,
         item.answer if item.closed_on else ""]
        for item in selectors.register(body).order_by("received_at", "pk").iterator(2000)
    )  # fmt: skip
    name = f"requests-{body.slug}.csv" if body else "requests.csv"
    return csv_response(header, rows, filename=name)


def detail(request, reference: str):
    item = selectors.public_request(_body(request), reference[:40])
    if item is None:
        raise Http404
    context = {"body": item.body, "item": item, "today": timezone.localdate()}
    return render(request, "requests/public/detail.html", context)


def answer_file(request, reference: str, pk: int):
    item = selectors.public_request(_body(request), reference[:40])
    found = item and next((f for f in item.files.all() if f.pk == pk), None)
    if not found:
        raise Http404
    response = FileResponse(found.file.open("rb"), as_attachment=True,
                            filename=found.file.name.rsplit("/", 1)[-1])  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def ask(request):
    """The request form: a valid one is kept unconfirmed and a link is sent to confirm it."""
    body = _site_body(request)
    form = RequestForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data = services.RequestIn(**form.cleaned_data)
        try:
            services.submit(body=body, data=data, language=translation.get_language())
        except services.RequestError as refused:
            error = refused.message
        else:
            return redirect(body.public_url(translation.get_language(), "requests_sent"))
    context = {"body": body, "form": form, "error": error, "law": _law(body)}
    return render(request, "requests/public/ask.html", context, status=400 if error else 200)


def _law(body):
    try:
        return services.law_for(body)
    except services.RequestError:
        return None


def sent(request):
    return render(request, "requests/public/sent.html", {"body": _site_body(request)})


@never_cache
def confirm(request, token: str):
    """The link of the letter: registers the request once; says clearly what went wrong."""
    body = _site_body(request)
    try:
        item = services.confirm(token=token[:100])
    except services.LinkUsed as used:
        return _confirmed(request, used.request, again=True)
    except services.LinkExpired as expired:
        form = RequestForm(initial=_resend(expired.request))
        context = {"body": body, "form": form, "error": expired.message, "law": _law(body)}
        return render(request, "requests/public/ask.html", context, status=410)
    except services.RequestError as refused:
        context = {"body": body, "error": refused.message}
        return render(request, "requests/public/link_error.html", context, status=404)
    return _confirmed(request, item, again=False)


def _confirmed(request, item: Request, *, again: bool):
    context = {"body": item.body, "item": item, "again": again}
    return render(request, "requests/public/confirmed.html", context)


def _resend(item: Request) -> dict:
    """The expired request's answers, so that sending it again loses nothing."""
    fields = ("kind", "name", "email", "phone", "address", "question", "format", "show_name")
    return {field: getattr(item, field) for field in fields}
