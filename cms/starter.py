"""The content layer's starter content, which every site needs and `manage.py setup_site` makes:
the site tree with its home page, the plan and Language of Care pages, the two content pages and
the privacy notices and cookies page the footer links to (chosen in the site's linked pages), and
the help contacts. Safe to run again: pages that exist are left as editors have made them.

The Language of Care policy text is an example, and says so, until editors replace it with the
council's own."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import (
    DEFAULT_HELP_CONTACTS,
    ActionPlanPage,
    HelpSettings,
    HomePage,
    InformationPage,
    LanguageOfCarePage,
    LinkedPages,
    StandardPage,
)

HOME_INTRODUCTION = (
    "<p>This is where care experienced children and young people in Clackmannanshire, and their "
    "families and carers, tell us what it is really like, and see what changed because of what "
    "they said.</p>"
    "<p>You don’t have to give your name. The people who run services read what you say, and "
    "they have to do something about it.</p>"
)

PLAN_INTRODUCTION = (
    "<p>Clackmannanshire’s Keeping The Promise Plan 2023–2026 says what the council and its "
    "partners will do so that every care experienced child and young person grows up loved, safe "
    "and respected.</p>"
    "<p>Here is every action in the plan, word for word: what should happen, how we will know, "
    "by when, and who is responsible.</p>"
)

EXAMPLE_POLICY_NOTE = (
    "<p>This page is example text for the demonstration site. It is written in the spirit of the "
    "Language of Care Policy that Clackmannanshire’s Participation Network co-designed with young "
    "people, carers and staff in 2022–2023. The council’s own policy replaces it.</p>"
)


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _easy_read(pictogram, sentence):
    return {
        "type": "easy_read",
        "value": {"pictogram": pictogram, "image": None, "sentence": sentence},
    }


def _accordion(heading, items):
    return {
        "type": "accordion",
        "value": {
            "heading": heading,
            "items": [{"summary": summary, "content": content} for summary, content in items],
        },
    }


def _language_of_care_policy():
    return [
        {"type": "callout", "value": {"heading": "Example text", "text": EXAMPLE_POLICY_NOTE}},
        _heading("Why words matter"),
        _paragraph(
            "<p>Care experienced young people told us that the words adults use in meetings, "
            "reports and letters can make them feel like a file, not a person. Many of those "
            "words are cold, formal or hard to understand, and they stay in records that young "
            "people read when they are older.</p>"
            "<p>So we have agreed to use words that are kind and clear: the words families use "
            "themselves.</p>"
        ),
        _heading("What we promise"),
        _paragraph(
            "<p>Everyone who works with care experienced children and families in "
            "Clackmannanshire will:</p>"
            "<ul><li>use your name</li>"
            "<li>write so that you could read it and understand it</li>"
            "<li>say what happened, without labels</li>"
            "<li>ask you which words you want us to use about you and your family</li>"
            "<li>explain any word we have to use because the law uses it</li></ul>"
        ),
        _heading("Who this is for"),
        _paragraph(
            "<p>Social work, education, health, residential and foster care, and our partners. "
            "It covers what we say in meetings and everything we write: plans, reports, letters, "
            "emails and this website.</p>"
        ),
        _heading("In easy read"),
        _easy_read("speech-bubble", "The words we use about you matter."),
        _easy_read("heart", "We will use kind words that you understand."),
        _easy_read("people", "We will use your name, not a label."),
        _easy_read("question-mark", "You can tell us the words you want us to use."),
        _accordion(
            "Questions people ask",
            [
                (
                    "What if I use an old word by mistake?",
                    "<p>Nobody gets into trouble. Use the new words next time. This website "
                    "checks its own pages for old words and suggests new ones.</p>",
                ),
                (
                    "Why does the plan still use some old words?",
                    "<p>The plan was written before some of these changes. We show it word for "
                    "word, so that you can see exactly what was promised.</p>",
                ),
                (
                    "Can I suggest a word?",
                    "<p>Yes. Tell the Participation Network or your worker, and we will look at "
                    "it together.</p>",
                ),
            ],
        ),
    ]


def _about_the_promise(plan_page):
    return [
        _paragraph(
            "<p>From 2016 to 2020 the Independent Care Review listened to care experienced "
            "children, young people and families. Many of them said they did not feel loved, "
            "safe or respected. Scotland promised to change that by 2030.</p>"
        ),
        _heading("What Clackmannanshire is doing"),
        _paragraph(
            "<p>Clackmannanshire Council has pledged to keep The Promise. "
            f'<a linktype="page" id="{plan_page.pk}">Its plan for 2023 to 2026</a> says what '
            "the council and its partners will do in five priority areas: A Good Childhood, "
            "Whole Family Support, Supporting the Workforce, Planning and Building Capacity.</p>"
            "<p>The Promise stands on five foundations: voice, family, care, people and "
            "scaffolding. The plan page explains each one.</p>"
        ),
        {
            "type": "details",
            "value": {
                "summary": "What is the Participation Network?",
                "content": "<p>Care experienced young people (Oor Clacks Voices), foster and "
                "kinship carers and workers, who design services together with the council. "
                "They co-designed the Language of Care Policy.</p>",
            },
        },
        _heading("Who to talk to"),
        _paragraph(
            "<p>Social Services, Kilncraigs, Greenside Street, Alloa, FK10 1EB.<br/>"
            "Telephone 01259 450000.</p>"
        ),
    ]


def _what_happens_to_your_answers():
    return [
        _easy_read("padlock", "You don’t have to give your name."),
        _easy_read("people", "A small team at the council reads the answers."),
        _easy_read("speech-bubble", "We put answers together so nobody can tell who said what."),
        _easy_read("tick", "We tell you what we changed because of what you said."),
        {
            "type": "callout",
            "value": {
                "heading": "If you tell us you are not safe",
                "text": "<p>If something you write makes us worried that you or someone else is "
                "not safe, a person whose job is keeping children safe will read it. Your answers "
                "do not have your name on them, so if you need help now, talk to someone you "
                "trust, call Childline free on 0800 1111, or call 999 in an emergency.</p>",
            },
        },
        _accordion(
            "More about your answers",
            [
                (
                    "Do I have to answer every question?",
                    "<p>No. You can skip any question, and you can stop at any time.</p>",
                ),
                (
                    "Will my carer or worker see my answers?",
                    "<p>No. Your answers are not shown to your carer, your family or your "
                    "worker.</p>",
                ),
                (
                    "How long do you keep my answers?",
                    "<p>We keep what you wrote for as long as we need it to understand what you "
                    "told us, and then we delete it. We keep numbers, like how many people said "
                    "yes, so we can see if things get better each year.</p>",
                ),
                (
                    "What does “you said, we did” mean?",
                    "<p>It is where we show what we changed because of what people told us, and "
                    "what we could not change and why.</p>",
                ),
            ],
        ),
    ]


def _child(home, model, *, slug, show_in_menus=True, **fields):
    """The page of this type and slug under the home page, created live if missing.

    Created without a revision (the first edit in the admin makes one): it keeps building the
    demo site, which every test that needs pages does, quick.
    """
    existing = model.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing
    now = timezone.now()
    page = model(
        slug=slug,
        show_in_menus=show_in_menus,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    return home.add_child(instance=page)


def build_content_pages(home: HomePage) -> dict[str, Page]:
    """The plan, the Language of Care page and two content pages, joined to the navigation;
    returns the two content pages by their name in LinkedPages.

    “Have your say” and “You said, we did” are the survey engine's and the feedback loop's own
    pages, added by their own steps of `setup_site`."""
    plan_page = ActionPlanPage.objects.first() or _child(
        home,
        ActionPlanPage,
        slug="plan",
        title="The plan",
        introduction=PLAN_INTRODUCTION,
        search_description="Every action in Clackmannanshire’s Keeping The Promise Plan "
        "2023–2026: what should happen, by when, and who is responsible.",
    )
    language_page = LanguageOfCarePage.objects.first() or _child(
        home,
        LanguageOfCarePage,
        slug="language-of-care",
        title="Language of Care",
        introduction="The words we use about children and families matter. This is how we "
        "talk and write, and the words we have stopped using.",
        policy=_language_of_care_policy(),
        glossary_introduction="<p>Each word shows what we used to say, what we say now, and "
        "why. Search for a word, or choose a letter.</p>",
        search_description="How we talk and write about children and families, and a glossary "
        "of the words we used to say and the words we say now.",
    )
    about_the_promise = _child(
        home,
        StandardPage,
        slug="the-promise",
        show_in_menus=False,  # in the footer: the menu stays short on a phone
        title="About The Promise",
        introduction="In 2020 Scotland made a promise to its care experienced children and "
        "young people: that they will grow up loved, safe and respected.",
        body=_about_the_promise(plan_page),
        search_description="What The Promise is and what Clackmannanshire is doing to keep it.",
    )
    about_your_answers = _child(
        home,
        StandardPage,
        slug="what-happens-to-your-answers",
        show_in_menus=False,  # in the footer: the menu stays short on a phone
        title="What happens to your answers",
        introduction="When you answer a survey on this site, this is what happens to your answers.",
        body=_what_happens_to_your_answers(),
        search_description="Who reads your answers, how they are kept private, and what "
        "happens next.",
    )
    if not home.ways_in:
        home.ways_in = [
            {
                "type": "way_in",
                "value": {
                    "heading": "The plan",
                    "text": "What the council has promised to do, and by when.",
                    "page": plan_page.pk,
                    "path": "",
                },
            },
            {
                "type": "way_in",
                "value": {
                    "heading": "The words we use",
                    "text": "The Language of Care: kind, clear words about children and families.",
                    "page": language_page.pk,
                    "path": "",
                },
            },
        ]
        if home.latest_revision_id:
            home.save_revision().publish()  # the editor shows the latest revision
        else:
            home.save(update_fields=["ways_in"])
    return {"about_the_promise": about_the_promise, "about_your_answers": about_your_answers}


def add_way_in(home: HomePage, page: Page, *, heading: str, text: str, position: int) -> None:
    """Add a way in to `page` on the home page, at `position` among those there, unless one
    already leads to it. Used by each layer for its own page (“Have your say”, “You said, we
    did”), so that this layer never names theirs."""
    home = HomePage.objects.get(pk=home.pk)
    linked = [block.value.get("page") for block in home.ways_in]
    if any(linked_page and linked_page.pk == page.pk for linked_page in linked):
        return
    way_in = home.ways_in.stream_block.child_blocks["way_in"].to_python(
        {"heading": heading, "text": text, "page": page.pk, "path": ""}
    )
    ways_in = [(block.block_type, block.value) for block in home.ways_in]
    # An older site may lead there by a typed address: the page link takes its place.
    typed = [i for i, (_, value) in enumerate(ways_in) if value.get("path") == page.url]
    if typed:
        ways_in[typed[0]] = ("way_in", way_in)
        home.ways_in = ways_in
    else:
        home.ways_in = [*ways_in[:position], ("way_in", way_in), *ways_in[position:]]
    if home.latest_revision_id:
        home.save_revision().publish()  # the editor shows the latest revision
    else:
        home.save(update_fields=["ways_in"])


def put_first_in_menu(page: Page) -> None:
    """Move a page to the front of the site's menu (the first child of its parent)."""
    page = Page.objects.get(pk=page.pk)  # a tree move needs the page's current path
    first = page.get_parent().get_first_child()
    if first is not None and first.pk != page.pk:
        page.move(first, pos="left")


