"""Middleware of the site shell."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


class MethodNotAllowedPageMiddleware:
    """Turn Django's empty 405 (a link opened on a form-only address) into a French page.

    `require_POST` and its kin answer 405 with no body; a person who pasted such an address or
    reloaded it sees a blank page. The API keeps its own JSON answers, and a 405 that already
    has a body is left as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        referer = request.headers.get("referer", "")
        back = (
            referer
            if referer
            and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            else ""
        )
        page = render(request, "405.html", {"back_url": back}, status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
