"""The public content pages: home, content pages, the Language of Care, the plan, search."""

import html as html_lib
import re

import pytest
import yaml

from wagtail.models import Page

from cms.language_of_care import check_object
from cms.models import ActionCode, Foundation, StandardPage
from cms.selectors import action_code_url
from cms.services import PROMISE_PLAN_FILE

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's words without markup, as a reader sees them."""
    body = response.content.decode()
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", body)
    words = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([:.,;])", r"\1", words)


# --- Queries: a fixed number per page type, however much content there is --------------------

QUERIES_PER_PAGE_TYPE = [
    # The page itself, the site, the help contacts, the menu, the footer's links and Wagtail's
    # view restriction check (while no page has a restriction) are kept under the tree's
    # version (cms.serving.kept): no query once read; below the home page, the breadcrumbs.
    ("home page", "/", 0),
    ("standard page", "/what-happens-to-your-answers/", 1),
    # ...and 2 more for the rich-text link to the plan page.
    ("standard page with a link to a page", "/the-promise/", 3),
    ("language of care page", "/language-of-care/", 2),
    ("language of care page, by letter", "/language-of-care/?letter=C", 2),
    ("language of care page, searched", "/language-of-care/?q=family", 2),
    ("plan page", "/plan/", 5),
    ("plan page, filtered", "/plan/?foundation=1&area=stw", 5),
    # ...and 2 for the feedback loop's section: its indicators and its entries (none here;
    # tests/participation counts a page that has both).
    ("action code page", "/plan/stw-4/", 9),
    ("action code page without foundations", "/plan/gc-10/", 9),
    ("search", "/search/", 1),
    ("search with a query", "/search/?q=family+time", 6),
    ("search with no results", "/search/?q=zebra", 6),
]


@pytest.mark.parametrize(
    ("name", "path", "queries"), QUERIES_PER_PAGE_TYPE, ids=[q[0] for q in QUERIES_PER_PAGE_TYPE]
)
def test_each_page_type_renders_with_a_fixed_number_of_queries(
    client, site_content, django_assert_num_queries, name, path, queries
):
    client.get(path)  # warm Wagtail's per-process caches, as any running site has
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200


# --- Home -------------------------------------------------------------------------------------


def test_home_page_has_the_ways_in(client, site_content, have_your_say):
    response = client.get("/")
    body = response.content.decode()
    for heading, href in [
        ("Have your say", "/surveys/"),
        ("You said, we did", "/you-said-we-did/"),
        ("The plan", "/plan/"),
        ("The words we use", "/language-of-care/"),
    ]:
        assert re.search(rf'href="{href}">\s*{heading}\s*</a>', body), heading
    assert 'action="/search/" method="get"' in body
    assert "You don’t have to give your name." in text_of(response)


def test_the_new_pages_are_in_the_navigation(client, site_content):
    nav = client.get("/").content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
    titles = re.findall(r'class="site-navigation__link" href="([^"]+)"[^>]*>([^<]+)<', nav)
    assert titles == [
        ("/", "Home"),
        ("/you-said-we-did/", "You said, we did"),
        ("/plan/", "The plan"),
        ("/language-of-care/", "Language of Care"),
        ("/search/", "Search"),
    ]
    # Kept out of the menu so that it stays short on a phone; the footer links to them.
    footer = client.get("/").content.decode().split("<footer")[1]
    assert 'href="/the-promise/"' in footer
    assert 'href="/what-happens-to-your-answers/"' in footer


# --- Standard pages and their blocks ---------------------------------------------------------


def test_standard_page_renders_its_blocks(client, site_content):
    response = client.get("/what-happens-to-your-answers/")
    body = response.content.decode()
    assert '<nav aria-label="Breadcrumb">' in body
    # Easy read: our own picture, decorative because the sentence says it all.
    assert re.search(
        r'<img class="easy-read__img" src="/static/images/easy-read/padlock.svg" alt=""', body
    )
    assert "You don’t have to give your name." in text_of(response)
    # Callout and native <details>, which open without JavaScript.
    assert 'class="ds_inset-text callout"' in body
    assert body.count('<details class="site-accordion__item">') == 4
    assert "<summary" in body and "Will my carer or worker see my answers?" in body


