"""Data several tests of the platform's home read: seven bodies with transparency scores, a
layer on the shared platform (conftest.py, `rated`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from achyk.bodies.models import Body
from achyk.bodies.tests import factories as body_factories
from achyk.transparency.models import BodySummary

#: The five bodies besides Burana (90, the best) and Kok-Jar (10, the weakest), by score.
OTHERS = [("alpha", "80"), ("beta", "70"), ("gamma", "50"), ("delta", "30"), ("epsilon", "20")]


def scored(body, index: str) -> None:
    now = timezone.now()
    BodySummary.objects.update_or_create(
        body=body, defaults={"index": Decimal(index), "as_of": now, "computed_at": now}
    )


@dataclass
class Rated:
    """Seven scored bodies: Burana the best (90), Kok-Jar the weakest (10), five between."""

    pks: dict

    @classmethod
    def build(cls, body_a, body_b) -> "Rated":
        others = {}
        for slug, index in OTHERS:
            others[slug] = body_factories.body(slug=slug, name=slug.title())
            scored(others[slug], index)
        scored(body_a, "90")
        scored(body_b, "10")
        return cls({slug: body.pk for slug, body in others.items()})

    def fresh(self) -> dict:
        """The five other bodies by slug, read again from the database."""
        return {slug: Body.objects.get(pk=pk) for slug, pk in self.pks.items()}
