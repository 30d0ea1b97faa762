"""The Content-Security-Policy of every response (django-csp), completed at request time."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """CONTENT_SECURITY_POLICY, plus ProConnect's origin in form-action when it is configured.

    Signing out is a form posted to Entente that redirects to ProConnect's session end, and the
    browser checks that redirect against the form-action of the page the form was on: every page
    must allow it. Read from the settings at each request, as the rest of the ProConnect setup.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        issuer = getattr(settings, "PROCONNECT_ISSUER", "")
        if issuer and not report_only:
            address = urlsplit(issuer)
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), f"{address.scheme}://{address.netloc}"]
            parts.update = update
        return parts
