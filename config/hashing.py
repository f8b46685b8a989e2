"""One keyed hash for everything the site keeps or counts only as a hash: resume codes,
invitation tokens and submission ids in the database, and the networks that rate limits count in
the cache.

An HMAC with the site's secret key, so that the database or the cache alone cannot be used to
test guesses. Changing how it is made would orphan every hash already stored.
"""

import hashlib
import hmac

from django.conf import settings


def keyed_hash(kind: str, value: str, *, salt: str = "") -> str:
    """The HMAC-SHA256 (64 hex digits) of “kind:value” under the site's secret key, joined to
    `salt` when one is given (the day, for a hash that should not be the same tomorrow).

    `kind` keeps hashes of different things apart: a resume code never matches an invitation
    token. The same arguments always give the same hash.
    """
    key = f"{settings.SECRET_KEY}:{salt}" if salt else settings.SECRET_KEY
    return hmac.new(key.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
