"""Who calls the API: a personal token (`Authorization: Bearer …`), the browser session, or nobody.

Authentication is optional: anonymous visitors read public data; each handler's rules decide.
"""

import logging

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError

from .models import ApiToken, hash_token

logger = logging.getLogger("entente.security")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class OptionalUserAuth:
    """Resolves the caller: token user, session user, or anonymous. Never refuses anonymity."""

    openapi_type = "http"

    def __init__(self):
        self.openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header:
            user = self._user_from_token(header)
        elif request.user.is_authenticated:
            self._check_csrf(request)
            user = request.user
        else:
            user = AnonymousUser()
        request.user = user
        return user

    def _user_from_token(self, header):
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationError(401, "En-tête Authorization invalide : attendu « Bearer <jeton> ».")
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(raw.strip()), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            logger.warning("Jeton d'API refusé")
            raise AuthenticationError(401, "Jeton d'API inconnu ou révoqué.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user

    def _check_csrf(self, request):
        # A session cookie alone must not let another site write through the API.
        if request.method in SAFE_METHODS:
            return
        reason = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if reason is not None:
            raise HttpError(403, "Jeton CSRF manquant ou invalide : utilisez un jeton d'API ou le formulaire du site.")
