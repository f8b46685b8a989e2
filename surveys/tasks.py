"""Background work for the survey engine, through django-tasks."""

import logging

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from cms.roles import SAFEGUARDING_LEADS

logger = logging.getLogger(__name__)


def safeguarding_recipients() -> list[str]:
    """The active Safeguarding leads with an email address, and any extra alert addresses."""
    leads = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SAFEGUARDING_LEADS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted({*leads, *settings.SAFEGUARDING_ALERT_EMAILS})


@task()
def notify_safeguarding_leads(flag_id: int) -> int:
    """Email each Safeguarding lead a link to the flag in the admin: never the answer itself.

    Returns how many people were told.
    """
    from surveys.models import SafeguardingFlag

    flag = SafeguardingFlag.objects.filter(pk=flag_id).first()
    if flag is None:
        return 0
    recipients = safeguarding_recipients()
    if not recipients:
        logger.error("Safeguarding flag %d raised, but no Safeguarding lead to tell", flag_id)
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "safeguarding_flags:edit", args=[flag_id]
    )
    body = (
        "An answer to a survey on Our Promise, Our Voice used words on the safeguarding list.\n\n"
        f"Please look at it as soon as you can:\n{link}\n\n"
        "To keep the answer private, this email does not include it. You will need to sign in.\n"
        f"Flag {flag_id}, raised on {flag.raised_on:%-d %B %Y}.\n"
    )
    messages = [
        EmailMessage(
            subject="A survey answer needs a safeguarding check",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
        )
        for recipient in recipients
    ]
    get_connection().send_messages(messages)
    return len(messages)
