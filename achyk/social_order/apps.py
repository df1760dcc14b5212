from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialOrderConfig(AppConfig):
    name = "achyk.social_order"
    label = "social_order"
    verbose_name = _("Municipal social order")

    def ready(self):
        from achyk.bodies.evidence import register_provider
        from achyk.pagecache.invalidation import watch

        watch(self.label)

        from . import evidence

        register_provider(evidence.PROVIDER)
        evidence.connect()

        from achyk.bodies.sections import register_section

        from .sections import SECTION

        register_section(SECTION)
