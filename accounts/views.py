"""The staff pages of our own, beside allauth's: the session clock for the admin's notice, and the
page for someone signed in who has no role yet."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.roles import has_a_role, people_who_give_roles
from accounts.staff_sessions import staff_session_times


@never_cache
@require_http_methods(["GET", "POST"])
def staff_session(request):
    """How long the signed-in person has before they are signed out, for the admin's notice.

    GET only reads (it does not count as activity); POST is "stay signed in" and counts as
    activity, so it restarts the 30 minutes. The overall 12 hours cannot be extended.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    times = staff_session_times(request)
    return JsonResponse(
        {
            "signed_in": True,
            "idle_seconds_left": max(0, int(times["idle_seconds_left"])),
            "session_seconds_left": max(0, int(times["session_seconds_left"])),
            "warning_seconds": settings.STAFF_SESSION_WARNING_SECONDS,
        }
    )


def not_found(request):
    """A path that exists in a package we use but not on this site."""
    raise Http404


@never_cache
@login_required
def no_role(request):
    """For someone signed in who has no role yet: who they are, and whom to ask for one."""
    if has_a_role(request.user):
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request, "account/no_role.html", {"people_who_give_roles": people_who_give_roles()}
    )
