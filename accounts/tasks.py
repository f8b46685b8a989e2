"""Background work for staff accounts, through django-tasks."""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection

from accounts.roles import SAFEGUARDING_LEADS


def email_each(*, recipients: list[str], subject: str, body: str) -> int:
    """One message to each recipient (none sees the others' addresses), over one connection.
    Returns how many were sent."""
    messages = [
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
        for to in recipients
    ]
    get_connection().send_messages(messages)
    return len(messages)


@task()
def tell_safeguarding_leads_who_joined(*, user_id: int, added_by: str) -> int:
    """Email every other active Safeguarding lead that someone joined them, and so can now read
    every flagged answer. Returns how many were told."""
    users = get_user_model().objects.filter(is_active=True)
    joined = users.filter(pk=user_id).first()
    if joined is None:
        return 0
    others = (
        users.filter(groups__name=SAFEGUARDING_LEADS)
        .exclude(pk=user_id)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    name = joined.get_full_name()
    who = f"{name} ({joined.email})" if name else joined.email
    body = (
        f"{who} has joined the Safeguarding leads on {settings.WAGTAIL_SITE_NAME}, {added_by}. "
        "They can now read every answer flagged for a safeguarding check.\n\n"
        "If you did not expect this, tell your manager and the council's information governance "
        "team today. The staff audit log in the admin records who added them.\n"
    )
    return email_each(
        recipients=sorted(others), subject="Someone has joined the Safeguarding leads", body=body
    )
