from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "achyk.budget"
    label = "budget"
    verbose_name = _("Budget")

    def ready(self):
        from achyk.bodies.evidence import register_provider
        from achyk.pagecache.invalidation import watch

        # Lines are replaced by the thousand in services that forget the body once.
        watch(self.label, platform=True, except_models=("Line",))

        from . import evidence

        register_provider(evidence.PROVIDER)
        evidence.connect()

        from achyk.bodies.calendar import register_source

        from .hearings.calendar import SOURCE

        register_source(SOURCE)

        from achyk.bodies.sections import register_section

        from .sections import SECTION

        register_section(SECTION)

        from achyk.bodies import references as seam

        from .references import LINE_KIND

        seam.register_kind(LINE_KIND)
