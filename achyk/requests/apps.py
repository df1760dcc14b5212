from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "achyk.requests"
    label = "requests"
    verbose_name = _("Requests for information")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from achyk.bodies.evidence import register_provider
        from achyk.pagecache.invalidation import watch

        watch(self.label, platform=True)  # the platform's register lists every body's

        from . import receivers  # noqa: F401  (deadlines follow the calendar)
        from .evidence import RequestsEvidence

        register_provider(RequestsEvidence())

        from achyk.bodies.sections import PublicSection, register_section

        register_section(
            PublicSection(key="requests", url_name="requests_register",
                          label=_("Ask for information"))
        )  # fmt: skip
