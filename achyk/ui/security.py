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

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed

ADMIN_PREFIX = "/admin/"
#: The attributes by which a view or a decorator of django-csp changes a response's policy.
PER_RESPONSE = (
    "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro",
)  # fmt: skip
#: The header of a response that changes nothing of the policy, by whether it is the admin's:
#: built once from the settings (django-csp builds it for every response), forgotten when
#: a test changes them.
_built: dict[bool, str] = {}


def _forget_built(setting, **kwargs) -> None:
    if setting.startswith(("CONTENT_SECURITY_POLICY", "ACHYK_ADMIN_CSP", "DEBUG")):
        _built.clear()


setting_changed.connect(_forget_built, dispatch_uid="achyk.ui.security.forget_built")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), **settings.ACHYK_ADMIN_CSP}
        return parts

    def process_response(self, request, response):
        """The policy of settings, built once, for a response nothing changes it for (no
        nonce asked, no per-view policy, no report-only policy); else django-csp's own."""
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and HEADER not in response
            and not any(hasattr(response, name) for name in PER_RESPONSE)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not policy.get("EXCLUDE_URL_PREFIXES")
            and not (settings.DEBUG and response.status_code in (404, 500))
        )
        if not plain:
            return super().process_response(request, response)
        admin = request.path_info.startswith(ADMIN_PREFIX)
        if admin not in _built:
            response = super().process_response(request, response)
            _built[admin] = response.get(HEADER, "")
            return response
        if _built[admin]:
            response[HEADER] = _built[admin]
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
