"""Rate limits per client, counted in the cache.

A client is its network as `config.client_address.client_network` finds it through the trusted
proxies (the same one staff sign-in counts), known only by a salted hash (salted with the site's
secret and the day), kept for the few minutes of the window: no address is stored anywhere.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from config.client_address import client_network
from config.hashing import keyed_hash


def _client_hash(request, scope: str) -> str:
    # Salted with the day too: tomorrow the same network has another hash.
    return keyed_hash(scope, client_network(request), salt=timezone.localdate().isoformat())


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
