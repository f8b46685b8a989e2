"""Demo content for the content layer: the site tree with its home page, and the help contacts."""

from django.conf import settings
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import DEFAULT_HELP_CONTACTS, HelpSettings, HomePage

HOME_INTRODUCTION = (
    "<p>This is where care experienced children and young people, their families and carers "
    "in Clackmannanshire tell us what it is really like, and see what changed because of "
    "what they said.</p>"
)


@transaction.atomic
def build_site() -> HomePage:
    """Make sure there is one site whose root is our home page; safe to run again."""
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations make the locale and tree root; a flushed test database has neither.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(
            instance=HomePage(
                title="Our Promise, Our Voice",
                slug="our-promise-our-voice",
                introduction=HOME_INTRODUCTION,
                show_in_menus=False,
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk or site.site_name != "Our Promise, Our Voice":
        site.root_page = home
        site.site_name = "Our Promise, Our Voice"
        site.save()
    # Wagtail's own placeholder "Welcome" page has no place in our tree.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()

    help_settings = HelpSettings.for_site(site)
    if not help_settings.contacts:
        help_settings.contacts = [("contact", contact) for contact in DEFAULT_HELP_CONTACTS]
        help_settings.save()
    return home
