"""Tests: fast hashing, local memory cache unless REDIS_URL is given, tasks run at once."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Served by WhiteNoise straight from the source folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://testserver")
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Its table exists in tests, so that work queued for later (the daily retention run) can be
# tested against the database backend production uses.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
ALLOW_DEMO_CONTENT = True  # the demo content is tested too
