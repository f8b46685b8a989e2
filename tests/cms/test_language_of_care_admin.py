"""Editors see the Language of Care: a warning when they save, and a report of what is live."""

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from cms.models import Foundation, LanguageTerm, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, make_staff):
    # An administrator, so with 2-step verification set up: the admin is closed without it.
    user = make_staff(superuser=True, email="editor@example.com")
    client.force_login(user)
    return client


@pytest.fixture
def page(home_page):
    page = home_page.add_child(
        instance=StandardPage(title="Family time", slug="family-time", introduction="Hello.")
    )
    page.save_revision().publish()
    return page


def edit_form_data(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField's own inputs are drawn by JavaScript
    return data


def warnings(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_saving_a_page_with_an_old_word_shows_the_suggestion(editor, page, language_of_care):
    data = edit_form_data(editor, page)
    data["introduction"] = "We arranged contact with her dad every Saturday."
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    [warning] = warnings(response)
    assert "Language of Care: 1 word to think about" in warning
    assert "“contact” in Introduction: say “family time” instead." in warning
    assert "We arranged contact with her dad every Saturday." in warning
    assert reverse("cms_language_of_care_report") in warning
    # The warning is also on the page the editor lands on.
    follow = editor.get(response["Location"])
    assert "say “family time” instead" in follow.content.decode()


def test_publishing_is_not_blocked_by_an_old_word(editor, page, language_of_care):
    data = edit_form_data(editor, page)
    data["introduction"] = "Two placements this year."
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.introduction == "Two placements this year."
    [warning] = warnings(response)
    assert "“placements” in Introduction: say “home” instead." in warning


def test_no_warning_when_the_words_are_fine(editor, page, language_of_care):
    data = edit_form_data(editor, page)
    data["introduction"] = "Family time with brothers and sisters. Contact us any time."
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    assert warnings(response) == []


def test_the_editors_autosave_does_not_pile_up_warnings(editor, page, language_of_care):
    data = edit_form_data(editor, page)
    data["introduction"] = "Contact on Tuesday."
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        data,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert warnings(response) == []


def test_creating_a_page_with_an_old_word_shows_the_suggestion(editor, home_page, language_of_care):
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "standardpage", home_page.pk])
    data = querydict_from_html(editor.get(add_url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"
    data["title"] = "Short breaks"
    data["slug"] = "short-breaks"
    data["introduction"] = "Respite for carers."
    response = editor.post(add_url, data)
    assert response.status_code == 302
    assert StandardPage.objects.filter(slug="short-breaks").exists()
    [warning] = warnings(response)
    assert "“Respite” in Introduction: say “short break” instead." in warning


def test_saving_a_snippet_with_an_old_word_shows_the_suggestion(
    editor, promise_plan, language_of_care
):
    voice = Foundation.objects.get(number=1)
    edit_url = reverse("wagtailsnippets_cms_foundation:edit", args=[voice.pk])
    data = querydict_from_html(editor.get(edit_url).content.decode(), form_id="w-editor-form")
    data["child_friendly_description"] = "Your social worker listens to you at your LAC review."
    response = editor.post(edit_url, data)
    assert response.status_code == 302
    voice.refresh_from_db()
    assert voice.child_friendly_description.endswith("LAC review.")
    [warning] = warnings(response)
    assert "“LAC review” in Child friendly description: say “my meeting" in warning


def test_the_report_lists_live_pages_and_snippets_with_findings(
    editor, site_content, page, promise_plan
):
    old_words = home_page_child(site_content, "Old words", "old-words", "A placement review.")
    # A draft with an old word is not live, so it is not in the report yet.
    page.introduction = "Contact every week."
    page.save_revision()

    response = editor.get(reverse("cms_language_of_care_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Old words" in html
    assert reverse("wagtailadmin_pages:edit", args=[old_words.pk]) in html
    assert "“placement” in Introduction: say “home”" in html
    assert "Page: standard page" in html
    # The plan is transcribed word for word, and GC 6 still says "contact".
    assert "Snippet: action code" in html and "GC 6" in html
    assert "Family time" not in html  # the live version of `page` is fine
    # The demo pages use the Language of Care.
    for title in ("About The Promise", "What happens to your answers", "Language of Care"):
        assert f">{title}<" not in html


def test_the_report_can_be_downloaded(editor, site_content):
    home_page_child(site_content, "Old words", "old-words", "A placement review.")
    response = editor.get(reverse("cms_language_of_care_report") + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0] == "Title,Type,Words to change"
    assert "Old words,Page: standard page,“placement” in Introduction: say “home”" in content


def test_the_report_says_so_when_everything_is_fine(editor, home_page, language_of_care):
    response = editor.get(reverse("cms_language_of_care_report"))
    assert response.status_code == 200
    assert "No live page or snippet uses words the Language of Care" in response.content.decode()


def test_the_report_is_in_the_reports_menu(editor, home_page):
    response = editor.get(reverse("wagtailadmin_home"))
    assert reverse("cms_language_of_care_report") in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_cms_foundation:list",
        "wagtailsnippets_cms_priorityarea:list",
        "wagtailsnippets_cms_actioncode:list",
        "wagtailsnippets_cms_languageterm:list",
        "wagtailsnippets_cms_allowedphrase:list",
    ],
)
def test_staff_can_open_the_plan_and_the_glossary_in_the_admin(
    editor, site_content, promise_plan, url_name
):
    response = editor.get(reverse(url_name))
    assert response.status_code == 200


def test_staff_can_open_an_action_code_to_correct_it(editor, promise_plan):
    from cms.models import ActionCode

    stw4 = ActionCode.objects.get(code="STW 4")
    response = editor.get(reverse("wagtailsnippets_cms_actioncode:edit", args=[stw4.pk]))
    assert response.status_code == 200
    assert "Review of electronic mechanisms" in response.content.decode()


def home_page_child(home, title, slug, introduction):
    page = home.add_child(instance=StandardPage(title=title, slug=slug, introduction=introduction))
    page.save_revision().publish()
    return page


def test_every_demo_page_opens_in_the_editor(editor, site_content):
    from wagtail.models import Page

    for page in Page.objects.filter(depth__gt=1):
        response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page.title


def term_form_data(phrase, preferred_words, action="action-publish"):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data(
        {
            "phrases_to_avoid": streamfield([("phrase", {"phrase": phrase, "other_forms": ""})]),
            "preferred_words": preferred_words,
            "why": "Children told us.",
            "example": "",
        }
    )
    data[action] = action
    return data


def test_a_term_an_editor_publishes_is_checked_at_once(editor, language_of_care):
    from cms.language_of_care import check_language

    assert check_language("The kids are at school.") == []
    response = editor.post(
        reverse("wagtailsnippets_cms_languageterm:add"),
        term_form_data("kids", "children, or their names"),
    )
    assert response.status_code == 302
    [finding] = check_language("The kids are at school.")
    assert finding.preferred_words == "children, or their names"


def test_a_draft_term_is_not_used_until_it_is_published(editor, language_of_care):
    from cms.language_of_care import check_language

    response = editor.post(
        reverse("wagtailsnippets_cms_languageterm:add"),
        term_form_data("kids", "children", action="action-save"),
    )
    assert response.status_code == 302
    assert check_language("The kids are at school.") == []


def test_a_second_term_for_the_same_words_is_refused_with_a_message(editor, language_of_care):
    response = editor.post(
        reverse("wagtailsnippets_cms_languageterm:add"), term_form_data("Contact", "family time")
    )
    assert response.status_code == 200
    # The StreamField draws its own errors from JSON, hence the escaped quotes.
    assert "There is already a term for \\u201cContact\\u201d" in response.content.decode()
    assert LanguageTerm.objects.filter(name__iexact="contact").count() == 1


def test_block_previews_use_the_sites_own_styles(editor):
    from cms.models import StandardPage

    stream_block = StandardPage._meta.get_field("body").stream_block
    for name, block in stream_block.child_blocks.items():
        response = editor.get(
            reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}"
        )
        assert response.status_code == 200, name
        assert "/static/css/site.css" in response.content.decode(), name
