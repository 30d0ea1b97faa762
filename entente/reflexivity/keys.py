"""The keyed hash that finds an anonymous answer again without storing who gave it."""

import hashlib
import hmac

from django.conf import settings


def respondent_key(salt: str, who: str) -> str:
    """HMAC of the respondent under the site's secret and the campaign's (or session's) own salt.

    Without the secret key nobody can tell whose answer a key is; the salt keeps the keys of one
    person different from one campaign to the next, so answers cannot be matched across campaigns.
    """
    message = f"{salt}:{who}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
