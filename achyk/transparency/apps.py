from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "achyk.transparency"
    label = "transparency"
    verbose_name = _("Transparency monitor")

    def ready(self):
        from achyk.pagecache.invalidation import watch

        from . import tasks

        # Scores are written with COPY: `services.recompute` forgets the pages itself.
        watch(self.label, platform=True)

        tasks.connect()

        from achyk.bodies import scores

        from . import selectors

        scores.register_reader(selectors.indexes)

        from achyk.bodies.sections import PublicSection, register_section

        register_section(
            PublicSection(key="transparency", url_name="transparency:body",
                          label=_("Transparency"))
        )  # fmt: skip
