"""The budget's place in a body's menu (`bodies.sections`): a year with a published stage, or
a published hearing."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from achyk.bodies.sections import PublicSection

from .hearings.models import Hearing
from .models import Budget


def _holds():
    return [
        Exists(Budget.objects.filter(body=OuterRef("pk"), stages__isnull=False)),
        Exists(Hearing.objects.published().filter(body=OuterRef("pk"))),
    ]


SECTION = PublicSection(key="budget", url_name="budget_index", label=_("Budget"), holds=_holds)
