"""Finding the safeguarding list's words and phrases in a typed answer. Pure: no database.

Children write on phones: without capitals or apostrophes, with words run together or split
("my self", "selfharm"), letters repeated ("hurrrts"), slang ("wanna"), slips ("myslef"), and
invisible characters a keyboard or a copy and paste leaves inside a word. The list's phrases and
the answer are read the same way (`words`), and a phrase is found when:

- its words stand in the answer as whole words, however the spaces between their letters fall
  ("kill my self" for "kill myself", "h u r t s me" for "hurts me"); or
- the same is true of their stems ("self harming" for "self-harm", "beating me" for "beat me"); or
- a phrase of several words is there with one longer word a slip of the keyboard away ("kill
  myslef"). Single words never match by a slip, so "amused" is not "abused", nor "violet" "violent".

Whole words always: "hurt me" is not in "shirt media", and "rape" is not in "grapes" or "therapist".
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

APOSTROPHES = "'’‘`´ʼ"
SUFFIXES = ("ing", "ed", "es", "s")
# A stem shorter than this is not taken: "rape" must not become "rap", nor "hits" "hit".
MIN_STEM_LENGTH = 4
# Only words at least this long may differ by a slip of the keyboard.
MIN_SLIP_LENGTH = 5
_NOT_LETTERS = re.compile(r"[^\w]+|_")
_REPEATS = re.compile(r"(\w)\1+")


def _one_of_each(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


# Phone spellings of two words, read as the two words (looked up once repeats are single).
SLANG = {
    _one_of_each(spelling): meaning
    for spelling, meaning in {
        "wanna": ("want", "to"),
        "gonna": ("going", "to"),
        "gotta": ("got", "to"),
    }.items()
}


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` as the matcher reads it: small letters without accents, invisible characters and
    apostrophes; punctuation as spaces; runs of one letter as one ("kill" and "kil" alike);
    "wanna" as "want to"."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        character
        for character in decomposed
        # Marks (accents, strike-through) and format characters (zero-width spaces and joiners,
        # soft hyphens, direction marks) change how a word looks, not what it says.
        if unicodedata.category(character) not in {"Mn", "Me", "Cf"}
        and character not in APOSTROPHES
    )
    read = []
    for word in _NOT_LETTERS.sub(" ", kept.casefold()).split():
        word = _one_of_each(word)
        read.extend(SLANG.get(word, (word,)))
    return tuple(read)


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


class _Read:
    """The answer's words run together, with the places where a word starts or ends."""

    def __init__(self, answer_words: Sequence[str]):
        self.joined = "".join(answer_words)
        self.edges = {0}
        length = 0
        for word in answer_words:
            length += len(word)
            self.edges.add(length)

    def has(self, phrase_words: Sequence[str]) -> bool:
        wanted = "".join(phrase_words)
        if not wanted:
            return False
        start = self.joined.find(wanted)
        while start != -1:
            if start in self.edges and start + len(wanted) in self.edges:
                return True
            start = self.joined.find(wanted, start + 1)
        return False


def _one_slip_apart(a: str, b: str) -> bool:
    """One letter added, left out, changed, or two side by side swapped."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < MIN_SLIP_LENGTH:
        return False
    if len(a) == len(b):
        different = [i for i in range(len(a)) if a[i] != b[i]]
        if len(different) == 1:
            return True
        first, *rest = different or [0]
        return rest == [first + 1] and a[first] == b[first + 1] and a[first + 1] == b[first]
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _has_with_one_slip(answer_words: Sequence[str], phrase_words: Sequence[str]) -> bool:
    size = len(phrase_words)
    for start in range(len(answer_words) - size + 1):
        slips = 0
        for answered, wanted in zip(answer_words[start : start + size], phrase_words, strict=True):
            if answered == wanted:
                continue
            slips += 1
            if slips > 1 or not _one_slip_apart(answered, wanted):
                break
        else:
            return True
    return False


def matching_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases found in `text`, read the same way (see the module's docstring), in the
    order they are listed. Of phrases that read the same ("hurt me", "hurts me"), only the first
    listed is named."""
    answer_words = words(text)
    if not answer_words:
        return []
    stems = [_stem(word) for word in answer_words]
    read, read_stems = _Read(answer_words), _Read(stems)
    found, named = [], set()
    for phrase in phrases:
        phrase_words = words(phrase)
        phrase_stems = tuple(_stem(word) for word in phrase_words)
        if not phrase_words or phrase_stems in named:
            continue
        if (
            read.has(phrase_words)
            or read_stems.has(phrase_stems)
            or (len(phrase_words) > 1 and _has_with_one_slip(stems, phrase_stems))
        ):
            found.append(phrase)
            named.add(phrase_stems)
    return found
