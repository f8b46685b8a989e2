from django.conf import settings
from django.db import models
from django.db.models import ProtectedError
from django.utils import timezone

from wagtail.admin.panels import FieldPanel

from surveys.models.records import Response


class SafeguardingTerm(models.Model):
    """A word or phrase that, found in a typed answer, flags it for the Safeguarding leads."""

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text="Matched as whole words, as children type them: “hurts me” also matches “he "
        "HURTS me”, “hurting me” and “h u r t s me”; “kill myself” matches “kill my self” and "
        "“kill myslef”. Add other words for the same thing, not other spellings.",
    )
    active = models.BooleanField(default=True, help_text="Switch off instead of deleting.")

    panels = [FieldPanel("phrase"), FieldPanel("active")]

    class Meta:
        ordering = ["phrase"]
        verbose_name = "safeguarding word or phrase"
        verbose_name_plural = "safeguarding words and phrases"

    def __str__(self):
        return self.phrase


class FlagStatus(models.TextChoices):
    NEW = "new", "New"
    SEEN = "seen", "Seen"
    ACTED_ON = "acted_on", "Acted on"
    CLOSED = "closed", "Closed"


class SafeguardingFlag(models.Model):
    """A typed answer that matched the safeguarding list, for a Safeguarding lead to look at.

    The flag records which listed words matched, never the answer itself; the answer is shown only
    on the flag's page in the admin, to Safeguarding leads.
    """

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="safeguarding_flags"
    )
    question_key = models.CharField(max_length=50)
    matched_terms = models.CharField(max_length=500)
    status = models.CharField(max_length=20, choices=FlagStatus.choices, default=FlagStatus.NEW)
    raised_on = models.DateField(default=timezone.localdate)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Days, not times: a time of day kept with a flag would say when a child answered.
    handled_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    wagtail_reference_index_ignore = True  # see Response

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["status", "closed_on"], name="flag_status_closed_on")]

    def __str__(self):
        return f"Flag {self.pk}: {self.question_key} ({self.get_status_display()})"

    @property
    def answer_texts(self) -> list[str]:
        return [
            answer.text
            for answer in self.response.answers.all()
            if answer.question_key == self.question_key and answer.text
        ]


class SafeguardingFlagEvent(models.Model):
    """Each status change on a flag, with who made it, the day, and their note."""

    flag = models.ForeignKey(SafeguardingFlag, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=FlagStatus.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_on = models.DateField(default=timezone.localdate)

    wagtail_reference_index_ignore = True  # see Response

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} by {self.by} on {self.recorded_on:%-d %B %Y}"


def refuse_to_delete_open_flags(sender, instance: SafeguardingFlag, **kwargs) -> None:
    """A flag a Safeguarding lead has not closed is never deleted: not by itself, not in a
    queryset, not with its response. Connected to pre_delete, which every path sends; the
    error undoes the whole transaction that tried, so nothing else it deleted is lost either."""
    if instance.status != FlagStatus.CLOSED:
        raise ProtectedError(
            f"{instance} is still open: a Safeguarding lead must close it before it can go.",
            {instance},
        )
