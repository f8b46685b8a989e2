"""Settings shared by every environment.

Everything secret or site-specific comes from the environment.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "accounts",
    "cms",
    "surveys",
    "participation",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.StaffUsersConfig",  # Wagtail's user admin, with email as the username
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default: WAL journal, a busy timeout and immediate transactions, so that several
# workers writing at once wait their turn instead of failing with "database is locked".
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request reuses it, so that after the database
        # restarts one request does not fail on a connection that died with it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "promise",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (Wagtail's own tasks and ours) runs through django-tasks.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed by npm from package.json; served from our own domain, never from a CDN.
    (
        "design-system",
        BASE_DIR / "node_modules" / "@scottish-government" / "design-system" / "dist",
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / env("MEDIA_DIR", "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: the console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "promise-participation@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Only the site itself. Images may be inline SVG data (the design system's icons use them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features the site never uses, allowed to nobody (the Permissions-Policy header).
# Clipboard writing stays: the admin's "copy" buttons use it.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Database sessions, read from the cache, that keep only the day for anyone not signed in
# (config/sessions.py).
SESSION_ENGINE = "config.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_AGE = None  # gone when the browser closes: phones and computers are often shared

# `manage.py load_demo_content` (an administrator with a published password, made-up answers) runs
# only where this is on: development and tests, never production.
ALLOW_DEMO_CONTENT = False

WAGTAIL_SITE_NAME = "Our Promise, Our Voice"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would otherwise call out to another host
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Reviewers publish by approving, without a permission to publish directly (cms/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.publish_when_approved"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff avatars would otherwise be fetched from another host
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Every task logs its start and end at INFO: only problems are worth a line.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# Staff accounts. django-allauth is the one way in, for the admin and every staff page; nobody
# signs up: administrators add staff in the admin and the site emails them an invitation.
INSTALLED_APPS += ["allauth", "allauth.account", "allauth.mfa"]
MIDDLEWARE += [
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionTimeoutMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    "accounts.middleware.StaffWithoutRoleMiddleware",
]
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset flow instead, with its rate limits
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # staff change their password at /accounts/
WAGTAILUSERS_PASSWORD_ENABLED = False  # administrators never know a colleague's password

ACCOUNT_ADAPTER = "accounts.adapters.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
# Administrators vouch for the address; the invitation link proves it (see accounts/invitations.py).
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # sign in afterwards, with the second step too
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Our Promise, Our Voice: "
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell staff when their password or sign-in steps change
ACCOUNT_PREVENT_ENUMERATION = True
# Counted in the cache (Redis in production, so every worker shares the counts). Addresses are
# hashed before they become cache keys (accounts/adapters.py).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Wrong passwords, and wrong 2-step codes (allauth counts those per account under this name).
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "signup": "20/m/ip",
}
ACCOUNT_FORMS = {
    "login": "accounts.forms.StaffLoginForm",
    "reset_password": "accounts.forms.StaffResetPasswordForm",
    "reset_password_from_key": "accounts.forms.StaffResetPasswordKeyForm",
    "change_password": "accounts.forms.StaffChangePasswordForm",
    "reauthenticate": "accounts.forms.StaffReauthenticateForm",
}
# How many proxies (load balancers) stand in front of the site and add to X-Forwarded-For: every
# rate limit finds the client through them (config.client_address.client_network).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

MFA_ADAPTER = "accounts.adapters.StaffMFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.StaffAuthenticateForm",
    "reauthenticate": "accounts.forms.StaffMFAReauthenticateForm",
    "activate_totp": "accounts.forms.StaffActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
MFA_TOTP_TOLERANCE = 1  # a phone clock 30 seconds out still works

# Staff sessions end after 30 minutes without activity and after 12 hours in all
# (accounts/middleware.py); the admin warns five minutes before (static/js/staff_session.js).
STAFF_SESSION_IDLE_SECONDS = 30 * 60
STAFF_SESSION_MAX_SECONDS = 12 * 60 * 60
STAFF_SESSION_WARNING_SECONDS = 5 * 60
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
# Pages under these paths are for staff: roles that see answers need 2-step verification there.
STAFF_PATH_PREFIXES = ("/admin/",)
# The staff audit log is kept this many days, then deleted by the nightly retention run: longer
# than a closed safeguarding flag, so that who read one can be answered while it exists.
STAFF_AUDIT_RETENTION_DAYS = int(env("STAFF_AUDIT_RETENTION_DAYS", "730"))

# Surveys: how long things are kept (applied daily by `manage.py apply_retention`; see
# docs/deployment.md), and the limits on answering.
SURVEY_FREE_TEXT_RETENTION_DAYS = int(env("SURVEY_FREE_TEXT_RETENTION_DAYS", "365"))  # after cycle
SURVEY_DRAFT_RETENTION_DAYS = int(env("SURVEY_DRAFT_RETENTION_DAYS", "30"))  # after last saved
SURVEY_INVITATION_RETENTION_DAYS = int(env("SURVEY_INVITATION_RETENTION_DAYS", "0"))  # after cycle
SURVEY_CLOSED_FLAG_RETENTION_DAYS = int(env("SURVEY_CLOSED_FLAG_RETENTION_DAYS", "365"))
# Per client, counted in the cache under a salted hash of the address: (attempts, seconds).
# Generous for starting and sending, as a school or children's house shares one address.
SURVEY_RATE_LIMITS = {
    "start": (120, 600),
    "submit": (120, 600),
    "save": (40, 600),
    "resume": (20, 600),
    "invitation": (30, 600),
}
# Told about every safeguarding flag, besides the members of the Safeguarding leads group.
SAFEGUARDING_ALERT_EMAILS = env_list("SAFEGUARDING_ALERT_EMAILS")
# A form sent without a valid CSRF token gets its page back with a message, not a bare 403.
CSRF_FAILURE_VIEW = "surveys.views.csrf_failure"