def test_the_image_block_needs_alt_text_and_renders_it(client, home_page, settings, tmp_path):
    from wagtail_factories import ImageFactory

    from django.core.exceptions import ValidationError

    from cms.blocks import ImageBlock

    settings.MEDIA_ROOT = tmp_path
    image = ImageFactory(title="mural")
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": image, "alt_text": "", "caption": ""})
    page = home_page.add_child(
        instance=StandardPage(
            title="Our mural",
            slug="our-mural",
            body=[
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt_text": "Two young people painting a mural",
                        "caption": "Painted in Alloa",
                    },
                }
            ],
        )
    )
    body = client.get(page.url).content.decode()
    assert 'alt="Two young people painting a mural"' in body
    assert "<figcaption" in body and "Painted in Alloa" in body


def test_easy_read_needs_exactly_one_picture():
    from django.core.exceptions import ValidationError

    from cms.blocks import EasyReadBlock

    block = EasyReadBlock()
    with pytest.raises(ValidationError):
        block.clean({"pictogram": "", "image": None, "sentence": "Hello."})
    assert block.clean({"pictogram": "heart", "image": None, "sentence": "Hello."})


@pytest.mark.parametrize(
    ("page", "path", "ok"),
    [(None, "/surveys/", True), (None, "surveys/", False), (None, "", False)],
)
def test_a_way_in_goes_to_a_page_or_a_site_address(page, path, ok):
    from django.core.exceptions import ValidationError

    from cms.blocks import WayInBlock

    value = {"heading": "Have your say", "text": "Tell us.", "page": page, "path": path}
    if ok:
        assert WayInBlock().clean(value)["path"] == path
    else:
        with pytest.raises(ValidationError):
            WayInBlock().clean(value)


def test_every_content_block_has_a_template_an_icon_and_a_preview():
    from cms.blocks import ContentStreamBlock

    for name, block in ContentStreamBlock().child_blocks.items():
        assert block.meta.template.startswith("components/blocks/"), name
        assert block.meta.icon, name
        assert block.is_previewable, name
        block.render(block.get_preview_value())


# --- The Language of Care page ---------------------------------------------------------------


def test_language_of_care_page_shows_the_policy_then_the_glossary(client, site_content):
    response = client.get("/language-of-care/")
    body, words = response.content.decode(), text_of(response)
    assert "This page is example text for the demonstration site." in words
    assert words.index("Why words matter") < words.index("Glossary: the words we use")
    # An anchor per term, with all four parts.
    assert 'id="contact"' in body and 'id="supervised-contact"' in body
    assert (
        "Words we used to say contact, contact time, contact visit "
        "Words we say now family time Why Time with your family is not an appointment."
    ) in words
    assert "Example Ava has family time with her gran every Saturday." in words
    assert "26 words, from A to Z." in words
    # Terms in alphabetical order, whatever their case.
    assert words.index("Absconding →") < words.index("LAC →") < words.index("Unit →")


def test_glossary_filters_by_letter_without_javascript(client, site_content):
    response = client.get("/language-of-care/?letter=c")
    body, words = response.content.decode(), text_of(response)
    assert 'id="contact"' in body and 'id="care-plan"' in body
    assert 'id="placement"' not in body
    assert "words starting with C." in words
    assert 'href="?letter=C#glossary" aria-current="true"' in body
    # A letter with no words is not a link.
    assert 'href="?letter=Q#glossary"' not in body


def test_glossary_search_finds_words_in_any_part_of_a_term(client, site_content):
    response = client.get("/language-of-care/?q=Family+Time")
    body, words = response.content.decode(), text_of(response)
    assert 'id="contact"' in body and 'id="supervised-contact"' in body
    assert 'id="respite"' not in body
    assert "that match “Family Time”" in words


