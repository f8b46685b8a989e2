"""“You said, we did” entries, indicators against the plan's targets, and the permissions to see
results."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.models import ActionCode
from surveys.models import Audience, Cycle, Theme

WHAT_WE_DID_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class EntryStatus(models.TextChoices):
    LISTENING = "listening", "We’re listening"
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANNOT_DO = "cannot_do", "We can’t do this"


# A short line under each status, in words a child understands, for the page's key.
STATUS_MEANINGS = {
    EntryStatus.LISTENING: "We have heard this and are finding out what we can do.",
    EntryStatus.PLANNED: "We have decided what to do, and when.",
    EntryStatus.IN_PROGRESS: "We have started doing it.",
    EntryStatus.DONE: "It has happened.",
    EntryStatus.CANNOT_DO: "We can’t do this, and we say why.",
}


STATUS_TAG_CLASSES = {
    EntryStatus.LISTENING: "ds_tag--yellow",
    EntryStatus.PLANNED: "ds_tag--purple",
    EntryStatus.IN_PROGRESS: "ds_tag--blue",
    EntryStatus.DONE: "ds_tag--green",
    EntryStatus.CANNOT_DO: "ds_tag--grey",
}


class FeedbackEntry(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One “you said, we did”: what people told us, what we did about it, and how it is going.

    Written by the Participation Network and published only after one of them has reviewed it
    (the “Participation Network review” workflow), so that nobody can be recognised from it.
    """

    title = models.CharField(
        max_length=150, help_text="A short headline, such as “More say in your meetings”."
    )
    what_you_said = models.TextField(
        "what you said",
        help_text="What people told us, in a few sentences. If you quote someone, shorten it "
        "and take out anything that could tell who they are: names, places, ages, dates.",
    )
    what_we_did = RichTextField(
        "what we did",
        features=WHAT_WE_DID_FEATURES,
        blank=True,
        help_text="What we did, are doing or will do about it, in plain words. Can wait while "
        "the status is “We’re listening”.",
    )
    status = models.CharField(
        max_length=20, choices=EntryStatus.choices, default=EntryStatus.LISTENING
    )
    why_not = models.TextField(
        "why we can’t do this",
        blank=True,
        help_text="Needed when the status is “We can’t do this”: the reason, honestly.",
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text="Whose views this came from. Leave empty if it came from everyone.",
    )
    action_codes = ParentalManyToManyField(
        ActionCode,
        blank=True,
        related_name="feedback_entries",
        help_text="The parts of the plan this belongs to.",
    )
    source_survey = models.ForeignKey(
        "surveys.SurveyPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="survey it came from",
    )
    source_cycle = models.ForeignKey(
        Cycle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_entries",
        verbose_name="survey year it came from",
    )
    source_question_key = models.CharField(
        "question it came from",
        max_length=50,
        blank=True,
        help_text="The question's key, such as “part-of-my-plan”.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("what_you_said"),
        FieldPanel("what_we_did"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("audience")]),
        FieldPanel("why_not"),
        FieldPanel("action_codes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("source_survey"),
                FieldRowPanel([FieldPanel("source_cycle"), FieldPanel("source_question_key")]),
            ],
            heading="Where it came from (optional)",
        ),
        InlinePanel("updates", label="Updates", help_text="Newest first on the public page."),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("what_you_said"),
        index.SearchField("what_we_did"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        verbose_name = "“you said, we did” entry"
        verbose_name_plural = "“you said, we did” entries"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.status == EntryStatus.CANNOT_DO and not self.why_not.strip():
            errors["why_not"] = "Say why we can’t do this: people deserve to know the reason."
        if self.status != EntryStatus.LISTENING and not strip_tags(self.what_we_did).strip():
            errors["what_we_did"] = (
                "Say what we did, are doing or will do, or set the status to “We’re listening”."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def status_meaning(self) -> str:
        return STATUS_MEANINGS.get(self.status, "")

    @property
    def status_tag_class(self) -> str:
        """The design system's tag colour for the status."""
        return STATUS_TAG_CLASSES.get(self.status, "ds_tag--grey")

    def get_preview_template(self, request, mode_name):
        return "participation/feedback_entry_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"entry": self, "page": None}


class FeedbackUpdate(Orderable):
    """A dated line of news on an entry: “March 2027: the first meetings used the new form”."""

    entry = ParentalKey(FeedbackEntry, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    text = models.TextField()

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["-date", "sort_order"]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.text[:50]}"


class Direction(models.TextChoices):
    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease"


class Indicator(models.Model):
    """How one survey question measures one of the plan's targets, computed for every cycle.

    The share of people who gave one of the `positive_answers` to the question `question_key`
    of the surveys with this `theme` (and `audience`), against the target.
    """

    action_code = models.ForeignKey(ActionCode, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(
        max_length=120, help_text="For staff, such as “Carers feeling supported”."
    )
    statement = models.CharField(
        max_length=150,
        help_text="What the people counted said, to finish the sentence “7 in 10 carers said "
        "they …”: for example “feel supported”.",
    )
    theme = models.CharField(max_length=30, choices=Theme.choices)
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text="Count only this audience's answers. Leave empty to count everyone's.",
    )
    question_key = models.CharField(max_length=50)
    positive_answers = models.CharField(
        max_length=300,
        help_text="The answers that count, by value, separated by commas: “strongly-agree, "
        "agree”. For a 0 to 10 scale, the numbers: “7, 8, 9, 10”.",
    )
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    target_percentage = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The share we aim for, if the plan sets one."
    )
    target_date = models.DateField(null=True, blank=True, help_text="When the target is for.")
    order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("action_code"),
        FieldPanel("name"),
        FieldPanel("statement"),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("question_key"), FieldPanel("positive_answers")]),
        FieldRowPanel(
            [FieldPanel("direction"), FieldPanel("target_percentage"), FieldPanel("target_date")]
        ),
        FieldPanel("order"),
    ]

    class Meta:
        ordering = ["action_code__priority_area__order", "action_code__number", "order", "pk"]
        # The permissions to see results, read typed answers and export raw responses belong to
        # no one table; they live here, with the app's other results model (docs/roles.md).
        permissions = [
            ("view_results", "Can see survey results (small numbers hidden)"),
            ("read_typed_answers", "Can read typed answers"),
            ("export_responses", "Can export raw responses"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["action_code", "name"], name="indicator_name_per_code")
        ]

    def __str__(self):
        return f"{self.action_code.code}: {self.name}"

    def clean(self):
        super().clean()
        others = Indicator.objects.filter(
            theme=self.theme, audience=self.audience, question_key=self.question_key
        ).exclude(pk=self.pk)
        for other in others:
            shared = self.positive_values & other.positive_values
            if shared and self.positive_values != other.positive_values:
                raise ValidationError(
                    {
                        "positive_answers": f"“{other}” counts {', '.join(sorted(shared))} "
                        "from the same question with other answers: two sums that share an "
                        "answer would let a hidden number be worked out. Count the same "
                        "answers, or none of theirs."
                    }
                )

    @cached_property
    def positive_values(self) -> frozenset[str]:
        return frozenset(v.strip() for v in self.positive_answers.split(",") if v.strip())

    @property
    def who(self) -> str:
        """The people counted, as a sentence names them: “carers”, “young people”."""
        return AUDIENCE_NOUNS.get(self.audience, "people")


AUDIENCE_NOUNS = {
    Audience.YOUNG_PEOPLE: "children and young people",
    Audience.CARERS: "carers",
    Audience.STAFF: "staff",
    Audience.FAMILIES: "families",
}
