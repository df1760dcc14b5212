"""Development plans in a body's menu (`bodies.sections`): a published plan."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from achyk.bodies.sections import PublicSection

from .models import Plan

SECTION = PublicSection(
    key="plans", url_name="plans_index", label=_("Development plans"),
    holds=lambda: [Exists(Plan.objects.published().filter(body=OuterRef("pk")))],
)  # fmt: skip
