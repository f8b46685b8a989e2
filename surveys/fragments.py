"""Each question's markup, rendered once per published revision and kept.

The markup of a published revision's questions is the same for everyone but which choices are
ticked or typed; rendering eleven question templates was most of the one-page survey's time,
and the question a third of a question page's. So a question with no error is rendered with
nothing ticked or typed, kept (cms.serving.kept: in each process's memory and in Django's cache,
Redis in production) under a digest of everything it depends on, and a visitor's ticks are added
to the inputs by name and value, and what they typed, escaped, to the text box.

Safe by construction: the key is a digest of the question as published (text, hint, choices,
number), so a newly published revision's questions have new keys and show on the next request
in any process; the templates' own text is part of the key, so a release that changes them
never serves old markup; and before a rendering is kept, ticking its first choice (or typing a
probe full of markup characters) this way is checked against the template doing it (whitespace
aside). Should the template ever mark ticks or show typed text some other way, nothing is kept
and every question renders as before.
"""

import functools
import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape

from cms.serving import kept
from surveys.questions import Kind

QUESTION_TEMPLATE = "surveys/questions/question.html"


def _templates_version() -> str:
    digest = hashlib.sha256()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder, "surveys", "questions").glob("*.html")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


TEMPLATES_VERSION = _templates_version()


def _context(item, *, values):
    return {
        "question": item["question"],
        "values": values,
        "error": "",
        "number": item["number"],
        "hint": item["hint"],
        "as_page_heading": item.get("as_page_heading", False),
    }


def _name(item) -> str:
    return _name_of(
        item["question"], item["number"], item["hint"], item.get("as_page_heading", False)
    )


@functools.lru_cache(maxsize=4096)
def _name_of(question, number, hint, as_page_heading) -> str:
    """What the markup depends on: the templates, the question as published (its text, hint,
    choices...), its number, the hint shown and whether it heads its own page. Remembered for
    equal arguments (a question is a frozen dataclass, equal by what it asks)."""
    content = f"{TEMPLATES_VERSION}|{question!r}|{number}|{hint}|{as_page_heading}"
    return "surveys-markup:" + hashlib.sha256(content.encode()).hexdigest()


def _tick(markup: str, question, values) -> str:
    for value in values:
        if value not in question.choice_by_value:
            continue
        attribute = f'name="{escape(question.field_name)}" value="{escape(value)}"'
        markup = markup.replace(attribute, attribute + " checked", 1)
    return markup


def _type(markup: str, question, values) -> str:
    """What the visitor typed, escaped, in the text box: inside a textarea, or as an input's
    value."""
    typed = values[0] if values else ""
    if not typed:
        return markup
    if question.kind == Kind.LONG_TEXT:
        return markup.replace("</textarea>", f"{escape(typed)}</textarea>", 1)
    attribute = f'name="{escape(question.field_name)}" value="'
    return markup.replace(attribute, attribute + escape(typed), 1)


def _fill(markup: str, question, values) -> str:
    return _type(markup, question, values) if question.is_text else _tick(markup, question, values)


# Typed into a text box when checking that filling the kept markup gives what the template
# gives: markup characters, quotes, an ampersand and lines.
PROBE = 'A <b>probe</b> & "quotes",\n  on two lines'


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", " ", a) == re.sub(r"\s+", " ", b)


def question_markups(items) -> dict[str, str]:
    """Question key → markup with the visitor's ticks or typed text, for each item (a dict of
    question, values, error, number, hint and, on a question's own page, as_page_heading, as
    the views build them) that can be kept: a question without an error."""
    found = {}
    for item in items:
        question = item["question"]
        if item["error"] or not (question.is_text or question.choices):
            continue
        blank = kept(_name(item), lambda item=item: _render_checked(item))
        if blank is not None:
            found[question.key] = _fill(blank, question, item["values"])
    return found


def _render_checked(item) -> str | None:
    """The question with nothing ticked or typed, if filling it (ticking its first choice by
    name and value, or typing the probe) gives what the template gives; None otherwise."""
    question = item["question"]
    context = _context(item, values=[])
    blank = render_to_string(QUESTION_TEMPLATE, context)
    sample = [PROBE] if question.is_text else [question.choices[0].value]
    filled = render_to_string(QUESTION_TEMPLATE, {**context, "values": sample})
    if not _same(_fill(blank, question, sample), filled):
        return None
    return blank
