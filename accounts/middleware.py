"""Staff sessions and the sign-in steps a role needs, enforced on every request: signed out
after 30 minutes without activity or 12 hours in all, sent to set up 2-step verification before
any staff page, and shown who to ask when signed in without a role."""

import time

from allauth.mfa.utils import is_mfa_enabled

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse

from accounts.audit import SIGN_OUT_REASON
from accounts.roles import has_a_role, user_requires_mfa
from accounts.staff_sessions import (
    SESSION_LAST_ACTIVE,
    SESSION_STARTED,
    staff_session_times,
    start_staff_session,
)

# Requests that keep a session alive without anyone doing anything: the admin's own background
# pings while an edit form is open, and the timeout notice asking how long is left.
NOT_ACTIVITY_PREFIXES = ("/admin/editing-sessions/",)
# Writing the session on every request is wasted work; half a minute's precision is plenty.
ACTIVITY_RESOLUTION_SECONDS = 30

ADMIN_PREFIX = "/admin/"


def counts_as_activity(request) -> bool:
    if request.path.startswith(NOT_ACTIVITY_PREFIXES):
        return False
    # Asking how long is left (GET) is not activity; "stay signed in" (POST) is.
    return not (request.path == reverse("staff_session") and request.method == "GET")


class StaffSessionTimeoutMiddleware:
    """Sign staff out after 30 minutes without activity and after 12 hours in all.

    Only signed-in people have these timestamps: a public visitor's request never touches the
    session, so public pages still set no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        if SESSION_STARTED not in request.session:
            start_staff_session(request)
            return None
        now = time.time()
        times = staff_session_times(request, now)
        if times["session_seconds_left"] <= 0:
            hours = settings.STAFF_SESSION_MAX_SECONDS // 3600
            return self._sign_out(
                request,
                reason=f"after {hours} hours",
                message=f"For your security, you were signed out after {hours} hours. "
                "Please sign in again.",
            )
        if times["idle_seconds_left"] <= 0:
            minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
            return self._sign_out(
                request,
                reason=f"after {minutes} minutes without activity",
                message=f"For your security, you were signed out after {minutes} minutes "
                "without activity. Please sign in again.",
            )
        last_active = request.session[SESSION_LAST_ACTIVE]
        if counts_as_activity(request) and now - last_active >= ACTIVITY_RESOLUTION_SECONDS:
            request.session[SESSION_LAST_ACTIVE] = now
        return None

    def _sign_out(self, request, *, reason: str, message: str):
        setattr(request, SIGN_OUT_REASON, reason)
        logout(request)
        messages.info(request, message)
        if request.path == reverse("staff_session"):
            return JsonResponse({"signed_in": False}, status=401)
        return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))


class StaffMFARequiredMiddleware:
    """Send anyone whose role needs 2-step verification to set it up before any staff page.

    Roles that can see answers, free text, exports or safeguarding flags (and superusers) need it:
    see accounts.roles.ROLES_REQUIRING_MFA.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(settings.STAFF_PATH_PREFIXES)
            and request.path != reverse("wagtailadmin_logout")
            and request.user.is_authenticated
            and user_requires_mfa(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                "Your role lets you see what people have told us, so you need to set up "
                "2-step verification before you can use the admin.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class StaffWithoutRoleMiddleware:
    """Someone signed in with no role yet is shown a page that says so, instead of the admin.

    Wagtail sends them to the sign-in page, which sends a signed-in person back to the admin: the
    browser would go round until it gave up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(ADMIN_PREFIX)
            and request.path != reverse("wagtailadmin_logout")
            and request.user.is_authenticated
            and not has_a_role(request.user)
        ):
            return redirect("staff_no_role")
        return self.get_response(request)
