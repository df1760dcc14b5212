"""A site's redirects (Wagtail's `wagtailredirects`) are for its public addresses.

Wagtail's `RedirectMiddleware` looks for a redirect on every answer 404: the request's site,
then a query or two for the old path. An address of the admin panel that answers 404 (an
object the seal refuses, a page that is gone) is no old address of a site: it stays a 404
without the lookup, and no redirect added in the admin sends staff away from an admin address.
"""

from wagtail.contrib.redirects.middleware import RedirectMiddleware

from .security import ADMIN_PREFIX


class SiteRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, for every address but the admin panel's."""

    def process_response(self, request, response):
        if request.path_info.startswith(ADMIN_PREFIX):
            return response
        return super().process_response(request, response)
