"""How django-allauth behaves here: nobody signs up, addresses never reach a cache key in the clear,
and a role that needs 2-step verification cannot switch it off."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from accounts.roles import user_requires_mfa
from accounts.staff_sessions import start_staff_session
from config.client_address import client_network
from config.hashing import keyed_hash


class StaffAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or the password is not right. "
        "Check them and try again.",
        "too_many_login_attempts": "Too many tries that did not work. For your security, "
        "wait 5 minutes, then try again.",
        "rate_limited": "Too many tries. For your security, wait a few minutes, then try again.",
    }

    def is_open_for_signup(self, request):
        """Administrators add staff in the admin; there is no public sign-up."""
        return False

    def get_client_ip(self, request) -> str:
        """A keyed hash of the client's network (the same one the survey limits count), so
        rate-limit counters never hold an IP address."""
        return keyed_hash("sign-in", client_network(request))[:32]

    def get_http_user_agent(self, request) -> str:
        return ""  # never kept

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Changing how you sign in asks for your password again, unless you typed it just now.

        Someone sent to set up 2-step verification straight after signing in is not asked twice.
        """
        from allauth.account import app_settings as account_settings
        from allauth.account.authentication import get_authentication_records
        from allauth.core import context

        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        window = account_settings.REAUTHENTICATION_TIMEOUT
        return not any(
            record.get("method") == "password" and time.time() - record["at"] < window
            for record in records
        )

    def login(self, request, user) -> None:
        """Sign in, and start the clocks for the idle and overall session limits."""
        super().login(request, user)
        start_staff_session(request)


class StaffMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code is not right. Type the code your app shows now; "
        "a new one appears every 30 seconds.",
        "cannot_delete_authenticator": "Your role needs 2-step verification, so it has to stay on.",
    }

    def can_delete_authenticator(self, authenticator) -> bool:
        """Someone whose role needs 2-step verification cannot turn it off."""
        return not user_requires_mfa(authenticator.user)
