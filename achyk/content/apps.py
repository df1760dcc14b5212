from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "achyk.content"
    label = "content"
    verbose_name = _("Site content")

    def ready(self):
        from achyk.bodies.evidence import register_provider
        from achyk.bodies.services import register_site_builder

        from . import evidence
        from .services import build_body_site

        register_site_builder(build_body_site)
        register_provider(evidence.provider)
        evidence.connect()
