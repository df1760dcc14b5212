"""The Content-Security-Policy of every page (django-csp).

Public pages get the strict policy of settings.CONTENT_SECURITY_POLICY: scripts and styles
from the platform only (its pages have neither inline scripts nor inline styles; a template
that needs an inline script gives it `nonce="{{ request.csp_nonce }}"`), no plugins, framed
only by the platform itself.

The admin (/admin/) gets ACHYK_ADMIN_CSP over it: Wagtail 7's admin still writes inline
scripts (date pickers, inline panels, choosers' modal steps run scripts they receive) and
inline styles, so the admin allows 'unsafe-inline' for both, and no nonce (a nonce would make
browsers ignore 'unsafe-inline'). Objects, framing, <base> and form targets stay as strict.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), **settings.ACHYK_ADMIN_CSP}
            parts.nonce = None
        return parts
