import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from surveys.models.choices import AgeBand, AnsweredWith, Audience, CarerRole, Theme


class Cycle(models.Model):
    """A survey year such as “2026–27”: the period that results are counted in and compared across.

    When a cycle ends its invitations are deleted, and its free-text answers are deleted once the
    retention period after its end has passed.
    """

    name = models.CharField(max_length=20, unique=True, help_text="For example: 2026–27")
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The last day of the cycle.")

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "A cycle must end after it starts."})


class Invitation(models.Model):
    """A single-use link to a survey that needs one (the carers’ annual evaluation).

    Only a hash of the token is kept: the link itself exists only in the CSV handed to the survey
    manager when it is made. It is marked used when a response is submitted with it, and no
    response records which invitation it came from.
    """

    survey = models.ForeignKey(
        "surveys.SurveyPage", on_delete=models.CASCADE, related_name="invitations"
    )
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(max_length=20, choices=CarerRole.choices, blank=True)
    created_on = models.DateField(default=timezone.localdate, editable=False)
    used = models.BooleanField(default=False, editable=False)

    wagtail_reference_index_ignore = True  # see Response

    class Meta:
        ordering = ["-created_on", "pk"]

    def __str__(self):
        label = f" ({self.get_label_display()})" if self.label else ""
        return f"Invitation {self.pk} to “{self.survey.title}”{label}"


class Draft(models.Model):
    """Answers so far, kept on the server after each page until they are sent.

    Found again by the browser's session, or by a short resume code of which only a hash is
    kept. Keeps the day it was last saved, never the time; its resume code works until the end
    of the day `SURVEY_DRAFT_RETENTION_DAYS` later, and the retention job deletes it after that.
    """

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="+")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="drafts"
    )
    # {question key: [values]}: a value list that is empty means the question was skipped.
    answers = models.JSONField(default=dict, blank=True)
    answered_with = models.CharField(max_length=20, choices=AnsweredWith.choices, blank=True)
    # Travels with the final form, so a repeated submission finds the response it already made.
    submission_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resume_code_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    last_question_key = models.CharField(max_length=50, blank=True)
    saved_on = models.DateField(auto_now=True)

    wagtail_reference_index_ignore = True  # see Response

    def __str__(self):
        return f"Draft {self.pk}"

    @property
    def last_day(self) -> datetime.date:
        """The last day its resume code works."""
        return self.saved_on + datetime.timedelta(days=settings.SURVEY_DRAFT_RETENTION_DAYS)

    def is_expired(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.last_day


class Response(models.Model):
    """One completed survey. Nothing in it identifies the person who answered: no account, no IP
    address, no browser, no invitation, and the day it was sent without the time."""

    survey = models.ForeignKey(
        "surveys.SurveyPage", on_delete=models.PROTECT, related_name="responses"
    )
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="responses")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    theme = models.CharField(max_length=30, choices=Theme.choices)
    role = models.CharField(max_length=20, choices=CarerRole.choices, blank=True)
    answered_with = models.CharField(max_length=20, choices=AnsweredWith.choices, blank=True)
    submitted_on = models.DateField()
    # A keyed hash of the id the answering form carried (surveys.codes.submission_key), never
    # the id itself: the draft had that, and the draft was tied to its invitation.
    submission_id = models.UUIDField(unique=True, editable=False)
    # Made up by the demo command so that the results pages have something to show; never set
    # for a real answer, and never made outside the demo command.
    demo = models.BooleanField(default=False, editable=False)

    # Never in Wagtail's reference index: on every save its background task would store this
    # record's id with the time to the microsecond, beside the ids of the others saved with it.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["survey", "cycle"], name="response_survey_cycle")]

    def __str__(self):
        return f"Response {self.pk} to “{self.survey.title}” ({self.submitted_on:%-d %B %Y})"


class Answer(models.Model):
    """One value of one answer: a multiple choice answer with three ticks is three rows, so that
    results are counted with SQL by question key, not by looping over JSON.

    `choice` holds the value chosen (also for scales), `number` the score where the scale has one
    (1 to 5 for faces and agreement, 0 to 10), `text` a typed answer, stored exactly as typed
    (control characters aside) and escaped wherever it is shown.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=50)
    choice = models.CharField(max_length=50, blank=True)
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    wagtail_reference_index_ignore = True  # see Response

    class Meta:
        indexes = [
            models.Index(fields=["question_key", "choice"], name="answer_key_choice"),
        ]

    def __str__(self):
        return f"{self.question_key}: {self.choice or self.number or '(text)'}"


class Tally(models.Model):
    """How many times each answer was given by each group, kept up to date in the same
    transaction as every response, so that results read a few hundred rows, not millions.

    A group is a cycle, theme, audience, age band and kind of carer. A row with a `choice` counts
    that answer to `question_key` (and adds up its scores, for averages); a row with no choice
    counts the people who answered the question at all; a row with neither counts the responses.
    `surveys.services.rebuild_tallies` makes them again from the Answer rows, and a test checks
    the two always agree. Counts only: nothing typed, no time, nothing about anyone.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(max_length=30, choices=Theme.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    role = models.CharField(max_length=20, choices=CarerRole.choices, blank=True)
    question_key = models.CharField(max_length=50, blank=True)
    choice = models.CharField(max_length=50, blank=True)
    count = models.PositiveIntegerField(default=0)
    score_total = models.IntegerField(default=0)
    scored = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "theme", "audience", "age_band", "role", "question_key", "choice"],
                name="one_tally_per_group_and_answer",
            )
        ]

    def __str__(self):
        return f"{self.cycle} {self.theme} {self.question_key} {self.choice}: {self.count}"


class ReceiptCode(models.Model):
    """The code on a survey's thank-you page that later opens what came of that survey's answers.

    Everyone who answers a survey in a cycle is given the same code, so it says nothing about
    any one person and cannot lead to their answers: it only names the survey and the cycle.
    """

    survey = models.ForeignKey(
        "surveys.SurveyPage", on_delete=models.CASCADE, related_name="receipt_codes"
    )
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="receipt_codes")
    code = models.CharField(max_length=12, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "cycle"], name="one_receipt_code_a_cycle")
        ]

    def __str__(self):
        return self.code