@pytest.mark.parametrize("query", ["letter=ab", "letter=%C3%A9", "letter=1", "q=" + "x" * 500])
def test_glossary_filters_never_fail(client, site_content, query):
    response = client.get(f"/language-of-care/?{query}")
    assert response.status_code == 200


def test_glossary_says_so_for_a_bad_letter_and_when_nothing_matches(client, site_content):
    words = text_of(client.get("/language-of-care/?letter=ab"))
    assert "Choose a letter from A to Z." in words
    assert "26 words, from A to Z." in words
    words = text_of(client.get("/language-of-care/?q=zebra"))
    assert "No words match." in words


# --- The plan --------------------------------------------------------------------------------


def test_plan_page_shows_foundations_and_every_code_by_area(client, site_content):
    response = client.get("/plan/")
    body, words = response.content.decode(), text_of(response)
    for foundation in Foundation.objects.all():
        assert f"{foundation.number}. {foundation.name}" in words
        assert foundation.child_friendly_description in words
    assert "All 31 actions in the plan." in words
    for code in ActionCode.objects.all():
        assert f'href="/plan/{code.slug}/"' in body
    assert words.index("A Good Childhood (GC)") < words.index("Building Capacity (BC)")


def test_plan_filters_codes_by_foundation_and_area(client, site_content):
    body = client.get("/plan/?foundation=1").content.decode()
    voice = set(ActionCode.objects.filter(foundations__number=1).values_list("slug", flat=True))
    shown = set(re.findall(r'href="/plan/([a-z]+-\d+)/"', body))
    assert shown == voice
    assert "gc-10" not in shown  # GC 10 lists no foundation

    response = client.get("/plan/?foundation=1&area=STW")
    shown = set(re.findall(r'href="/plan/([a-z]+-\d+)/"', response.content.decode()))
    expected = ActionCode.objects.filter(foundations__number=1, priority_area__prefix="STW")
    assert shown == set(expected.values_list("slug", flat=True))
    assert "for the foundation Voice in Supporting the Workforce" in text_of(response)


def test_plan_filters_by_plain_links_too(client, site_content):
    body = client.get("/plan/").content.decode()
    assert 'href="/plan/?foundation=2#actions"' in body
    assert 'href="/plan/?area=wfs#actions"' in body
    body = client.get("/plan/?area=wfs").content.decode()
    shown = re.findall(r'href="/plan/([a-z]+-\d+)/"', body)
    assert shown == [f"wfs-{n}" for n in range(1, 6)]


@pytest.mark.parametrize("query", ["foundation=9", "foundation=x", "area=zz", "foundation=&area="])
def test_plan_ignores_filters_it_does_not_know(client, site_content, query):
    response = client.get(f"/plan/?{query}")
    assert response.status_code == 200
    assert len(set(re.findall(r'href="/plan/([a-z]+-\d+)/"', response.content.decode()))) == 31
    if query != "foundation=&area=":
        assert "We could not find that" in text_of(response)


def test_action_code_page_shows_everything_the_plan_says(client, site_content):
    response = client.get("/plan/stw-4/")
    body, words = response.content.decode(), text_of(response)
    assert "<title>STW 4: Improved policy and guidance" in body
    assert "Supporting the Workforce STW 4" in words
    assert "Improved policy and guidance to support staff in effective practice" in words
    for name in ("Voice", "Family", "People", "Scaffolding"):
        assert f"{name}:" in words
    assert "Care:" not in words
    assert "Review of electronic mechanisms to support young people to share their views" in words
    assert (
        "Increased evidence year on year of children and young people participating in their "
        "meetings. When: year on year"
    ) in words
    assert "When: by December 2025" in words
    assert "Who is responsible Senior Manager Permanence" in words
    assert 'href="/plan/stw-3/"' in body and 'href="/plan/stw-5/"' in body
    assert 'href="/plan/">The plan</a>' in body  # breadcrumbs


