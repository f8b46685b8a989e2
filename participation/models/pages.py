"""The public pages of the feedback loop. Each route hands the request to `participation.views`
through the route table, which reads through `participation.selectors`."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.routing import RouteTable
from cms.serving import CachedViewRestrictions
from participation.models.entries import WHAT_WE_DID_FEATURES, FeedbackEntry
from surveys.models import Audience, Cycle, Theme

views = RouteTable("participation.views")


class FeedbackLoopPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """“You said, we did”: every published entry, filtered without JavaScript, with a feed and
    the way in for a receipt code; the results summaries sit under it."""

    introduction = RichTextField(features=WHAT_WE_DID_FEATURES, blank=True)
    empty_message = models.CharField(
        max_length=300,
        default="There are no updates here yet. When people have had their say and we have "
        "decided what to do, you will see it here.",
        help_text="Shown while there are no published entries.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("empty_message")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["participation.ResultsSummaryPage"]
    template = "participation/feedback_loop_page.html"

    class Meta:
        verbose_name = "“you said, we did” page"

    @path("")
    def entries_route(self, request):
        return views.feedback_loop(request, self)

    @path("feed/", name="feed")
    def feed_route(self, request):
        return views.feedback_feed(request, self)

    @path("receipt/", name="receipt")
    def receipt_route(self, request):
        return views.receipt(request, self)

    @path("entry/<int:entry_id>/", name="entry")
    def entry_route(self, request, entry_id):
        return views.feedback_entry(request, self, entry_id)

    def entry_url(self, entry: FeedbackEntry) -> str:
        return self.url + self.reverse_subpage("entry", kwargs={"entry_id": entry.pk})

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")

    @property
    def receipt_url(self) -> str:
        return self.url + self.reverse_subpage("receipt")


class ResultsSummaryPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """“What you told us”: the results of one survey theme in one cycle, in plain words and
    simple charts, small numbers hidden, with the entries that came from them."""

    theme = models.CharField(max_length=30, choices=Theme.choices)
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text="Only this audience's answers. Leave empty for everyone who answered.",
    )
    introduction = RichTextField(features=WHAT_WE_DID_FEATURES, blank=True)
    easy_read_introduction = models.TextField(
        blank=True,
        help_text="One or two short sentences for the easy-read version, for younger children.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("theme"), FieldPanel("cycle"), FieldPanel("audience")])],
            heading="Which results",
        ),
        FieldPanel("introduction"),
        FieldPanel("easy_read_introduction"),
    ]
    parent_page_types = ["participation.FeedbackLoopPage"]
    subpage_types = []
    template = "participation/results_summary_page.html"

    class Meta:
        verbose_name = "results summary (“what you told us”)"

    @path("")
    def summary_route(self, request):
        return views.results_summary(request, self, easy_read=False)

    @path("easy-read/", name="easy_read")
    def easy_read_route(self, request):
        return views.results_summary(request, self, easy_read=True)

    @property
    def easy_read_url(self) -> str:
        return self.url + self.reverse_subpage("easy_read")

    def serve_preview(self, request, mode_name):
        return views.results_summary(request, self, easy_read=False)
