"""Rate limits per client, counted in the cache.

A client is its network as `cms.client_address.client_network` finds it through the trusted
proxies (the same one staff sign-in counts), known only by a salted hash (salted with the site's
secret and the day), kept for the few minutes of the window: no address is stored anywhere.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from cms.client_address import client_network


def _client_hash(request, scope: str) -> str:
    address = client_network(request)
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    return hmac.new(salt.encode(), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()


def allow(request, scope: str) -> bool:
    """Count one attempt at `scope` (see settings.SURVEY_RATE_LIMITS); False once over the limit."""
    limit, seconds = settings.SURVEY_RATE_LIMITS[scope]
    key = f"surveys:rate:{scope}:{_client_hash(request, scope)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def window_minutes(scope: str) -> int:
    return max(1, settings.SURVEY_RATE_LIMITS[scope][1] // 60)
