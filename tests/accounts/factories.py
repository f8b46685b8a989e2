import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a long staff password 2026"


class StaffUserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"staff{n}@clacks.example")
    username = factory.LazyAttribute(lambda user: user.email)
    first_name = "Alex"
    last_name = "Morgan"
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


def make_staff_member(role=None, *, two_step=True, superuser=False, email=None):
    """A member of staff in `role` (a group name or None), with 2-step verification or not.

    The TOTP setup key is on `user.totp_secret`, for `totp_code(user)`.
    """
    extra = {"email": email} if email else {}
    user = StaffUserFactory(is_superuser=superuser, **extra)
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    user.totp_secret = None
    if two_step:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
        RecoveryCodes.activate(user)
    return user


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app would show now (or `offset` periods from now)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))
