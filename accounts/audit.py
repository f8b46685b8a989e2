"""The staff audit log: the one record of what staff do with sign-in and with people's data.

Sign-ins, failed sign-ins and changes to a person's sign-in steps are recorded here, from allauth's
and Django's signals; every other app records through the same function, `record_staff_event`:
accounts and roles made, changed or deleted, invitations made, safeguarding flags read and moved
on, typed answers read or used, and every export. Administrators read the log in the admin
(Reports). It is kept `STAFF_AUDIT_RETENTION_DAYS`, then the nightly retention run deletes it.

Nothing here stores an IP address, a user agent, an answer, or what someone typed into the email
box when the account does not exist (people sometimes type their password there).
"""

import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed

from accounts.models import StaffEvent
from accounts.roles import SAFEGUARDING_LEADS
from accounts.tasks import tell_safeguarding_leads_who_joined

# A request attribute that says why the session ended, when the site ended it
# (accounts/middleware.py).
SIGN_OUT_REASON = "staff_sign_out_reason"

AUTHENTICATOR_NAMES = {
    "totp": "an authenticator app",
    "recovery_codes": "recovery codes",
    "webauthn": "a security key",
}


@transaction.atomic
def record_staff_event(*, action: str, description: str, user=None) -> StaffEvent:
    """Add one line to the audit log and return it.

    `action` is a short stable key such as "sign-in" or "results.export" that the log is filtered
    by; `description` is the sentence an administrator reads. `user` is the staff member the event
    is about (if known): their email address is kept with the line, so it still makes sense after
    their account is deleted. Pass no IP address, user agent or free-text answer in `description`.
    """
    return StaffEvent.objects.create(
        action=action,
        description=description[:255],
        user=user if user is not None and user.pk else None,
        account=getattr(user, "email", "") or "",
    )


def expired_staff_events(*, now: datetime.datetime) -> QuerySet[StaffEvent]:
    """The lines of the log older than `STAFF_AUDIT_RETENTION_DAYS`, for the nightly retention
    run to delete."""
    kept_since = now - datetime.timedelta(days=settings.STAFF_AUDIT_RETENTION_DAYS)
    return StaffEvent.objects.filter(occurred_at__lt=kept_since)


def _authentication_steps(request, user) -> str:
    from allauth.account.authentication import get_authentication_records

    steps = []
    for record in get_authentication_records(request, user) if request is not None else []:
        if record.get("method") == "password":
            steps.append("password")
        elif record.get("method") == "password_reset":
            steps.append("a password reset link")
        elif record.get("method") == "mfa":
            if record.get("type") == "recovery_codes":
                steps.append("a recovery code")
            else:
                steps.append(AUTHENTICATOR_NAMES.get(record.get("type"), "a second step"))
    return " and ".join(dict.fromkeys(steps))


def _on_signed_in(sender, request, user, **kwargs):
    steps = _authentication_steps(request, user)
    record_staff_event(
        action="sign-in",
        description=f"Signed in with {steps}." if steps else "Signed in.",
        user=user,
    )


def _on_sign_in_failed(sender, credentials, request=None, **kwargs):
    email = credentials.get("email") or credentials.get("username") or ""
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if user is None:
        # Not the typed text: it might be a password typed into the wrong box.
        record_staff_event(
            action="sign-in.failed",
            description="Failed sign-in for an email address that has no account.",
        )
        return
    record_staff_event(
        action="sign-in.failed", description="Failed sign-in: wrong password.", user=user
    )


def _on_signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    reason = getattr(request, SIGN_OUT_REASON, None)
    record_staff_event(
        action="sign-out",
        description=f"Signed out {reason}." if reason else "Signed out.",
        user=user,
    )


def _on_authenticator_added(sender, request, user, authenticator, **kwargs):
    name = AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.type)
    record_staff_event(
        action="mfa.added", description=f"Set up 2-step verification with {name}.", user=user
    )


def _on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    name = AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.type)
    record_staff_event(
        action="mfa.removed", description=f"Removed {name} from 2-step verification.", user=user
    )


