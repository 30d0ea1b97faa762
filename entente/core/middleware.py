"""Middleware of the site shell."""

from django.http import JsonResponse
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


API_PREFIX = "/api/"
API_ERROR_DETAILS = {
    400: "Requête invalide.",
    401: "Authentification requise.",
    403: "Accès refusé.",
    404: "Ressource introuvable.",
    405: "Méthode HTTP non autorisée pour cette adresse.",
    413: "Le corps de la requête dépasse la taille autorisée.",
    500: "Erreur interne du serveur : l'incident est signalé à l'équipe.",
}


class ApiJsonErrorsMiddleware:
    """Every error under /api/ is JSON with a French `detail`, whatever layer produced it.

    The API's own handlers already answer JSON; what reaches a client otherwise is Django's HTML:
    an address no operation declares (404), a method an operation does not take (405, empty), a
    CSRF refusal, a request refused before the API is reached. Headers the client acts upon
    (Allow, Retry-After) are kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        detail = API_ERROR_DETAILS.get(response.status_code, "La requête n'a pas pu aboutir.")
        answer = JsonResponse({"detail": detail}, status=response.status_code)
        for header in ("Allow", "Retry-After"):
            if response.has_header(header):
                answer[header] = response[header]
        return answer