def put_in_menu_after(page: Page, before: Page) -> None:
    """Move a page to just after `before`, its sibling, in the site's menu."""
    page = Page.objects.get(pk=page.pk)
    before = Page.objects.get(pk=before.pk)
    if before.get_next_sibling() != page:
        page.move(before, pos="right")


@transaction.atomic
def build_site() -> HomePage:
    """Make sure there is one site whose root is our home page, with its pages, the privacy
    notices and cookies page, and the pages the footer links to chosen. Safe to rerun."""
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

    linked = build_content_pages(home)
    privacy, young_people, cookies = build_privacy_pages(home)
    choose_linked_pages(
        site,
        {
            **linked,
            "privacy_notice": privacy,
            "young_peoples_privacy_notice": young_people,
            "cookies": cookies,
        },
    )
    return home


def choose_linked_pages(site: Site, pages: dict[str, Page]) -> LinkedPages:
    """Choose these pages in the site's LinkedPages, by name, where none is chosen yet: a choice
    an editor has made is kept."""
    setting = LinkedPages.for_site(site)
    unchosen = {
        name: page for name, page in pages.items() if getattr(setting, f"{name}_id") is None
    }
    for name, page in unchosen.items():
        setattr(setting, name, page)
    if unchosen:
        setting.save()
    return setting


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


