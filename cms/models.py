from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

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
