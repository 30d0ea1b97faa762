"""Sign-in with ProConnect, the State's OpenID Connect federation for public agents.

The protocol is mozilla-django-oidc's (authorization code with PKCE, `state` and `nonce` kept in
the session, the ID token's signature checked against the provider's published keys). What is
ours: the endpoints derived from `PROCONNECT_DOMAIN` as ProConnect publishes them (`/api/v2/…`);
checks the library leaves out (issuer, audience, the `acr` asked for); the userinfo that
ProConnect sends as a signed JWT; matching a person by e-mail and their organization by SIRET;
French refusals, each logged; and logout at the provider.

Signing in never makes anyone a member of a cooperation: a person with no membership lands on
a page that says so and how to be invited.
"""

import json
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from entente.territories.models import Organization

security_log = logging.getLogger("entente.security")

SESSION_FLAG = "proconnect"  # the session was opened through ProConnect: log out there too


def is_configured() -> bool:
    return bool(settings.PROCONNECT_CLIENT_ID and settings.PROCONNECT_CLIENT_SECRET and settings.PROCONNECT_DOMAIN)


class ProConnectRefused(Exception):
    """A callback refused for a reason the person is told in French (and the security log keeps)."""


# Sign-in request -------------------------------------------------------------------------------


class ProConnectRequestView(OIDCAuthenticationRequestView):
    """Redirects to ProConnect, asking for the `acr` level and the claims Entente uses."""

    def get_extra_params(self, request):
        claims = {"id_token": {"acr": {"essential": True, "values": settings.PROCONNECT_ACR_VALUES}}}
        return {"acr_values": " ".join(settings.PROCONNECT_ACR_VALUES), "claims": json.dumps(claims)}


def start(request):
    """The ProConnect button's target: 404 when ProConnect is not configured on this instance."""
    if not is_configured():
        raise Http404("ProConnect n'est pas configuré sur ce service.")
    return ProConnectRequestView.as_view()(request)


# Callback --------------------------------------------------------------------------------------


class ProConnectBackend(OIDCAuthenticationBackend):
    """Checks the tokens fully and finds (or opens) the person's account by e-mail."""

    def authenticate(self, request, **kwargs):
        # Only the callback view (which passes the nonce kept in the session) signs in through
        # ProConnect: a password form posted to a URL carrying ?code=…&state=… must not.
        if "nonce" not in kwargs or not is_configured():
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.PROCONNECT_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud"]},
                leeway=30,
            )
        except jwt.ExpiredSignatureError as error:
            raise ProConnectRefused("le jeton d'identité a expiré") from error
        except jwt.InvalidIssuerError as error:
            raise ProConnectRefused("le jeton d'identité vient d'un fournisseur inconnu") from error
        except jwt.InvalidAudienceError as error:
            raise ProConnectRefused("le jeton d'identité n'est pas destiné à Entente") from error
        except jwt.InvalidSignatureError as error:
            raise ProConnectRefused("la signature du jeton d'identité n'est pas valide") from error
        except jwt.PyJWTError as error:
            raise ProConnectRefused("le jeton d'identité n'est pas valide") from error

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation as error:  # no published key has the token's key id
            raise ProConnectRefused("la signature du jeton d'identité n'est pas valide") from error

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is not None and payload.get("acr") not in settings.PROCONNECT_ACR_VALUES:
            raise ProConnectRefused("le niveau d'authentification demandé n'a pas été obtenu")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise ProConnectRefused("les informations reçues ne concernent pas la personne identifiée")
        return claims

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError as error:
            # An expired, reused or forged code: the provider refuses to exchange it.
            raise ProConnectRefused("le code de connexion a expiré ou a déjà servi") from error

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip().lower()
        return self.UserModel.objects.filter(email__iexact=email) if email else self.UserModel.objects.none()

    def verify_claims(self, claims):
        return bool(claims.get("email"))

    @transaction.atomic
    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            email=claims["email"].strip().lower(),
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("usual_name") or "")[:150],
        )
        self._link_organization(user, claims)
        return user

    def update_user(self, user, claims):
        self._link_organization(user, claims)
        return user

    def _link_organization(self, user, claims) -> None:
        """A person without an organization gets the partner whose SIREN starts their SIRET."""
        if user.organization_id:
            return
        organization = organization_for_siret(claims.get("siret") or "")
        if organization is not None:
            user.organization = organization
            user.save(update_fields=["organization"])


def organization_for_siret(siret: str) -> Organization | None:
    """The partner organization (of some cooperation) whose SIREN is the SIRET's first 9 digits."""
    siren = "".join(ch for ch in siret if ch.isdigit())[:9]
    if len(siren) != 9:
        return None
    return (
        Organization.objects.filter(partnerships__isnull=False)
        .filter(Q(siren=siren) | Q(territory__siren=siren))
        .distinct()
        .order_by("pk")
        .first()
    )


class ProConnectCallbackView(OIDCAuthenticationCallbackView):
    """Signs the person in, or tells them in French why not (and logs it)."""

    def get(self, request):
        if not is_configured():
            raise Http404("ProConnect n'est pas configuré sur ce service.")
        if request.GET.get("error"):
            answer = request.GET.get("error_description") or request.GET["error"]
            return _refused(request, f"ProConnect a répondu « {answer[:200]} »")
        state = request.GET.get("state")
        if not state or state not in request.session.get("oidc_states", {}):
            return _refused(request, "la demande de connexion est inconnue ou a déjà servi (paramètre state)")
        try:
            return super().get(request)
        except ProConnectRefused as error:
            return _refused(request, str(error))
        except (SuspiciousOperation, requests.RequestException) as error:
            security_log.warning("ProConnect : échange refusé (%s)", error)
            return _refused(request, "la réponse de ProConnect n'a pas pu être vérifiée")

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_FLAG] = True
        if not self.user.memberships.exists():
            return HttpResponseRedirect(reverse("accounts:proconnect_welcome"))
        return response

    def login_failure(self):
        return _refused(self.request, "la connexion n'a pas abouti")


def _refused(request, reason: str):
    security_log.warning(
        "Connexion ProConnect refusée : %s (adresse %s)", reason, request.META.get("REMOTE_ADDR", "inconnue")
    )
    if request.user.is_authenticated:
        auth.logout(request)
    return render(
        request,
        "accounts/proconnect_refused.html",
        {
            "title": "Connexion refusée",
            "reason": reason,
            "breadcrumb": [("Connexion", reverse("accounts:login")), ("Connexion refusée", None)],
        },
        status=403,
    )


# Logout ----------------------------------------------------------------------------------------


def provider_logout_url(request) -> str:
    """ProConnect's end-session URL, so that leaving Entente also ends the ProConnect session."""
    params = {
        "id_token_hint": request.session.get("oidc_id_token", ""),
        "state": request.session.session_key or "",
        "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL)),
    }
    return f"{settings.PROCONNECT_ISSUER}/session/end?{urlencode(params)}"
