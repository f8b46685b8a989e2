import datetime
import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms import serving
from cms.models import LinkedPages
from cms.routing import RouteTable
from cms.serving import CachedViewRestrictions
from surveys.blocks import QuestionsBlock, questions_from_stream
from surveys.models.choices import AgeBand, Audience, Layout, Theme
from surveys.questions import Question, Section, sections

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]

# Every route below hands its request to surveys.views, which imports these models.
views = RouteTable("surveys.views")


class SurveyIndexPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """“Have your say”: the surveys that are open, and the way back in with a resume code."""

    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count = 1
    template = "surveys/index_page.html"

    @property
    def resume_url(self) -> str:
        return self.url + self.reverse_subpage("resume")

    @path("")
    def index_route(self, request):
        return views.survey_index(request, self)

    @path("resume/", name="resume")
    def resume_route(self, request):
        return views.resume(request, self)


class SurveyPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """One survey for one audience (and age band): its start page and every answering step."""

    # Read with the page when it is served (cms.serving): every answering step asks whether
    # the survey is open, which needs its cycle.
    served_with = ("cycle",)

    audience = models.CharField(max_length=20, choices=Audience.choices)
    age_band = models.CharField(
        max_length=5,
        choices=AgeBand.choices,
        blank=True,
        help_text="For children and young people only.",
    )
    theme = models.CharField(
        max_length=30,
        choices=Theme.choices,
        help_text="Links the age-banded versions of one survey, and one survey across the years.",
    )
    layout = models.CharField(
        max_length=30,
        choices=Layout.choices,
        default=Layout.ONE_QUESTION_PER_PAGE,
        help_text="One question per page suits children and young people; staff and carers "
        "often prefer one page with sections.",
    )
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True, help_text="The last day answers are taken.")
    results_due_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="results published by",
        help_text="The thank-you page promises the results and what we did about them by this "
        "day. Leave empty to promise them within three months of the survey closing.",
    )
    cycle = models.ForeignKey(
        "surveys.Cycle",
        on_delete=models.PROTECT,
        related_name="surveys",
        null=True,
        help_text="The year that answers are counted in and compared across.",
    )
    requires_invitation = models.BooleanField(
        default=False,
        help_text="Only people with an invitation link can answer (the carers’ evaluation).",
    )
    asks_who_is_helping = models.BooleanField(
        default=True,
        verbose_name="asks whether someone is helping",
        help_text="Ask young people on the start page whether a trusted adult is helping them.",
    )
    introduction = RichTextField(features=RICH_TEXT_FEATURES)
    confidentiality = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="In words a child understands: it is anonymous, who reads the answers, that "
        "they can skip or stop at any time, and what happens if they say they are not safe.",
    )
    thank_you = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="What happens next with the answers."
    )
    questions = StreamField(QuestionsBlock())

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("age_band")]),
                FieldRowPanel([FieldPanel("theme"), FieldPanel("layout")]),
                FieldPanel("cycle"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("results_due_on"),
                FieldRowPanel(
                    [FieldPanel("requires_invitation"), FieldPanel("asks_who_is_helping")]
                ),
            ],
            heading="Who it is for and when",
        ),
        FieldPanel("introduction"),
        FieldPanel("confidentiality"),
        FieldPanel("questions"),
        FieldPanel("thank_you"),
    ]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    template = "surveys/start_page.html"
    preview_modes = [("", "Start page"), ("questions", "Every question")]

    class Meta:
        verbose_name = "survey"

    def clean(self):
        super().clean()
        errors = {}
        if self.age_band and self.audience != Audience.YOUNG_PEOPLE:
            errors["age_band"] = "Only surveys for children and young people have an age band."
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = "The survey must close on or after the day it opens."
        if self.cycle_id and self.closes_on and self.closes_on > self.cycle.ends_on:
            errors["closes_on"] = (
                f"The survey must close by the end of its cycle ({self.cycle.ends_on:%-d %B %Y})."
            )
        if errors:
            raise ValidationError(errors)

    # What is asked, as plain data (see surveys.questions).

    @cached_property
    def question_list(self) -> list[Question]:
        """The questions, read from the StreamField once per published content and kept in
        Django's cache (shared by every process): parsing the stream was a fifth of a question
        page's time. The key is the page, the tree's version (which any page saved or published
        replaces, and which also covers the links in the questions' introductions) and a digest
        of the stream itself, so a preview or an unsaved edit is never served what was cached
        for other content."""
        raw = json.dumps(list(self.questions.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
        digest = hashlib.sha256(raw.encode()).hexdigest()
        return serving.kept(
            f"questions:{self.pk}:{digest}", lambda: questions_from_stream(self.questions)
        )

    @cached_property
    def question_by_key(self) -> dict[str, Question]:
        return {question.key: question for question in self.question_list}

    @cached_property
    def sections(self) -> list[Section]:
        return sections(self.question_list)

    @property
    def is_one_question_per_page(self) -> bool:
        return self.layout == Layout.ONE_QUESTION_PER_PAGE

    @property
    def is_for_young_people(self) -> bool:
        return self.audience == Audience.YOUNG_PEOPLE

    @property
    def audience_label(self) -> str:
        """Who it is for, above its title on every page of it: “Carers”, or “Children and young
        people, aged 8 to 11”."""
        who = self.get_audience_display()
        return f"{who}, aged {self.get_age_band_display()}" if self.age_band else who

    @property
    def privacy_notice_url(self) -> str | None:
        """The privacy notice for the people this survey is for (the one written for young
        people, or the full one), chosen in the site's linked pages; None if there is none."""
        name = "young_peoples_privacy_notice" if self.is_for_young_people else "privacy_notice"
        url_parts = self.get_url_parts()
        return LinkedPages.urls_for_site(url_parts[0] if url_parts else None).get(name)

    def is_open(self, today: datetime.date | None = None) -> bool:
        """Live, inside its dates, and in a cycle that has not ended."""
        today = today or timezone.localdate()
        if not self.live or self.cycle_id is None:
            return False
        if self.opens_on and today < self.opens_on:
            return False
        if self.closes_on and today > self.closes_on:
            return False
        return today <= self.cycle.ends_on

    @property
    def results_due(self) -> datetime.date | None:
        """The day the thank-you page promises results by: as set, or three months after the
        survey (or its cycle) closes."""
        if self.results_due_on:
            return self.results_due_on
        closes = self.closes_on or (self.cycle.ends_on if self.cycle_id else None)
        return closes + datetime.timedelta(days=91) if closes else None

    @cached_property
    def index_page(self) -> "SurveyIndexPage":
        return SurveyIndexPage.objects.parent_of(self).first()

    def step_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs).lstrip("/")

    # Routes: each delegates to surveys.views, which keeps the page thin.

    @path("", name="start")
    def start_route(self, request):
        return views.start(request, self)

    @path("invitation/<str:token>/", name="invitation")
    def invitation_route(self, request, token):
        return views.open_invitation(request, self, token)

    @path("question/<slug:key>/", name="question")
    def question_route(self, request, key):
        return views.question_step(request, self, key)

    @path("answers/", name="answers")
    def answers_route(self, request):
        return views.one_page(request, self)

    @path("check/", name="check")
    def check_route(self, request):
        return views.check_answers_page(request, self)

    @path("thank-you/", name="thank_you")
    def thank_you_route(self, request):
        return views.thank_you(request, self)

    def serve_preview(self, request, mode_name):
        if mode_name == "questions":
            return views.preview_questions(request, self)
        return views.preview_start(request, self)
