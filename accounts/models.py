from django.conf import settings
from django.db import models
from django.utils import timezone


class StaffEvent(models.Model):
    """One line of the staff audit log: who did what to an account, or with people's answers.

    Written only through `accounts.audit.record_staff_event`. Never holds an IP address or user
    agent. Deleted after `STAFF_AUDIT_RETENTION_DAYS`, like everything else the site keeps.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member the event is about, while their account exists.",
    )
    account = models.CharField(
        max_length=254, blank=True, help_text="Their email address at the time."
    )
    description = models.CharField(max_length=255)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = "staff audit event"
        # Only the view permission is used: nobody edits or deletes the audit log in the admin.
        default_permissions = ("view",)

    def __str__(self):
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.account or 'unknown account'}: {self.action}"
        )
