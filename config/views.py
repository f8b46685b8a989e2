import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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


# How long to tell a browser (or a load balancer) to wait before trying again.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """A 500 page in the site's style that needs nothing from the database to render; a 503
    page, saying to try again soon, when the error was the database not answering (restarted,
    or its connections dropped): the next request opens a new connection, so the site recovers
    by itself."""
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
