"""Staff accounts: inviting a new member of staff, and keeping their email address verified.

Administrators add staff in Wagtail's user admin (accounts/users.py) without a password; the site
emails the new person a link, made by allauth's password reset flow, to choose one. Anyone who
loses the email can ask for a new link on the sign-in page ("Forgotten your password?").
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from accounts.audit import record_staff_event
from accounts.roles import role_names

INVITATION_EMAIL = "account/email/staff_invitation"


def invitation_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


@transaction.atomic
def invite_staff_member(*, request: HttpRequest, user, invited_by) -> None:
    """Email `user` a single-use link to choose their password, and record who invited them.

    The link is allauth's password reset link, so it stops working once used, when the password
    changes, and after PASSWORD_RESET_TIMEOUT (3 days by default).
    """
    from allauth.account import app_settings as account_settings
    from allauth.account.adapter import get_adapter
    from allauth.account.utils import user_pk_to_url_str
    from allauth.core import context

    with context.request_context(request):
        adapter = get_adapter(request)
        token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
        url = adapter.get_reset_password_from_key_url(f"{user_pk_to_url_str(user)}-{token}")
        adapter.send_mail(
            INVITATION_EMAIL,
            user.email,
            {
                "user": user,
                "invited_by": invited_by.get_full_name() or invited_by.email,
                "password_set_url": url,
                "valid_days": invitation_valid_days(),
                "roles": role_names(user),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
    roles = ", ".join(role_names(user)) or "no role yet"
    record_staff_event(
        action="account.invited",
        description=f"Invited by {invited_by.email} (roles: {roles}).",
        user=user,
    )


def mark_email_verified(*, user) -> None:
    """Record the user's email address as theirs and verified, replacing any older address.

    Called when they set a password from an emailed link, which proves they read that inbox.
    """
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
        address, _ = EmailAddress.objects.get_or_create(
            user=user, email=user.email.lower(), defaults={"primary": True, "verified": True}
        )
        if not (address.primary and address.verified):
            address.primary = address.verified = True
            address.save(update_fields=["primary", "verified"])


def _on_password_reset(sender, request, user, **kwargs):
    mark_email_verified(user=user)


def connect_signals() -> None:
    from allauth.account import signals as account_signals

    account_signals.password_reset.connect(
        _on_password_reset, dispatch_uid="accounts.invitations.reset"
    )
