"""Slows a bursting client down on the scoring endpoint, per participant, through the cache.

A fixed window counter: cheap (one cache round trip), shared by every web worker when the
cache is Redis (REDIS_URL), per process otherwise.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from entente.core.throttle import Limit, longest_wait

DEFAULT_RATE = "40/10"  # 40 scores per 10 seconds: far above a human, well below a script


def _rate() -> tuple[int, int]:
    limit, _, window = getattr(settings, "WORKSHOPS_SCORE_RATE", DEFAULT_RATE).partition("/")
    return int(limit), int(window or 1)


def score_rate_key(participant) -> str:
    """A member is counted by account (their seat may not be taken yet), a code holder by seat token."""
    if participant.user_id:
        return f"compte:{participant.user_id}:{participant.workshop_id}"
    return participant.token


def allow_score(participant_token: str) -> bool:
    """Keyed on the participant's seat token (hashed: cache keys are not secrets)."""
    limit, window = _rate()
    seat = hashlib.blake2b(participant_token.encode(), digest_size=12).hexdigest()
    key = f"workshops:score-rate:{seat}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window * 2):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window * 2)
        return True


RATE_LIMITED_MESSAGE = "Trop de notes envoyées en peu de temps : patientez quelques secondes puis réessayez."


# --- join codes ----------------------------------------------------------------------------
# A code is six characters out of 31 (about 887 million): guessing is hopeless only if wrong
# codes are counted. Per client address, because the guesser has no account; a room of
# participants behind one Wi-Fi shares an address, so the seat limit per code is generous.

JOIN_REFUSED_MESSAGE = (
    "Ce code ne permet pas de rejoindre un atelier. Vérifiez le code affiché par l'animation : "
    "un atelier clos n'accueille plus de participants."
)
SEATS_PER_CODE_AND_ADDRESS = 200


def _join_limits() -> tuple[Limit, Limit]:
    window = settings.JOIN_CODE_WINDOW_MINUTES * 60
    return (
        Limit("join-wrong-code", settings.JOIN_CODE_MAX_FAILURES, window),
        Limit("join-seats", SEATS_PER_CODE_AND_ADDRESS, window),
    )


def join_wait(address: str | None, code: str = "") -> int:
    """Seconds before this address may try a code again (0: now)."""
    wrong_codes, seats = _join_limits()
    return longest_wait([(wrong_codes, address), (seats, f"{code.upper()}|{address}" if code and address else None)])


def record_wrong_code(address: str | None) -> None:
    _join_limits()[0].hit(address)


def record_seat(address: str | None, code: str) -> None:
    if address:
        _join_limits()[1].hit(f"{code.upper()}|{address}")


def join_throttled_message(seconds: int) -> str:
    minutes = -(-seconds // 60)
    return (
        f"Trop de tentatives avec des codes de participation depuis votre connexion. "
        f"Réessayez dans {minutes} minute{'s' if minutes > 1 else ''}."
    )
