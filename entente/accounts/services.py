"""Sign-in protection and account changes."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, LoginFailure, User

security_log = logging.getLogger("entente.security")


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def is_locked_out(email: str, ip_address: str | None) -> bool:
    """Too many recent failures for this e-mail or this address: refuse before checking the password."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = LoginFailure.objects.filter(created_at__gte=since)
    limit = settings.LOGIN_MAX_FAILURES
    if recent.filter(email=email.lower()).count() >= limit:
        return True
    return bool(ip_address) and recent.filter(ip_address=ip_address).count() >= limit * 4


def record_login_failure(email: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], ip_address=ip_address)
    security_log.warning("Échec de connexion pour %s depuis %s", email.lower(), ip_address or "adresse inconnue")


def clear_login_failures(email: str) -> None:
    LoginFailure.objects.filter(email=email.lower()).delete()


@transaction.atomic
def register_user(*, email, password, display_name, function="", organization=None, job_title="") -> User:
    return User.objects.create_user(
        email=email, password=password, display_name=display_name, function=function,
        organization=organization, job_title=job_title,
    )


@transaction.atomic
def issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    return ApiToken.issue(user, name)


@transaction.atomic
def revoke_token(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
