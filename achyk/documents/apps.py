from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "achyk.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from . import receivers

        receivers.connect()
