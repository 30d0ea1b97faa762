"""Counting attempts per client address or per subject (an account, a join code) through the cache.

Fixed windows: one cache round trip per check or hit, shared by every web worker and server
when the cache is Redis (REDIS_URL), per process otherwise. Subjects are hashed: cache keys
are not secrets, and an e-mail or a code never lands in Redis as it was typed.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the person, not of our reverse proxy.

    Behind the documented HTTPS proxy (BEHIND_HTTPS_PROXY), every request comes from the proxy's
    address; the proxy appends the address it saw to X-Forwarded-For. Only that last entry is
    trustworthy: the earlier ones are whatever the client chose to send (TRUSTED_PROXY_HOPS when
    several proxies of ours each append one). Without the setting the
    header is ignored altogether, or anyone could pick a fresh address for every attempt.
    """
    if getattr(settings, "BEHIND_HTTPS_PROXY", False):
        hops = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        # With several proxies of ours in a row (a load balancer, then nginx), each appends one
        # entry: the client is that many entries from the end.
        trusted = max(1, getattr(settings, "TRUSTED_PROXY_HOPS", 1))
        if len(hops) >= trusted and _is_address(hops[-trusted]):
            return hops[-trusted]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else None


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per subject in a window of `window` seconds."""

    scope: str
    limit: int
    window: int

    def _key(self, subject: str) -> tuple[str, int]:
        digest = hashlib.blake2b(subject.encode(), digest_size=12).hexdigest()
        now = time.time()
        index = int(now // self.window)
        remaining = int((index + 1) * self.window - now) + 1
        return f"throttle:{self.scope}:{digest}:{index}", remaining

    def wait(self, subject: str | None) -> int:
        """Seconds before this subject may try again; 0 when it may try now."""
        if not subject:
            return 0
        key, remaining = self._key(subject)
        return remaining if (cache.get(key) or 0) >= self.limit else 0

    def hit(self, subject: str | None) -> None:
        if not subject:
            return
        key, _remaining = self._key(subject)
        if cache.add(key, 1, timeout=self.window + 1):
            return
        try:
            cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.set(key, 1, timeout=self.window + 1)

    def reset(self, subject: str | None) -> None:
        if subject:
            cache.delete(self._key(subject)[0])


def longest_wait(checks: list[tuple[Limit, str | None]]) -> int:
    return max((limit.wait(subject) for limit, subject in checks), default=0)


class Throttled(Exception):
    """Too many attempts: the API answers 429 with Retry-After and this French message."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
