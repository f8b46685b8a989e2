"""The one place the site cleans text: what people type, and markup that editors write.

Typed text (survey answers, notes on a safeguarding flag) is never rendered as HTML: it is kept
exactly as typed, control characters aside (`clean_typed_text`), and escaped wherever it is shown.
Markup (rich text from editors) is read as plain text with `strip_markup`, through `bleach`, which
is imported here and nowhere else, so that it can be replaced in one place.
"""

import html
import re

import bleach

# Control characters other than tab, new line and carriage return: PostgreSQL refuses NUL in text,
# and none of the others belongs in an answer.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_control_characters(text: str) -> str:
    plain = _CONTROL_CHARACTERS.sub("", text)
    # Browsers send each new line in a form as \r\n; keep one kind of new line.
    return plain.replace("\r\n", "\n").replace("\r", "\n")


def clean_typed_text(text: str) -> str:
    """`text` exactly as it was typed, but for control characters, which are removed, and new
    lines, which become \\n. Markup, entities and spaces are kept: "<not allowed>" and "&amp;"
    stay as typed. Not safe to mark as HTML: escape it wherever it is shown."""
    return _without_control_characters(text)


def strip_markup(text: str) -> str:
    """Return markup (rich text from editors) as plain text: every tag and comment removed,
    entities read as characters, however deeply they hide a tag.

    The result is meant for reading (checking words, a summary) and is escaped wherever it is
    shown; it is not safe to mark as HTML.
    """
    # Before bleach, whose parser would turn NUL into a replacement character.
    plain = _CONTROL_CHARACTERS.sub("", text)
    # bleach escapes &, < and > in what is left; reading them back can make a new tag
    # ("&lt;b&gt;"), so clean again until nothing changes. A pass that changes anything makes the
    # text shorter, so this ends, however many layers of entities there are.
    while True:
        cleaned = html.unescape(
            bleach.clean(plain, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == plain:
            break
        plain = cleaned
    # Entities such as "&#7;" can spell control characters too.
    return _without_control_characters(plain).strip()
