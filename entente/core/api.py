"""What every JSON API answer shares: errors in JSON with a French `detail`.

The API object itself (one NinjaAPI under /api/v1/, one router per domain app, its authentication)
is the site shell's (`entente.shell.api`); the caller's authentication is the accounts app's
(`entente.accounts.api_auth`).
"""

import logging

from django.core import signals
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .throttle import Throttled

request_logger = logging.getLogger("django.request")

_PYDANTIC_MESSAGES = {
    "missing": "ce champ est obligatoire",
    "string_too_short": "la valeur est trop courte",
    "string_too_long": "la valeur est trop longue",
    "string_type": "une chaîne de caractères est attendue",
    "int_parsing": "un nombre entier est attendu",
    "int_type": "un nombre entier est attendu",
    "float_parsing": "un nombre est attendu",
    "decimal_parsing": "un nombre décimal est attendu",
    "bool_parsing": "un booléen (true/false) est attendu",
    "date_from_datetime_parsing": "une date au format AAAA-MM-JJ est attendue",
    "date_parsing": "une date au format AAAA-MM-JJ est attendue",
    "datetime_parsing": "une date et heure ISO 8601 est attendue",
    "datetime_from_date_parsing": "une date et heure ISO 8601 est attendue",
    "enum": "valeur non autorisée",
    "literal_error": "valeur non autorisée",
    "greater_than": "la valeur est trop petite",
    "greater_than_equal": "la valeur est trop petite",
    "less_than": "la valeur est trop grande",
    "less_than_equal": "la valeur est trop grande",
    "json_invalid": "le corps de la requête n'est pas un JSON valide",
    "list_type": "une liste est attendue",
    "dict_type": "un objet JSON est attendu",
    "model_attributes_type": "un objet JSON est attendu",
    "uuid_parsing": "un identifiant UUID est attendu",
    "url_parsing": "une adresse web est attendue",
    "extra_forbidden": "champ inconnu",
    "int_from_float": "un nombre entier est attendu",
    "string_pattern_mismatch": "format non reconnu",
    "date_from_datetime_inexact": "une date sans heure est attendue",
    "datetime_object_invalid": "une date et heure ISO 8601 est attendue",
    "date_past": "date non autorisée",
    "timezone_aware": "une date et heure avec fuseau horaire est attendue",
}


def french_validation_message(errors) -> str:
    parts = []
    for error in errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "payload", "form")]
        field = ".".join(location) or "requête"
        message = error.get("msg", "")
        if error.get("type") == "value_error":
            message = message.removeprefix("Value error, ")
        else:
            message = _PYDANTIC_MESSAGES.get(error.get("type", ""), "valeur invalide")
            ctx = error.get("ctx") or {}
            if "expected" in ctx:
                message += f" (attendu : {ctx['expected']})"
        parts.append(f"{field} : {message}")
    return "Données invalides — " + " ; ".join(parts) + "."


def install_error_handlers(api) -> None:
    """Every error of `api` answers JSON with a French `detail`, as a person or a client reads it."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc):
        return api.create_response(
            request,
            {"detail": french_validation_message(exc.errors), "errors": exc.errors},
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def on_django_validation_error(request, exc):
        messages = exc.messages if hasattr(exc, "messages") else [str(exc)]
        return api.create_response(request, {"detail": " ".join(messages)}, status=400)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request, exc):
        detail = str(exc) or "Vous n'avez pas le droit d'effectuer cette action."
        return api.create_response(request, {"detail": detail}, status=403)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        detail = exc.message if isinstance(getattr(exc, "message", None), str) else "Authentification requise."
        return api.create_response(request, {"detail": detail}, status=401)

    @api.exception_handler(Throttled)
    def on_throttled(request, exc):
        response = api.create_response(request, {"detail": exc.message}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def on_body_too_large(request, exc):
        return api.create_response(
            request,
            {"detail": "Le corps de la requête dépasse la taille autorisée."},
            status=413,
        )

    @api.exception_handler(SuspiciousOperation)
    def on_suspicious(request, exc):
        return api.create_response(request, {"detail": "Requête refusée : elle est mal formée."}, status=400)

    @api.exception_handler(Exception)
    def on_unexpected(request, exc):
        # Logged and signalled as Django does for a view (administrators are told, the test client
        # re-raises it), but the client of a JSON API gets JSON, never the site's HTML error page.
        request_logger.error("Erreur interne de l'API : %s", request.path, exc_info=exc)
        signals.got_request_exception.send(sender=None, request=request)
        return api.create_response(
            request,
            {"detail": "Erreur interne du serveur : l'incident est signalé à l'équipe."},
            status=500,
        )
