"""Who a request comes from, as far as rate limits need to know: one function for every limiter
(staff sign-in and the surveys), so they all count the same client behind the same proxies.

Behind a load balancer every request arrives from the balancer's address; the client's is the
last one the trusted proxies added to X-Forwarded-For (settings.TRUSTED_PROXY_COUNT of them). What
a client writes in that header itself comes before them, and is ignored.
"""

import ipaddress

from django.conf import settings


def _clean(candidate: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    candidate = candidate.strip()
    if candidate.startswith("[") and "]" in candidate:  # "[2001:db8::1]:443"
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # "203.0.113.9:443"
        candidate = candidate.split(":")[0]
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


def client_network(request) -> str:
    """The client's address as the trusted proxies saw it; an IPv6 address as its /64 network,
    because a provider gives each home or phone a whole /64. A request that did not come through
    every trusted proxy (too few forwarded addresses) is known by the address that connected."""
    address = None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            address = _clean(forwarded[-proxies])
    if address is None:
        address = _clean(request.META.get("REMOTE_ADDR", ""))
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)
