from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "achyk.plans"
    label = "plans"
    verbose_name = _("Development plans")

    def ready(self):
        from achyk.bodies import references as seam
        from achyk.bodies.evidence import register_provider
        from achyk.pagecache.invalidation import watch

        watch(self.label, platform=True)  # the platform's overview lists every body's plans

        from . import evidence, photos, references

        photos.connect()

        register_provider(evidence.PROVIDER)
        evidence.connect()
        seam.register_kind(references.STEP_KIND)
        seam.register_backlinks(references.actions_funded_by, kinds=[references.BUDGET_LINE])

        from achyk.bodies.sections import register_section

        from .sections import SECTION

        register_section(SECTION)
