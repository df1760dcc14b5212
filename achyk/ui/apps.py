from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    name = "achyk.ui"
    label = "ui"
    verbose_name = _("User interface")

    def ready(self):
        from . import admin_scripts, indexing

        admin_scripts.install()
        indexing.install()