def test_every_action_code_page_matches_the_plan_word_for_word(client, site_content):
    with open(PROMISE_PLAN_FILE, encoding="utf-8") as plan_file:
        plan = yaml.safe_load(plan_file)
    names = {f["number"]: f["name"] for f in plan["foundations"]}
    for entry in plan["action_codes"]:
        slug = entry["code"].lower().replace(" ", "-")
        words = text_of(client.get(f"/plan/{slug}/"))
        expected = [entry["outcome"], *entry["actions"], *entry["responsible_roles"]]
        expected += [target["text"] for target in entry["targets"]]
        expected += [f"{names[number]}:" for number in entry["foundations"] or []]
        for text in expected:
            assert " ".join(text.split()) in words, (entry["code"], text)
        if not entry["foundations"]:
            assert "The plan does not link this action to a foundation." in words


def test_first_and_last_codes_have_one_neighbour(client, site_content):
    first = client.get("/plan/gc-1/").content.decode()
    assert 'data-label="previous"' not in first and 'href="/plan/gc-2/"' in first
    last = client.get("/plan/bc-4/").content.decode()
    assert 'data-label="next"' not in last and 'href="/plan/bc-3/"' in last


@pytest.mark.parametrize("path", ["/plan/stw-99/", "/plan/nothing/", "/plan/stw-4/extra/"])
def test_unknown_action_codes_are_not_found(client, site_content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Sorry, we can’t find that page" in response.content.decode()


def test_action_code_url_for_other_parts_of_the_site(site_content):
    assert action_code_url(slug="stw-4") == "/plan/stw-4/"


# --- Search ----------------------------------------------------------------------------------


def test_search_finds_the_glossary_term_for_family_time(client, site_content):
    response = client.get("/search/?q=family+time")
    body = response.content.decode()
    assert "results for" in body
    first = re.search(r'class="ds_search-result__link" href="([^"]+)">([^<]+)<', body)
    assert first.groups() == ("/language-of-care/#contact", "Family time (not “contact”)")
    assert "Language of Care glossary" in body
    assert 'value="family time"' in body  # the box keeps what was typed


def test_search_finds_pages(client, site_content):
    body = client.get("/search/?q=promise+foundations").content.decode()
    assert 'href="/the-promise/">About The Promise</a>' in body


def test_search_with_nothing_typed_shows_only_the_box(client, site_content):
    body = client.get("/search/?q=+++").content.decode()
    assert "ds_search-results" not in body
    assert 'name="q"' in body


@pytest.mark.parametrize("query", ["q=" + "family+" * 200, "q=%22%27%3C%3E", "q=family&page=abc"])
def test_search_never_fails(client, site_content, query):
    assert client.get(f"/search/?{query}").status_code == 200


def test_search_results_come_in_pages(client, site_content):
    for number in range(12):
        page = site_content.add_child(
            instance=StandardPage(title=f"Zanzibar trip {number}", slug=f"zanzibar-{number}")
        )
        page.save_revision().publish()
    first = client.get("/search/?q=zanzibar").content.decode()
    assert "12 results for" in first
    assert first.count('class="ds_search-result"') == 10
    assert 'href="?q=zanzibar&amp;page=2"' in first
    second = client.get("/search/?q=zanzibar&page=2").content.decode()
    assert second.count('class="ds_search-result"') == 2
    assert 'start="11"' in second


def test_search_does_not_show_draft_pages(client, site_content):
    page = site_content.add_child(instance=StandardPage(title="Secret draft", slug="draft"))
    page.unpublish()
    assert "Secret draft" not in client.get("/search/?q=secret+draft").content.decode()


def test_search_sets_no_cookies(client, site_content):
    assert client.get("/search/?q=family").cookies == {}


# --- Demo content ----------------------------------------------------------------------------


def test_building_the_demo_site_again_changes_nothing(site_content):
    from cms.starter import build_site

    pages = list(Page.objects.values_list("pk", "title", "live").order_by("pk"))
    build_site()
    assert list(Page.objects.values_list("pk", "title", "live").order_by("pk")) == pages


def test_the_demo_pages_use_the_language_of_care(site_content):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert check_object(page) == [], page.title
