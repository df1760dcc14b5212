"""Open data of the social order: the register as rows (CSV, JSON) and the contracts as
grants in the 360Giving Data Standard (JSON: {"grants": [...]}), written by `ui.exports`.

360Giving identifiers: a grant is `360G-achyk-<body slug>-<contract id>`; the body, as the
funder, is `360G-achyk-body-<slug>` and an NGO `360G-achyk-org-<id>` (no official register
prefix is known for Kyrgyz NGOs yet, so the platform's own prefix names them); the location of
the beneficiaries is the body's territory with its SOATE code as `geoCode`.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language

from . import selectors

HEADER = [
    "call", "call_state", "applications_submitted", "deadline", "ceiling", "contract",
    "organisation", "project", "amount", "signed_on", "tranches", "tranches_paid", "paid",
]  # fmt: skip


def rows(body):
    """One row per call without a contract, one per contract (with its call)."""
    contracts = list(selectors.public_contracts(body))
    by_call = {}
    for contract in contracts:
        by_call.setdefault(contract.application.call_id, []).append(contract)
    for call in selectors.public_calls(body):
        base = [call.title, call.state, call.submitted, timezone.localtime(call.deadline).date(),
                call.ceiling]  # fmt: skip
        if call.pk not in by_call:
            yield base + [""] * 8
        for c in by_call.get(call.pk, []):
            tranches = list(c.tranches.all())
            paid = [t for t in tranches if t.state == "paid"]
            yield base + [c.number, c.application.organisation.name, c.application.title,
                          c.amount, c.signed_on, len(tranches), len(paid), c.paid or 0]  # fmt: skip


def records(body):
    """The rows as JSON objects; dates in ISO 8601, amounts as exact decimal strings."""
    for row in rows(body):
        yield {name: value.isoformat() if hasattr(value, "isoformat") else value
               for name, value in zip(HEADER, row, strict=True)}  # fmt: skip


def _number(value):
    """360Giving amounts are JSON numbers; whole som are written without a fraction."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def grants(body, request=None):
    """Every published contract of `body` as a 360Giving grant."""
    territory = body.territory
    currency = "KZT" if body.country == "KZ" else "KGS"
    funder = {"id": f"360G-achyk-body-{body.slug}", "name": body.name}
    for c in selectors.public_contracts(body):
        application = c.application
        url = body.public_url(get_language(), "social_order_contract", pk=c.pk)
        grant = {
            "id": f"360G-achyk-{body.slug}-{c.pk}",
            "title": application.title[:140],
            "description": application.goal or application.problem or application.title,
            "currency": currency,
            "amountAwarded": _number(c.amount),
            "amountDisbursed": _number(c.paid or 0),
            "awardDate": c.signed_on.isoformat(),
            "plannedDates": [
                {"startDate": c.starts_on.isoformat(), "endDate": c.ends_on.isoformat()}
            ],  # fmt: skip
            "recipientOrganization": [
                {
                    "id": f"360G-achyk-org-{application.organisation_id}",
                    "name": application.organisation.name,
                }
            ],  # fmt: skip
            "fundingOrganization": [funder],
            "beneficiaryLocation": [
                {
                    "name": territory.name,
                    "geoCode": territory.code,
                    "geoCodeType": "SOATE",
                    "countryCode": body.country,
                }
            ],  # fmt: skip
            "grantProgramme": [
                {"code": f"call-{application.call_id}", "title": application.call.title}
            ],  # fmt: skip
            "fromOpenCall": "Yes",
            "dateModified": timezone.localtime(c.updated_at).isoformat(),
        }
        if request is not None:
            grant["url"] = request.build_absolute_uri(url)
        yield grant
