from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "achyk.budget"
    label = "budget"
    verbose_name = _("Budget")

    def ready(self):
        from achyk.bodies.evidence import register_provider

        from . import evidence

        register_provider(evidence.PROVIDER)
        evidence.connect()
