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

        from achyk.bodies import routing

        from .parts import kept_with_body

        # A body's site's root paths and root page change with its home pages and its site,
        # whose changes forget the body's pages: they are kept with them.
        routing.keeper = lambda body, name, read: kept_with_body(body.pk, name, read)
