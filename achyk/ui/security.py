"""The Content-Security-Policy of every page (django-csp).

Public pages get the strict policy of settings.CONTENT_SECURITY_POLICY: scripts and styles
from the platform only (its pages have neither inline scripts nor inline styles), no plugins,
framed only by the platform itself.

The admin (/admin/) gets ACHYK_ADMIN_CSP over it: inline styles (Wagtail's own scripts insert
<style> elements) and previews of uploads (blob: images). Its scripts are the platform's files
only, like the public pages': Wagtail's inline scripts are replaced by carriers that one static
script starts (`admin_scripts`).

No nonce is used. django-csp 4 writes one into a directive only where the directive lists
`csp.constants.NONCE`, which none does; and the page cache replays a page's HTML with a fresh
header, so a nonce in a cached page would no longer match. A script that needs data reads it
from data- attributes or a `json_script` element.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), **settings.ACHYK_ADMIN_CSP}
        return parts
