"""Hostile text (tests/reliability/payloads.py) typed wherever text reaches a page or an export:
it is shown as the text it is, never run or read as markup, and ordinary text with `<` or `&`
comes back exactly as typed. The real-browser half is tests/browser/test_hostile_text.py."""

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from participation.models import FeedbackEntry
from tests.participation.test_feedback_pages import publish
from tests.reliability.markup import assert_shown_as_text, read
from tests.reliability.payloads import HOSTILE, ORDINARY

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_escapes_what_editors_typed_and_keeps_ordinary_text_exact(client, site_content):
    typed = HOSTILE + ORDINARY
    for number, text in enumerate(typed):
        publish(
            f"Entry {number} {text}",
            what_you_said=text,
            what_we_did=f"<p>{html.escape(text)}</p>",
            why_not=text,
            days_ago=number,
        )
    response = client.get("/you-said-we-did/feed/", {"n": 1})
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries, "the feed is empty"
    for entry in entries:
        number = int(entry.find(f"{ATOM}title").text.split()[1])
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        # What a feed reader renders: the summary is markup, and must hold no markup of ours
        # but its paragraphs.
        assert set(re.findall(r"</?([a-zA-Z]+)", summary.text)) == {"p"}
        shown = html.unescape(re.sub(r"</?p>", "", summary.text))
        text = typed[number]
        said, did, why_not = shown.split("\n")
        assert (said, why_not) == (f"You said: {text}", f"Why we can’t do this: {text}")
        if text in ORDINARY:
            assert did == f"We did: {text}"


TYPED = HOSTILE + ORDINARY


def as_the_editor_saves(text, model, field_name):
    """Rich text as the page editor stores it when `text` is typed into the field and made a
    link to `text` as its address: Draftail sends its content state, Wagtail converts it."""
    features = model._meta.get_field(field_name).features
    block = {
        "key": "typed",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": len(text), "key": 0}] if text else [],
    }
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": text}}
    state = {"blocks": [block], "entityMap": {"0": link}}
    return ContentstateConverter(features).to_database_format(json.dumps(state))


def test_glossary_terms_are_shown_as_typed_on_the_glossary_and_in_search(client, site_content):
    from cms.services import load_language_of_care

    load_language_of_care(
        data={
            "terms": [
                {
                    "phrases": [{"phrase": f"oldword{number}"}],
                    "preferred_words": text,
                    "why": f"finder{number} {text}",
                    "example": text,
                }
                for number, text in enumerate(TYPED)
            ]
            + [
                {
                    "phrases": [{"phrase": "looked after child"}],
                    "preferred_words": "BSL interpreter & Children's Hearing",
                    "why": "Capitals are part of a name.",
                }
            ]
        }
    )
    assert_shown_as_text(client.get("/language-of-care/").content.decode(), TYPED)
    for number, text in enumerate(TYPED):
        found = client.get("/search/", {"q": f"finder{number}"}).content.decode()
        assert_shown_as_text(found, [f"finder{number} {text}"])
    # Search shows the words we say now as they were typed, only the first letter raised.
    found = client.get("/search/", {"q": "looked after"}).content.decode()
    assert_shown_as_text(found, ["BSL interpreter & Children's Hearing (not “looked after child”)"])


def test_the_search_box_shows_what_was_searched_for_as_typed(client, site_content):
    for text in TYPED:
        assert_shown_as_text(client.get("/search/", {"q": text}).content.decode(), [])


def test_you_said_we_did_entries_are_shown_as_typed(client, site_content):
    entries = [
        publish(
            f"Entry {number} {text}",
            what_you_said=text,
            what_we_did=as_the_editor_saves(text, FeedbackEntry, "what_we_did"),
            why_not=text,
            days_ago=number,
        )
        for number, text in enumerate(TYPED)
    ]
    listing = "".join(
        client.get("/you-said-we-did/", {"page": page}).content.decode() for page in range(1, 8)
    )
    assert_shown_as_text(listing, [f"Entry {number} {text}" for number, text in enumerate(TYPED)])
    for entry, text in zip(entries, TYPED, strict=True):
        page = client.get(f"/you-said-we-did/entry/{entry.pk}/").content.decode()
        assert_shown_as_text(page, [text])
        assert html.escape(text) not in read(page)[1] or "&" not in text  # not escaped twice


def test_editor_fields_of_a_page_are_shown_as_typed(client, site_content):
    from cms.models import InformationPage

    for number, text in enumerate(TYPED):
        page = site_content.add_child(
            instance=InformationPage(
                title=text or "x",
                slug=f"hostile-{number}",
                introduction=text,
                body=as_the_editor_saves(text, InformationPage, "body"),
                search_description=text,
            )
        )
        shown = client.get(page.url).content.decode()
        assert_shown_as_text(shown, [text])


def test_typed_answers_come_back_as_typed_on_the_page_and_in_exports(
    client, one_page_survey, make_staff, settings
):
    import csv
    import io

    from openpyxl import load_workbook

    from accounts.roles import ANALYSTS
    from cms.sanitising import clean_typed_text
    from cms.spreadsheets import FORMULA_STARTS
    from tests.surveys.helpers import current_draft, start

    settings.SURVEY_RATE_LIMITS = {
        scope: (10**9, window) for scope, (_, window) in settings.SURVEY_RATE_LIMITS.items()
    }
    survey = one_page_survey
    for text in TYPED:
        start(client, survey)
        draft = current_draft(client, survey)
        saved = client.post(
            f"{survey.url}answers/",
            {"action": "save", "submission_id": str(draft.submission_id), "q-anything-else": text},
        )
        assert saved.status_code == 200
        assert_shown_as_text(client.get(f"{survey.url}answers/").content.decode(), [text])
        sent = client.post(
            f"{survey.url}answers/",
            {"action": "send", "submission_id": str(draft.submission_id), "q-anything-else": text},
        )
        assert sent.status_code == 302

    client.force_login(make_staff(ANALYSTS))
    query = {"theme": survey.theme, "cycle": survey.cycle_id}
    raw = client.get("/admin/results/export/responses.csv", query)
    rows = list(csv.reader(io.StringIO(b"".join(raw.streaming_content).decode("utf-8-sig"))))
    column = rows[0].index("anything-else")
    stored = [clean_typed_text(text) for text in TYPED]  # new lines as \n, as the site keeps them
    safe = [f"'{text}" if text.startswith(FORMULA_STARTS) else text for text in stored]
    assert sorted(row[column] for row in rows[1:]) == sorted(safe)

    workbook = client.get("/admin/results/export/responses.xlsx", query)
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    column = [cell.value for cell in sheet[1]].index("anything-else")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert sorted(cell.value for cell in cells) == sorted(t.replace("\r", "\n") for t in safe)
