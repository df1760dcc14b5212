"""Data the registry's tests read: four acts of Burana in two years and one of Kok-Jar, with
language versions, a layer on the shared platform (conftest.py, `registry_acts`)."""

import datetime
from dataclasses import dataclass

from achyk.documents.models import Act, ActStatus, AdoptedBy
from achyk.ui.tests import samples

from . import factories as f

D = datetime.date


@dataclass
class RegistryActs:
    """The acts by name: budget, resolution, repealed, order (Burana's), other_body."""

    pks: dict

    @classmethod
    def build(cls, body_a, body_b) -> "RegistryActs":
        made = {
            "budget": f.act(body_a, title="Бюджет 2026 «ң»", type_code="budget", number="5",
                            adopted_on=D(2026, 3, 1), signatory="Асанов А."),
            "resolution": f.act(body_a, title="Жер жөнүндө токтом", number="12",
                                adopted_on=D(2026, 2, 10)),
            "repealed": f.act(body_a, title="Эски токтом", number="3",
                              adopted_on=D(2025, 5, 1), status=ActStatus.REPEALED),
            "order": f.act(body_a, title="Башчынын буйругу", type_code="head-order",
                           number="7", adopted_on=D(2026, 1, 20), adopted_by=AdoptedBy.HEAD),
            "other_body": f.act(body_b, title="Көк-Жардын токтому", number="12",
                                adopted_on=D(2026, 2, 10)),
        }  # fmt: skip
        f.version(made["budget"], "ky", "budget-ky.pdf", samples.pdf())
        f.version(made["budget"], "ru", "budget-ru.pdf", samples.pdf())
        f.version(made["resolution"], "ky", "resolution.pdf", samples.pdf())
        f.version(made["other_body"], "ru", "kok-jar.pdf", samples.pdf())
        return cls({name: act.pk for name, act in made.items()})

    def fresh(self) -> dict:
        """The acts by name, read again from the database."""
        return {name: Act.objects.get(pk=pk) for name, pk in self.pks.items()}
