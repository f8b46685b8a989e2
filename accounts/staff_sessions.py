"""The clocks of a staff session: 30 minutes without activity, 12 hours in all.

accounts.middleware.StaffSessionTimeoutMiddleware enforces them; the admin's notice
(static/js/staff_session.js) and its dashboard panel show them to the person before they run out.
"""

import time
from datetime import datetime

from django.conf import settings
from django.utils import timezone

# When the staff session began and when it was last used, as Unix times in the session.
SESSION_STARTED = "staff_session_started"
SESSION_LAST_ACTIVE = "staff_session_last_active"


def staff_session_times(request, now: float | None = None) -> dict[str, float]:
    """Seconds until this session ends for inactivity and for its overall limit."""
    now = time.time() if now is None else now
    started = request.session.get(SESSION_STARTED, now)
    last_active = request.session.get(SESSION_LAST_ACTIVE, now)
    return {
        "idle_seconds_left": last_active + settings.STAFF_SESSION_IDLE_SECONDS - now,
        "session_seconds_left": started + settings.STAFF_SESSION_MAX_SECONDS - now,
    }


def staff_session_ends_at(request) -> datetime:
    """The latest time this session can last, however active the person is."""
    started = request.session.get(SESSION_STARTED, time.time())
    return datetime.fromtimestamp(
        started + settings.STAFF_SESSION_MAX_SECONDS, tz=timezone.get_current_timezone()
    )


def start_staff_session(request) -> None:
    now = time.time()
    request.session[SESSION_STARTED] = now
    request.session[SESSION_LAST_ACTIVE] = now


def staff_session_limits() -> str:
    """The limits in a sentence, for the pages staff see."""
    minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
    hours = settings.STAFF_SESSION_MAX_SECONDS // 3600
    return (
        f"For your security, you will be signed out after {minutes} minutes without activity, "
        f"and {hours} hours after you signed in."
    )
