"""Django's sessions, kept in the database (and read from the cache where every process shares
it), keeping for respondents only the day a session ends.

A session row's expiry is the time it was last saved plus SESSION_COOKIE_AGE, to the
microsecond: for someone answering a survey that is a time of day kept with their draft (and,
before it is forgotten, their invitation). For anyone not signed in, the row keeps instead the
midnight after that moment: the day, not the time; and a copy in the cache is kept until that
same midnight, so the cache's own expiry says no more. Staff sessions keep the exact time, which
their own limits need (accounts.middleware.StaffSessionTimeoutMiddleware).

Where the cache is shared by every process (Redis, as production has it), sessions are Django's
"cached_db": every page reads the session, and a read from Redis costs a third of a query;
every change is written to the database first, so nothing is lost when the cache is. A cache
in each process's own memory (development, and tests without REDIS_URL) would hand one worker
another's old copy, so there sessions are read from the database.
"""

import datetime

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


class KeepsOnlyTheDay:
    def get_expiry_date(self, **kwargs) -> datetime.datetime:
        expires = super().get_expiry_date(**kwargs)
        if self.get(SESSION_KEY) is not None or isinstance(kwargs.get("expiry"), datetime.datetime):
            return expires  # a row's own expiry (as the cache is filled from it) is the day already
        day_after = timezone.localdate(expires) + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    def get_expiry_age(self, **kwargs) -> int:
        """Seconds until `get_expiry_date`: how long the cache keeps the session."""
        if self.get(SESSION_KEY) is not None:
            return super().get_expiry_age(**kwargs)
        modification = kwargs.get("modification") or timezone.now()
        delta = self.get_expiry_date(**kwargs) - modification
        return delta.days * 86400 + delta.seconds


class DatabaseDaySessionStore(KeepsOnlyTheDay, DatabaseSessionStore):
    pass


class CachedDaySessionStore(KeepsOnlyTheDay, CachedDatabaseSessionStore):
    pass


def cache_is_shared() -> bool:
    """Whether every process sees the same cache: not one in each process's memory."""
    backend = settings.CACHES[settings.SESSION_CACHE_ALIAS]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


READ_FROM_CACHE = cache_is_shared()
SessionStore = CachedDaySessionStore if READ_FROM_CACHE else DatabaseDaySessionStore