def _information_page(parent, spec) -> tuple[InformationPage, bool]:
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    page = parent.add_child(
        instance=InformationPage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=(PAGES_DIR / spec["body_file"]).read_text(encoding="utf-8"),
            last_reviewed=date.today(),
            show_in_menus=False,
        )
    )
    return page, True


@transaction.atomic
def build_privacy_pages(home: HomePage) -> list[InformationPage]:
    """Make the two privacy notices and the cookies page if they are missing; safe to run again.

    They sit at /privacy/, /privacy/young-people/ and /cookies/, and link to each other as
    Wagtail page links, which follow a page wherever it moves. A page that exists is left as
    staff have made it.
    """
    privacy, made_privacy = _information_page(home, PRIVACY_NOTICE)
    young_people, made_young_people = _information_page(privacy, YOUNG_PEOPLES_PRIVACY_NOTICE)
    cookies, made_cookies = _information_page(home, COOKIES_PAGE)
    ids = {
        "privacy_notice": privacy.pk,
        "young_peoples_privacy_notice": young_people.pk,
        "cookies": cookies.pk,
    }
    for page, made in [(privacy, made_privacy), (young_people, made_young_people)]:
        if made:
            for name, pk in ids.items():
                page.body = page.body.replace(f'id="{{{name}}}"', f'id="{pk}"')
            page.save(update_fields=["body"])
    return [privacy, young_people, cookies]
