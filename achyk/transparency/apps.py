from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "achyk.transparency"
    label = "transparency"
    verbose_name = _("Transparency monitor")

    def ready(self):
        from . import tasks

        tasks.connect()
