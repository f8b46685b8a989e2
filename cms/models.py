import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin, Site
from wagtail.search import index

from cms.blocks import (
    RICH_TEXT_FEATURES,
    AvoidedPhraseBlock,
    ContentStreamBlock,
    HelpContactBlock,
    WayInBlock,
)
from cms.routing import RouteTable
from cms.serving import CachedViewRestrictions, kept

# The pages below hand their requests to cms.views, which reads through cms.selectors.
views = RouteTable("cms.views")

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

    @classmethod
    def for_request(cls, request):
        """The setting for the request's site, as Wagtail gives it, but kept in the cache: it is
        on every public page. Saving it (or any change to the sites or pages) gives the cache a
        new version (cms.serving.forget), so the next page in any process shows the change.
        The editing view reads it with `for_site`, from the database."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        # A copy: what is kept is shared by every request in the process.
        instance = copy.copy(kept(f"help-settings:{site.pk}", lambda: cls.for_site(site)))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


# The pages every page links to, by their name in LinkedPages: the footer, and the surveys' link
# to the privacy notice their readers need.
LINKED_PAGE_NAMES = (
    "about_your_answers",
    "about_the_promise",
    "young_peoples_privacy_notice",
    "privacy_notice",
    "cookies",
)


def _linked_page(verbose_name: str):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


@register_setting(icon="link")
class LinkedPages(BaseSiteSetting):
    """The pages that every page links to, chosen here so that a page can move or change its
    address without breaking a link. `manage.py setup_site` chooses the ones it makes; a link to
    a page that is not chosen, or not live, is left out rather than broken."""

    about_your_answers = _linked_page("what happens to your answers")
    about_the_promise = _linked_page("about The Promise")
    young_peoples_privacy_notice = _linked_page("privacy notice for young people")
    privacy_notice = _linked_page("privacy notice")
    cookies = _linked_page("cookies page")

    panels = [FieldPanel(name) for name in LINKED_PAGE_NAMES]

    class Meta:
        verbose_name = "pages linked from every page"

    @classmethod
    def urls_for_site(cls, site_id: int | None) -> dict[str, str]:
        """The site-relative addresses of the chosen pages that are live, by name
        ("privacy_notice", ...).

        Kept under the tree's version (cms.serving.kept), which a page published, unpublished,
        moved or deleted, or this setting saved, replaces (cms.apps): the footer is on every
        page, and costs no query once kept.
        """
        if site_id is None:
            return {}
        return kept(f"linked-pages:{site_id}", lambda: cls._find_urls(site_id))

    @classmethod
    def _find_urls(cls, site_id: int) -> dict[str, str]:
        setting = cls.objects.select_related("site").filter(site_id=site_id).first()
        if setting is None:
            return {}
        chosen = {name: getattr(setting, f"{name}_id") for name in LINKED_PAGE_NAMES}
        pages = Page.objects.live().filter(pk__in=[pk for pk in chosen.values() if pk])
        by_id = {page.pk: page for page in pages}
        return {
            name: by_id[pk].get_url(current_site=setting.site)
            for name, pk in chosen.items()
            if pk in by_id
        }


class HomePage(CachedViewRestrictions, Page):
    """The front door: what the site is for and the ways in."""

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)
    ways_in = StreamField(
        [("way_in", WayInBlock())],
        blank=True,
        help_text="The doors into the site: have your say, you said we did, the plan.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("ways_in")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
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


class LanguageTerm(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A glossary entry of the Language of Care: the words we used to say and the words we say now.

    The checker in cms/language_of_care.py looks for the phrases to avoid of every live term.
    """

    phrases_to_avoid = StreamField(
        [("phrase", AvoidedPhraseBlock())],
        min_num=1,
        verbose_name="words we used to say",
        help_text="The first one is the term's heading in the glossary.",
    )
    preferred_words = models.CharField(
        "words we say now",
        max_length=200,
        help_text="For example: family time. Use 'or' between choices.",
    )
    why = models.TextField("why, in plain words", help_text="Write it so a ten-year-old gets it.")
    example = models.TextField(
        blank=True, help_text="A sentence that shows the words we say now in use."
    )
    # The first phrase to avoid, kept in its own column to order and group the glossary by.
    name = models.CharField(max_length=100, editable=False, db_index=True)

    panels = [
        FieldPanel("phrases_to_avoid"),
        FieldPanel("preferred_words"),
        FieldPanel("why"),
        FieldPanel("example"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("preferred_words", boost=3),
        index.SearchField("phrases_to_avoid"),
        index.SearchField("why"),
        index.SearchField("example"),
        index.AutocompleteField("name"),
        index.AutocompleteField("preferred_words"),
        index.FilterField("live"),
    ]
    # The checker skips this model: naming the old words is what it is for.
    language_of_care_checked = False

    class Meta:
        ordering = [Lower("name")]
        verbose_name = "Language of Care term"

    def __str__(self):
        return f"{self.name} → {self.preferred_words}" if self.name else self.preferred_words

    def save(self, *args, **kwargs):
        self.name = self.phrases[0] if self.phrases else ""
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        name = self.phrases[0] if self.phrases else ""
        others = LanguageTerm.objects.exclude(pk=self.pk).filter(name__iexact=name)
        if name and others.exists():
            raise ValidationError(
                {"phrases_to_avoid": f"There is already a term for “{name}”: change that one."}
            )

    @property
    def phrases(self) -> list[str]:
        """Every phrase to avoid as written, in the editors' order (without their other forms)."""
        return [child.value["phrase"].strip() for child in self.phrases_to_avoid]

    @property
    def phrases_with_forms(self) -> list[tuple[str, list[str]]]:
        return [
            (
                child.value["phrase"].strip(),
                [
                    form.strip()
                    for form in (child.value.get("other_forms") or "").split(",")
                    if form.strip()
                ],
            )
            for child in self.phrases_to_avoid
        ]

    @property
    def anchor(self) -> str:
        return slugify(self.name) or f"term-{self.pk}"


class AllowedPhrase(models.Model):
    """A phrase the checker lets pass although it holds an old word: "contact us", "eye contact"."""

    phrase = models.CharField(max_length=100, unique=True)
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why it is fine, for the next editor."
    )

    panels = [FieldPanel("phrase"), FieldPanel("reason")]
    language_of_care_checked = False

    class Meta:
        ordering = ["phrase"]
        verbose_name = "allowed phrase"

    def __str__(self):
        return self.phrase


class StandardPage(CachedViewRestrictions, Page):
    """A content page: plain words, easy read, details that open, pictures with alt text."""

    introduction = models.TextField(blank=True, help_text="One or two sentences, shown larger.")
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    template = "pages/standard_page.html"


class LanguageOfCarePage(CachedViewRestrictions, Page):
    """The Language of Care policy, then the glossary of its terms."""

    introduction = models.TextField(blank=True)
    policy = StreamField(ContentStreamBlock(), blank=True)
    glossary_introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("policy"),
        MultiFieldPanel(
            [FieldPanel("glossary_introduction")],
            heading="Glossary",
            help_text="The terms themselves are edited under Language of Care → Terms.",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("policy"),
    ]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    template = "pages/language_of_care_page.html"

    def serve(self, request, *args, **kwargs):
        return views.language_of_care_page(request, self)


class ActionPlanPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """The Promise plan: foundations, priority areas and their action codes, a page per code."""

    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    template = "pages/action_plan_page.html"

    @path("")
    def plan(self, request):
        return views.action_plan(request, self)

    @path("<slug:code_slug>/", name="action_code")
    def action_code(self, request, code_slug):
        return views.action_code(request, self, code_slug)


class InformationPage(CachedViewRestrictions, Page):
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
