"""What a child types is kept exactly as typed and shown back escaped, wherever it is shown.

Typed answers are never rendered as HTML, so escaping on the way out is what keeps them safe; the
text itself is stored as it was typed (control characters aside). Hypothesis types anything, with
plenty of markup, entities and new lines among it.
"""

import html
import re
import uuid

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.test import Client

from accounts import roles
from surveys.models import SafeguardingFlag
from tests.surveys.helpers import answer, start

pytestmark = pytest.mark.django_db

# Pieces that a sanitiser or a template might get wrong, mixed in among any other characters.
TRICKY = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "\n",
    "<b>",
    "</q>",
    "<script>alert(1)</script>",
    "<not allowed>",
    "&amp;",
    "&lt;b&gt;",
    "&#60;",
    "&#x3C;",
    "&amp;lt;i&amp;gt;",
    "<!-- -->",
    "<br>",
    "<3",
    "\u200b",
    "\u202e",
    "hurt  me",
]
# A person types no control characters; a browser sends each new line as \r\n (added below).
CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs"))
typed_text = (
    st.lists(st.one_of(CHARACTERS, st.sampled_from(TRICKY)), min_size=1, max_size=60)
    .map("".join)
    .filter(lambda text: text.strip())
)
EXAMPLES = hypothesis_settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
AS_A_BROWSER_SENDS_IT = str.maketrans({"\n": "\r\n"})
TAG = re.compile(r"<(?!br>)[A-Za-z!/?]")


def _shown(markup: str) -> str:
    """Text as a person reads it, from the escaped markup a template made of it."""
    assert not TAG.search(markup), f"unescaped markup in {markup!r}"
    return html.unescape(markup.replace("<br>", "\n"))


@given(text=typed_text)
@EXAMPLES
def test_any_typed_text_comes_back_unchanged_on_check_your_answers(survey, text):
    cache.clear()  # rate limits
    client = Client()
    start(client, survey)
    response = answer(client, survey, "anything-else", text.translate(AS_A_BROWSER_SENDS_IT))
    assert response.status_code == 302, response.content.decode()[:500]
    page = client.get(f"{survey.url}check/").content.decode()
    (shown,) = re.findall(r'<q class="ds_summary-list__answer">(.*?)</q>', page, re.S)
    assert _shown(shown) == text


@given(text=typed_text)
@EXAMPLES
def test_any_typed_text_comes_back_unchanged_to_the_safeguarding_lead(survey, make_staff, text):
    from surveys.services import submit_response

    cache.clear()
    lead = make_staff(roles.SAFEGUARDING_LEADS)
    typed = f"{text}\nhe hurt me"
    response = submit_response(
        survey=survey, answers={"anything-else": [typed]}, submission_id=uuid.uuid4()
    ).response
    flag = SafeguardingFlag.objects.get(response=response)
    client = Client()
    client.force_login(lead)
    page = client.get(f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/").content.decode()
    (shown,) = re.findall(
        r'<blockquote class="help-block help-warning">(.*?)</blockquote>', page, re.S
    )
    assert _shown(shown) == typed
