from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "achyk.bodies"
    label = "bodies"
    verbose_name = _("Bodies")

    def ready(self):
        from . import routing, sidebar
        from .seal_forms import seal_admin_forms

        seal_admin_forms()
        routing.connect()
        sidebar.watch()
