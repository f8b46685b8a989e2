"""Finding the safeguarding list's words and phrases in a typed answer. Pure: no database."""

import re
from collections.abc import Iterable


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def _pattern(phrase: str) -> re.Pattern:
    words = [re.escape(word) for word in _normalise(phrase).split(" ") if word]
    # Whole words only, with any space between them: "hurt me" is in "He hurt  me", not in
    # "shurt media".
    return re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])")


def matching_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases found in `text`, ignoring capitals and curly apostrophes, in list order."""
    normalised = _normalise(text)
    return [phrase for phrase in phrases if phrase.strip() and _pattern(phrase).search(normalised)]
