"""Django's database sessions, keeping for respondents only the day a session ends.

A session row's expiry is the time it was last saved plus SESSION_COOKIE_AGE, to the
microsecond: for someone answering a survey that is a time of day kept with their draft (and,
before it is forgotten, their invitation). For anyone not signed in, the row keeps instead the
midnight after that moment: the day, not the time. Staff sessions keep the exact time, which
their own limits need (accounts.middleware.StaffSessionTimeoutMiddleware).
"""

import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def get_expiry_date(self, **kwargs) -> datetime.datetime:
        expires = super().get_expiry_date(**kwargs)
        if self.get(SESSION_KEY) is not None:
            return expires
        day_after = timezone.localdate(expires) + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
