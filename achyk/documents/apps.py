from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "achyk.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from achyk.bodies.evidence import register_provider

        from . import evidence, receivers

        receivers.connect()
        register_provider(evidence.provider)
        evidence.connect()
