"""Hostile text (tests/reliability/payloads.py) typed wherever text reaches a page or an export:
it is shown as the text it is, never run or read as markup, and ordinary text with `<` or `&`
comes back exactly as typed. The real-browser half is test_hostile_text_browser.py."""

import html
import re
import xml.etree.ElementTree as ET

import pytest

from tests.participation.test_feedback_pages import publish
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
