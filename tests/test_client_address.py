"""One function finds the client's address for every rate limit, staff sign-in and surveys alike."""

import pytest

from accounts.adapters import StaffAccountAdapter
from config.client_address import client_network


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "network"),
    [
        (0, "203.0.113.9", "", "203.0.113.9"),
        # With no proxy trusted, X-Forwarded-For is whatever the client wrote: ignored.
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        (1, "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.5", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.9", "203.0.113.9"),
        # A request that did not come through the proxies: the address that connected.
        (2, "10.0.0.5", "203.0.113.9", "10.0.0.5"),
        (1, "10.0.0.5", "", "10.0.0.5"),
        (1, "10.0.0.5", "not-an-address", "10.0.0.5"),
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::"),
        (1, "10.0.0.5", "2001:db8:1:2:ffff::9", "2001:db8:1:2::"),
        (1, "10.0.0.5", "[2001:db8::1]:443", "2001:db8::"),
    ],
)
def test_the_client_network_is_found_through_the_trusted_proxies(
    rf, settings, proxies, remote_addr, forwarded_for, network
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_network(request) == network


def test_staff_sign_in_counts_the_same_network(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    adapter = StaffAccountAdapter()
    behind_proxy = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="2001:db8:1:2::1")
    same_network = rf.get("/", REMOTE_ADDR="10.0.0.6", HTTP_X_FORWARDED_FOR="2001:db8:1:2::9")
    other = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="2001:db8:1:3::1")
    assert adapter.get_client_ip(behind_proxy) == adapter.get_client_ip(same_network)
    assert adapter.get_client_ip(behind_proxy) != adapter.get_client_ip(other)
    assert "2001" not in adapter.get_client_ip(behind_proxy)


def test_one_keyed_hash_keeps_every_stored_hash_as_it_was(settings):
    """Resume codes, invitation tokens and submission ids are stored as this hash: it must stay
    the HMAC-SHA256 of “kind:value” under the secret key, or none would be found again."""
    import hashlib
    import hmac

    from config.hashing import keyed_hash
    from surveys.codes import hash_invitation_token, hash_resume_code

    key = settings.SECRET_KEY.encode()
    assert (
        hash_resume_code("KT4M9XPW")
        == hmac.new(key, b"resume-code:KT4M9XPW", hashlib.sha256).hexdigest()
    )
    assert hash_invitation_token("abc") == keyed_hash("invitation", "abc")
    assert keyed_hash("start", "203.0.113.9", salt="2026-05-01") != keyed_hash(
        "start", "203.0.113.9", salt="2026-05-02"
    )
