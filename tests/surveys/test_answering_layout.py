"""The answering pages have a compact header (the quick exit and a way to help, no navigation)
and load none of the design system's scripts and only the styles they use; the site's other
pages keep their header."""

import pytest

from tests.surveys.helpers import start

pytestmark = pytest.mark.django_db


def _answering_pages(client, survey):
    yield client.get(survey.url).content.decode()  # the start page
    start(client, survey)
    yield client.get(f"{survey.url}question/listened-to/").content.decode()
    yield client.get(f"{survey.url}check/").content.decode()


def test_answering_pages_have_the_compact_header_and_no_design_system_script(client, survey):
    for html in _answering_pages(client, survey):
        assert 'class="answering-header"' in html
        assert "Hide this page" in html and 'href="#help-contacts">Get help</a>' in html
        assert 'id="help-contacts"' in html
        assert "site-navigation" not in html and "help-strip" not in html
        assert "design-system.js" not in html and "design-system.min.css" not in html
        assert "js/site.js" in html and "css/answering.css" in html


def test_other_pages_keep_the_site_header(client, survey_index):
    html = client.get(survey_index.url).content.decode()
    assert "answering-header" not in html
    assert "site-navigation" in html and "help-strip" in html and "design-system.js" in html
    assert "design-system.min.css" in html and "answering.css" not in html
