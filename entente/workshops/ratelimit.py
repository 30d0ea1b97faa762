"""Slows a bursting client down on the scoring endpoint, per participant, through the cache.

A fixed window counter: cheap (one cache round trip), shared by every web worker when the
cache is Redis (REDIS_URL), per process otherwise.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_RATE = "40/10"  # 40 scores per 10 seconds: far above a human, well below a script


def _rate() -> tuple[int, int]:
    limit, _, window = getattr(settings, "WORKSHOPS_SCORE_RATE", DEFAULT_RATE).partition("/")
    return int(limit), int(window or 1)


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
