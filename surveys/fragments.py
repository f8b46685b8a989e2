"""Each choice question's markup, rendered once per published revision and kept in the cache.

The markup of a published revision's questions is the same for everyone but which choices are
ticked; rendering eleven question templates was most of the one-page survey's time. So a
question with no error is rendered with nothing ticked, kept in Django's cache (Redis in
production, shared by every worker) under a digest of everything it depends on, and a visitor's
ticks are added to the inputs by name and value.

Safe by construction: the key is a digest of the question as published (text, hint, choices,
number), so a newly published revision's questions have new keys and show on the next request
in any process; the templates' own text is part of the key, so a release that changes them
never serves old markup; and before a rendering is kept, ticking its first choice this way
is checked against the template ticking it (whitespace aside). Should the template ever mark
ticks some other way, nothing is kept and every question renders as before.
"""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape

QUESTION_TEMPLATE = "surveys/questions/question.html"
TIMEOUT = 60 * 60 * 24


def _templates_version() -> str:
    digest = hashlib.sha256()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder, "surveys", "questions").glob("*.html")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


TEMPLATES_VERSION = _templates_version()


def _context(question, *, number, hint, values):
    return {
        "question": question,
        "values": values,
        "error": "",
        "number": number,
        "hint": hint,
        "as_page_heading": False,
    }


def _cache_key(item) -> str:
    """What the markup depends on: the templates, the question as published (its text, hint,
    choices...), its number and the hint shown."""
    content = f"{TEMPLATES_VERSION}|{item['question']!r}|{item['number']}|{item['hint']}"
    return "surveys:markup:" + hashlib.sha256(content.encode()).hexdigest()


def _tick(markup: str, question, values) -> str:
    for value in values:
        if value not in question.choice_by_value:
            continue
        attribute = f'name="{escape(question.field_name)}" value="{escape(value)}"'
        markup = markup.replace(attribute, attribute + " checked", 1)
    return markup


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", " ", a) == re.sub(r"\s+", " ", b)


def question_markups(items) -> dict[str, str]:
    """Question key → markup with the visitor's ticks, for each item (a dict of question,
    values, error, number and hint, as the one-page view builds them) that can be served from
    the cache: a choice question without an error."""
    wanted = {
        item["question"].key: item
        for item in items
        if not item["error"] and not item["question"].is_text and item["question"].choices
    }
    keys = {key: _cache_key(item) for key, item in wanted.items()}
    cached = cache.get_many(list(keys.values()))
    found, new = {}, {}
    for key, item in wanted.items():
        blank = cached.get(keys[key])
        if blank is None:
            blank = _render_checked(item)
            if blank is None:
                continue
            new[keys[key]] = blank
        found[key] = _tick(blank, item["question"], item["values"])
    if new:
        cache.set_many(new, timeout=TIMEOUT)
    return found


def _render_checked(item) -> str | None:
    """The question with nothing ticked, if ticking its first choice by name and value gives
    what the template gives; None otherwise."""
    question = item["question"]
    context = _context(question, number=item["number"], hint=item["hint"], values=[])
    blank = render_to_string(QUESTION_TEMPLATE, context)
    first = [question.choices[0].value]
    ticked = render_to_string(QUESTION_TEMPLATE, {**context, "values": first})
    if not _same(_tick(blank, question, first), ticked):
        return None
    return blank
