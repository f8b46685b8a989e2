"""Demo content for the content layer: the site tree with its home page, the help contacts,
the privacy notices and the cookies page."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import DEFAULT_HELP_CONTACTS, HelpSettings, HomePage, InformationPage

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


PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"

PRIVACY_NOTICE = {
    "title": "Privacy notice",
    "slug": "privacy",
    "introduction": "How Clackmannanshire Council uses the information people give on this "
    "website, who sees it, how long we keep it and your rights.",
    "body_file": "privacy_notice.html",
}
YOUNG_PEOPLES_PRIVACY_NOTICE = {
    "title": "Your privacy: for children and young people",
    "slug": "young-people",
    "introduction": "What happens to your answers when you fill in one of our surveys.",
    "body_file": "young_peoples_privacy.html",
}
COOKIES_PAGE = {
    "title": "Cookies",
    "slug": "cookies",
    "introduction": "The cookies this website uses, and why there are so few.",
    "body_file": "cookies.html",
}


def _information_page(parent, spec) -> InformationPage:
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    return parent.add_child(
        instance=InformationPage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=(PAGES_DIR / spec["body_file"]).read_text(encoding="utf-8"),
            last_reviewed=date.today(),
            show_in_menus=False,
        )
    )


@transaction.atomic
def build_privacy_pages(home: HomePage) -> list[InformationPage]:
    """Make the two privacy notices and the cookies page if they are missing; safe to run again.

    They sit at the paths in cms.privacy. A page staff have since edited is left as it is.
    """
    privacy = _information_page(home, PRIVACY_NOTICE)
    young_people = _information_page(privacy, YOUNG_PEOPLES_PRIVACY_NOTICE)
    cookies = _information_page(home, COOKIES_PAGE)
    return [privacy, young_people, cookies]


DEMO_ADMIN_EMAIL = "admin@example.com"


@transaction.atomic
def set_up_demo_two_step(user) -> str:
    """Give the demo administrator 2-step verification, so `make run` leads straight in.

    Superusers must have it (config.middleware.StaffMFARequiredMiddleware). Returns the setup key
    for an authenticator app; `manage.py demo_sign_in_code` prints the current code from it.
    Development only: the caller checks DEBUG.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    RecoveryCodes.activate(user)
    return decrypt(totp.data["secret"])


def current_sign_in_code(user) -> tuple[str, int]:
    """The 6-digit code an authenticator app shows now for `user`, and seconds it has left."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    now = int(time.time())
    counter, elapsed = divmod(now, app_settings.TOTP_PERIOD)
    code = format_hotp_value(hotp_value(decrypt(totp.data["secret"]), counter))
    return code, app_settings.TOTP_PERIOD - elapsed