def _on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    record_staff_event(
        action="mfa.reset", description="Made a new set of recovery codes.", user=user
    )


def _on_authenticator_used(sender, request, user, authenticator, **kwargs):
    if authenticator.type == "recovery_codes":
        left = len(authenticator.wrap().get_unused_codes())
        record_staff_event(
            action="mfa.recovery-code-used",
            description=f"Used a recovery code ({left} left).",
            user=user,
        )


def _on_authentication_failed(sender, request, user, authenticator, **kwargs):
    record_staff_event(
        action="mfa.failed",
        description="Failed sign-in: wrong 2-step verification code.",
        user=user,
    )


def _on_password_changed(sender, request, user, **kwargs):
    record_staff_event(action="password.changed", description="Changed their password.", user=user)


def _on_password_reset(sender, request, user, **kwargs):
    record_staff_event(
        action="password.reset",
        description="Set a new password from an emailed link.",
        user=user,
    )


# Joining the Safeguarding leads opens every disclosure to that person: it is an event of its own,
# however it happens (the user admin, a shell), and the other leads are told.


def _who_did_it() -> str:
    from allauth.core import context

    request = context.request
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"added by {user.email}"
    return "added outside the admin"


def _leads_changed(instance, action, reverse, pk_set, leads) -> list:
    """The people whose membership of the Safeguarding leads this m2m_changed signal is about."""
    if reverse:  # group.user_set changed: `instance` is the group, `pk_set` users
        if instance.pk != leads.pk:
            return []
        if action == "pre_clear":
            return list(instance.user_set.all())
        return list(get_user_model().objects.filter(pk__in=pk_set))
    # user.groups changed: `instance` is the user, `pk_set` groups
    if action == "pre_clear":
        return [instance] if instance.groups.filter(pk=leads.pk).exists() else []
    return [instance] if leads.pk in pk_set else []


def _on_roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    leads = Group.objects.filter(name=SAFEGUARDING_LEADS).first()
    if leads is None:
        return
    for user in _leads_changed(instance, action, reverse, pk_set, leads):
        if action != "post_add":
            record_staff_event(
                action="safeguarding-leads.left",
                description="Left the Safeguarding leads.",
                user=user,
            )
            continue
        added_by = _who_did_it()
        record_staff_event(
            action="safeguarding-leads.joined",
            description=f"Joined the Safeguarding leads, who read flagged answers ({added_by}).",
            user=user,
        )
        transaction.on_commit(
            partial(tell_safeguarding_leads_who_joined.enqueue, user_id=user.pk, added_by=added_by)
        )


def connect_signals() -> None:
    """Connect the receivers above; called once from the accounts app's ready()."""
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals

    user_logged_in.connect(_on_signed_in, dispatch_uid="accounts.audit.signed_in")
    user_login_failed.connect(_on_sign_in_failed, dispatch_uid="accounts.audit.sign_in_failed")
    user_logged_out.connect(_on_signed_out, dispatch_uid="accounts.audit.signed_out")
    mfa_signals.authenticator_added.connect(
        _on_authenticator_added, dispatch_uid="accounts.audit.1"
    )
    mfa_signals.authenticator_removed.connect(
        _on_authenticator_removed, dispatch_uid="accounts.audit.2"
    )
    mfa_signals.authenticator_reset.connect(
        _on_authenticator_reset, dispatch_uid="accounts.audit.3"
    )
    mfa_signals.authenticator_used.connect(_on_authenticator_used, dispatch_uid="accounts.audit.4")
    mfa_signals.authentication_failed.connect(
        _on_authentication_failed, dispatch_uid="accounts.audit.5"
    )
    account_signals.password_changed.connect(_on_password_changed, dispatch_uid="accounts.audit.6")
    account_signals.password_reset.connect(_on_password_reset, dispatch_uid="accounts.audit.7")
    m2m_changed.connect(
        _on_roles_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="accounts.audit.roles",
    )
