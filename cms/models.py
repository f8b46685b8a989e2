from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from cms.blocks import HelpContactBlock

DEFAULT_HELP_CONTACTS = [
    {
        "name": "Childline",
        "telephone": "0800 1111",
        "when": "Free and private, any time, day or night",
    },
    {"name": "Emergency services", "telephone": "999", "when": "If you are in danger right now"},
    {
        "name": "Clackmannanshire Council Social Services",
        "telephone": "01259 450000",
        "when": "Monday to Friday, office hours",
    },
]


@register_setting(icon="help")
class HelpSettings(BaseSiteSetting):
    """The help contacts shown on every public page; staff can change them without a release."""

    heading = models.CharField(max_length=120, default="Need to talk to someone?")
    contacts = StreamField(
        [("contact", HelpContactBlock())],
        blank=True,
        default=[("contact", contact) for contact in DEFAULT_HELP_CONTACTS],
    )

    panels = [FieldPanel("heading"), FieldPanel("contacts")]

    class Meta:
        verbose_name = "help contacts"


class HomePage(Page):
    """The front door: what the site is for and the ways in."""

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    template = "pages/home_page.html"


class Foundation(models.Model):
    """One of The Promise's five foundations: Voice, Family, Care, People, Scaffolding."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=50)
    description = models.TextField()
    child_friendly_description = models.TextField(
        help_text="One sentence a ten-year-old understands."
    )
    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("child_friendly_description"),
    ]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class PriorityArea(models.Model):
    """One of the plan's five priority areas, which give the action codes their prefix."""

    prefix = models.CharField(max_length=5, unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("prefix"), FieldPanel("name"), FieldPanel("order")]

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class ActionCode(ClusterableModel):
    """One row of the plan's action tables, such as "STW 4", with its actions, targets and roles."""

    code = models.CharField(max_length=10, unique=True)
    slug = models.SlugField(max_length=10, unique=True)
    priority_area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, related_name="action_codes"
    )
    number = models.PositiveSmallIntegerField(help_text="The number after the prefix.")
    outcome = models.TextField()
    foundations = ParentalManyToManyField(Foundation, blank=True, related_name="action_codes")
    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("code"),
        FieldPanel("slug"),
        FieldPanel("priority_area"),
        FieldPanel("number"),
        FieldPanel("outcome"),
        FieldPanel("foundations", widget=forms.CheckboxSelectMultiple),
        InlinePanel("actions", label="Actions"),
        InlinePanel("targets", label="Targets and timescales"),
        InlinePanel("responsible_roles", label="Responsible"),
    ]

    class Meta:
        ordering = ["priority_area__order", "number"]

    def __str__(self):
        return self.code


class Action(Orderable):
    action_code = ParentalKey(ActionCode, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField()

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class Target(Orderable):
    """A target with its timescale; surveys and indicators measure some of these."""

    action_code = ParentalKey(ActionCode, on_delete=models.CASCADE, related_name="targets")
    text = models.TextField()
    timescale = models.CharField(
        max_length=100, blank=True, help_text="The time phrase within the target, if it has one."
    )

    panels = [FieldPanel("text"), FieldPanel("timescale")]

    def __str__(self):
        return self.text


class ResponsibleRole(Orderable):
    action_code = ParentalKey(
        ActionCode, on_delete=models.CASCADE, related_name="responsible_roles"
    )
    role = models.CharField(max_length=200)

    panels = [FieldPanel("role")]

    def __str__(self):
        return self.role


class InformationPage(Page):
    """A page of plain information, such as a privacy notice or the cookies page."""

    introduction = models.TextField(
        blank=True, help_text="One or two sentences that say what this page is for."
    )
    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked this page is still true."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    subpage_types = ["cms.InformationPage"]

    template = "pages/information_page.html"


class StaffEvent(models.Model):
    """One line of the staff audit log: who did what to an account, or with people's answers.

    Written only through `cms.audit.record_staff_event`. Never holds an IP address or user agent.
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
