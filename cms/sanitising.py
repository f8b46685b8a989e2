"""The one place the site cleans text that people type: every caller goes through `strip_markup`.

`bleach` is imported here and nowhere else, so that it can be replaced in one place.
"""

import html
import re

import bleach

# Control characters other than tab, new line and carriage return: PostgreSQL refuses NUL in text,
# and none of the others belongs in an answer.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_markup(text: str) -> str:
    """Return `text` as plain text: every tag and comment removed, entities read as characters.

    The result is meant to be stored as plain text and escaped wherever it is shown; it is not
    safe to mark as HTML.
    """
    # Before bleach, whose parser would turn NUL into a replacement character.
    plain = _CONTROL_CHARACTERS.sub("", text)
    # bleach escapes &, < and > in what is left; we store plain text, so read them back. Reading
    # them back can make a new tag ("&lt;b&gt;"), so clean again until nothing changes.
    for _ in range(5):
        cleaned = html.unescape(
            bleach.clean(plain, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == plain:
            break
        plain = cleaned
    # Entities such as "&#7;" can spell control characters too.
    plain = _CONTROL_CHARACTERS.sub("", plain)
    return plain.replace("\r\n", "\n").replace("\r", "\n").strip()
