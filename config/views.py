from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers; says nothing else about the system."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """A 500 page in the site's style that needs nothing from the database to render."""
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


@never_cache
@require_http_methods(["GET", "POST"])
def staff_session(request):
    """How long the signed-in person has before they are signed out, for the admin's notice.

    GET only reads (it does not count as activity); POST is "stay signed in" and counts as
    activity, so it restarts the 30 minutes. The overall 12 hours cannot be extended.
    """
    from cms.staff_sessions import staff_session_times

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
    from cms.roles import has_a_role, people_who_give_roles

    if has_a_role(request.user):
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request, "account/no_role.html", {"people_who_give_roles": people_who_give_roles()}
    )
