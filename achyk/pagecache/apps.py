from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "achyk.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import invalidation

        invalidation.connect()

        from achyk.ui.cache import recovered

        from .generations import after_cache_outage

        recovered.connect(after_cache_outage, dispatch_uid="achyk.pagecache.after_cache_outage")
