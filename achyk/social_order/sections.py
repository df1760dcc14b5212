"""The social order in a body's menu (`bodies.sections`): a published programme or call."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from achyk.bodies.sections import PublicSection

from .models import Call, Programme

SECTION = PublicSection(
    key="social_order", url_name="social_order_index", label=_("Social order"),
    holds=lambda: [
        Exists(Programme.objects.filter(body=OuterRef("pk"), is_published=True)),
        Exists(Call.objects.public().filter(body=OuterRef("pk"))),
    ],
)  # fmt: skip
