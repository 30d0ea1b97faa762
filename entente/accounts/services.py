"""Sign-in protection and account changes."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from entente.core.throttle import Limit, longest_wait

from .models import ApiToken, LoginFailure, User

security_log = logging.getLogger("entente.security")


def _limits() -> dict[str, Limit]:
    # Read at call time: tests and operators change the settings without a restart of this module.
    window = settings.LOGIN_FAILURE_WINDOW_MINUTES * 60
    return {
        "pair": Limit("login-account-address", settings.LOGIN_MAX_FAILURES, window),
        "address": Limit("login-address", settings.LOGIN_MAX_FAILURES_PER_ADDRESS, window),
        "account": Limit("login-account", settings.LOGIN_MAX_FAILURES_PER_ACCOUNT, window),
    }


def _subjects(email: str, ip_address: str | None) -> dict[str, str | None]:
    email = email.lower()
    return {
        "pair": f"{email}|{ip_address}" if ip_address else None,
        "address": ip_address,
        "account": email,
    }


def sign_in_wait(email: str, ip_address: str | None) -> int:
    """Seconds before this e-mail may be tried again from this address (0: now).

    Checked before the password, so that a throttled guess learns nothing. A stranger's failures
    count against their own address and their own (account, address) pair: the owner of the
    account, elsewhere, is not held back until a guess is spread over many addresses.
    """
    limits, subjects = _limits(), _subjects(email, ip_address)
    return longest_wait([(limits[name], subjects[name]) for name in limits])


def record_login_failure(email: str, ip_address: str | None) -> None:
    limits, subjects = _limits(), _subjects(email, ip_address)
    for name, limit in limits.items():
        limit.hit(subjects[name])
    LoginFailure.objects.create(email=email.lower()[:254], ip_address=ip_address)
    security_log.warning("Échec de connexion pour %s depuis %s", email.lower(), ip_address or "adresse inconnue")


def clear_login_failures(email: str, ip_address: str | None = None) -> None:
    """After a successful sign-in: the owner's own slips from this address are forgotten."""
    _limits()["pair"].reset(_subjects(email, ip_address)["pair"])
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
