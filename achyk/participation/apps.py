from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "achyk.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from achyk.bodies import calendar, references
        from achyk.bodies.evidence import register_provider
        from achyk.pagecache.invalidation import watch

        watch(self.label, platform=True)  # the platform's statistics count every body

        from . import evidence, sources
        from .forms import PLAN_STEP

        register_provider(evidence.PROVIDER)
        evidence.connect()
        calendar.register_source(sources.EVENTS)
        calendar.register_source(sources.FOCUS_GROUPS)
        references.register_kind(sources.PRIORITY_KIND)
        references.register_backlinks(sources.priorities_answered_by, kinds=[PLAN_STEP])

        from achyk.bodies.sections import register_section

        from .sections import CALENDAR, STUDIES

        register_section(STUDIES)
        register_section(CALENDAR)
