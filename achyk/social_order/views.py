"""The public register of the social order on each body's site (/<slug>/<lang>/social-order/):
the programme, the calls (open and closed) with the number of applications, the winners with
their scores, the contracts with their tranches paid, the public parts of accepted reports
and the monitoring group's reports; its exports (CSV, JSON, 360Giving JSON).

Plain views, not kept by the page cache (so every change shows at once); 404 on the
platform's own site and for anything not public."""

from django.http import Http404
from django.shortcuts import render

from achyk.ui.exports import csv_response, json_response

from . import opendata, selectors
from .models import CallState


def site_body(request):
    """The body whose site is asked for; 404 on the platform's own site."""
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


def index(request):
    body = site_body(request)
    calls = list(selectors.public_calls(body))
    context = {
        "body": body,
        "programmes": selectors.public_programmes(body),
        "open_calls": [c for c in calls if c.is_open_now],
        "other_calls": [c for c in calls if not c.is_open_now],
        "contracts": selectors.public_contracts(body),
    }
    return render(request, "social_order/public/index.html", context)


def call(request, pk):
    body = site_body(request)
    item = selectors.public_call(body, pk)
    context = {"body": body, "call": item, "winners": selectors.winners(item),
               "decided": item.state == CallState.DECIDED}  # fmt: skip
    return render(request, "social_order/public/call.html", context)


def contract(request, pk):
    body = site_body(request)
    item = selectors.public_contract(body, pk)
    return render(request, "social_order/public/contract.html", {"body": body, "contract": item})


def data_csv(request):
    body = site_body(request)
    return csv_response(
        opendata.HEADER, opendata.rows(body), filename=f"social-order-{body.slug}.csv"
    )


def data_json(request):
    body = site_body(request)
    return json_response(opendata.records(body), filename=f"social-order-{body.slug}.json")


def giving_json(request):
    body = site_body(request)
    return json_response(
        opendata.grants(body, request),
        filename=f"360giving-{body.slug}.json",
        header={},
        key="grants",
    )
