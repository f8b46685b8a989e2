"""The demo administrator, for development only: `make run` signs in as them, with 2-step
verification already set up. The demo command refuses to run under production settings."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt

from django.contrib.auth import get_user_model
from django.db import transaction

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "promise-demo-admin"  # noqa: S105 - development only: see the docstring


@transaction.atomic
def make_demo_administrator() -> tuple:
    """The demo administrator (a superuser), made if missing, with 2-step verification set up.
    Returns the user and the setup key for an authenticator app."""
    admin, created = get_user_model().objects.get_or_create(
        username=DEMO_ADMIN_EMAIL,
        defaults={"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_ADMIN_PASSWORD)
        admin.save()
    return admin, set_up_demo_two_step(admin)


@transaction.atomic
def set_up_demo_two_step(user) -> str:
    """Give the demo administrator 2-step verification, so `make run` leads straight in.

    Superusers must have it (accounts.middleware.StaffMFARequiredMiddleware). Returns the setup key
    for an authenticator app; `manage.py demo_sign_in_code` prints the current code from it.
    Development only: the demo command refuses production settings.
    """
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    RecoveryCodes.activate(user)
    return decrypt(totp.data["secret"])


def current_sign_in_code(user) -> tuple[str, int]:
    """The 6-digit code an authenticator app shows now for `user`, and seconds it has left."""
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    now = int(time.time())
    counter, elapsed = divmod(now, mfa_settings.TOTP_PERIOD)
    code = format_hotp_value(hotp_value(decrypt(totp.data["secret"]), counter))
    return code, mfa_settings.TOTP_PERIOD - elapsed
