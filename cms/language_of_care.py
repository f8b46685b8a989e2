"""The Language of Care checker: finds the words we used to say and suggests the words we say now.

`check_language(text)` is the one function that decides what a finding is. Everything else here
feeds it text (`collect_text` for pages and snippets) or reports what it found (`check_object`).
The terms and allowed phrases come from the database (LanguageTerm, AllowedPhrase) through the
cache; saving or deleting either clears the cache (see `forget_rules`).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from django.db import models

from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.models import AllowedPhrase, LanguageTerm
from cms.sanitising import strip_markup

RULES_CACHE_KEY = "cms:language-of-care:rules"
CONTEXT_WORDS = 6
# Words in a phrase may be written apart, with a hyphen or with a dash: "looked-after child".
SEPARATOR = r"[\s\-\u2010\u2011\u2013]"
# Editors' own page fields worth reading; the rest of Page (slug, path...) is machinery.
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}
BLOCK_END_TAG = re.compile(r"(?i)<br\s*/?>|</(?:p|h[1-6]|li|ul|ol|div|blockquote|summary)>")


@dataclass(frozen=True)
class LanguageFinding:
    """One old word in a text: what was written, where, and what to say instead."""

    phrase: str  # as written in the text, for example "Placements"
    start: int  # offset of the phrase in the text
    end: int
    context: str  # the words around it, for example "… moved to a new placement last …"
    preferred_words: str  # "home"
    term: str  # the glossary term it belongs to, for example "placement"
    why: str


@dataclass(frozen=True)
class TextPart:
    """A piece of an object's text and where it is, for example ("Body › Paragraph", "...")."""

    where: str
    text: str


@dataclass(frozen=True)
class ObjectFinding:
    where: str
    finding: LanguageFinding


def check_language(text: str) -> list[LanguageFinding]:
    """Every phrase to avoid in `text`, in order, with the words to say instead.

    Whole words and phrases only (never inside another word), in any case, in the forms the
    glossary lists and regular plurals; phrases inside an allowed phrase ("contact us",
    "eye contact") are not findings.
    """
    if not text or not text.strip():
        return []
    return _checker(_rules()).findings(text)


def html_to_text(markup: str) -> str:
    """Rich text as plain text, through the site's one sanitiser, with a line break where a block
    ended."""
    return strip_markup(BLOCK_END_TAG.sub("\n", markup or ""))


def is_checked(model) -> bool:
    """Whether pages or snippets of this model are checked (the glossary itself is not)."""
    return getattr(model, "language_of_care_checked", True)


def collect_text(obj) -> list[TextPart]:
    """The text editors wrote in a page or snippet, field by field, without markup."""
    parts = list(_model_text(obj, prefix=""))
    for relation in get_all_child_relations(type(obj)):
        child_model = relation.related_model
        if child_model._meta.app_label == "wagtailcore":  # comments between editors
            continue
        children = getattr(obj, relation.get_accessor_name()).all()
        # "Target 2", or "Target 2 › Timescale" where a child has more than one text field.
        named_fields = len(list(_text_fields(child_model))) > 1
        for number, child in enumerate(children, start=1):
            name = f"{child_model._meta.verbose_name.capitalize()} {number}"
            parts.extend(_model_text(child, prefix=f"{name} › " if named_fields else "", only=name))
    return [part for part in parts if part.text.strip()]


def check_object(obj) -> list[ObjectFinding]:
    """The findings in every part of a page's or snippet's text."""
    if not is_checked(type(obj)):
        return []
    return [
        ObjectFinding(where=part.where, finding=finding)
        for part in collect_text(obj)
        for finding in check_language(part.text)
    ]


def forget_rules(**kwargs) -> None:
    """Signal receiver: the terms or allowed phrases changed, so read them again."""
    cache.delete(RULES_CACHE_KEY)


# --- Reading the text of objects ------------------------------------------------------------


def _text_fields(model):
    is_page = issubclass(model, Page)
    for field in model._meta.concrete_fields:
        if is_page and field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        if not field.editable or field.choices:
            continue
        if isinstance(field, (models.SlugField, models.URLField, models.EmailField)):
            continue
        if isinstance(field, (StreamField, models.CharField, models.TextField)):
            yield field


def _model_text(obj, *, prefix: str, only: str = ""):
    """Each text field's text; `only` names the part when it is the model's one text field."""
    fields = list(_text_fields(type(obj)))
    for field in fields:
        value = getattr(obj, field.name)
        if only and len(fields) == 1:
            label = only
        else:
            label = prefix + str(field.verbose_name).capitalize()
        if isinstance(field, StreamField):
            for child in value or []:
                yield from _block_text(f"{label} › {child.block.label}", child.block, child.value)
        elif value:
            text = str(value)
            yield TextPart(label, html_to_text(text) if "<" in text else text)


def _block_text(where: str, block, value):
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield TextPart(where, html_to_text(value.source))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield TextPart(where, str(value))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_text(where, child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_text(where, block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_text(f"{where} › {child.block.label}", child.block, child.value)


# --- The rules, from the database through the cache -------------------------------------------


@dataclass(frozen=True)
class _Term:
    forms: tuple[str, ...]
    name: str
    preferred_words: str
    why: str


def _rules() -> tuple[tuple[_Term, ...], tuple[str, ...]]:
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rules = _load_rules()
        cache.set(RULES_CACHE_KEY, rules, timeout=None)
    return rules


def _load_rules():
    terms = []
    for term in LanguageTerm.objects.filter(live=True).only(
        "name", "preferred_words", "why", "phrases_to_avoid"
    ):
        forms = []
        for phrase, other_forms in term.phrases_with_forms:
            for form in (phrase, *other_forms):
                forms.extend([form, plural(form)])
        terms.append(
            _Term(
                forms=_unique(forms),
                name=term.name,
                preferred_words=term.preferred_words,
                why=term.why,
            )
        )
    allowed = []
    for phrase in AllowedPhrase.objects.values_list("phrase", flat=True):
        allowed.extend([phrase, plural(phrase)])
    return tuple(terms), _unique(allowed)


def plural(phrase: str) -> str:
    """The regular English plural of a phrase's last word: placement → placements."""
    phrase = phrase.strip()
    lower = phrase.lower()
    if not phrase or not lower[-1].isalpha():
        return phrase
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + "s"


def _unique(phrases) -> tuple[str, ...]:
    seen, unique = set(), []
    for phrase in phrases:
        key = " ".join(phrase.lower().split())
        if key and key not in seen:
            seen.add(key)
            unique.append(phrase.strip())
    return tuple(unique)


# --- Matching ---------------------------------------------------------------------------------


def _phrase_pattern(phrase: str) -> str:
    words = []
    for word in phrase.split():
        pieces = [
            re.sub(r"['’]", "['’]", re.escape(piece))
            for piece in re.split(r"[\-\u2010\u2011\u2013]", word)
            if piece
        ]
        # A hyphen in a listed phrase may be written or left out: non-compliant, noncompliant.
        words.append(f"{SEPARATOR}?".join(pieces))
    return f"{SEPARATOR}+".join(words)


def _whole_phrases(patterns: list[tuple[str, str]]) -> re.Pattern | None:
    """One regular expression for many phrases: the longest first, never inside a word."""
    if not patterns:
        return None
    alternatives = "|".join(f"(?P<{name}>{pattern})" for name, pattern in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class _Checker:
    def __init__(self, terms: tuple[_Term, ...], allowed: tuple[str, ...]):
        forms = sorted(
            ((form, term) for term in terms for form in term.forms),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        self.term_for_group = {}
        patterns = []
        for number, (form, term) in enumerate(forms):
            self.term_for_group[f"f{number}"] = term
            patterns.append((f"f{number}", _phrase_pattern(form)))
        self.avoid = _whole_phrases(patterns)
        allowed = sorted(allowed, key=len, reverse=True)
        self.allowed = _whole_phrases(
            [(f"a{number}", _phrase_pattern(phrase)) for number, phrase in enumerate(allowed)]
        )

    def findings(self, text: str) -> list[LanguageFinding]:
        if self.avoid is None:
            return []
        allowed_spans = (
            [match.span() for match in self.allowed.finditer(text)] if self.allowed else []
        )
        findings = []
        for match in self.avoid.finditer(text):
            start, end = match.span()
            if any(a_start <= start and end <= a_end for a_start, a_end in allowed_spans):
                continue
            term = self.term_for_group[match.lastgroup]
            findings.append(
                LanguageFinding(
                    phrase=match.group(),
                    start=start,
                    end=end,
                    context=_surrounding_words(text, start, end),
                    preferred_words=term.preferred_words,
                    term=term.name,
                    why=term.why,
                )
            )
        return findings


@lru_cache(maxsize=4)
def _checker(rules) -> _Checker:
    terms, allowed = rules
    return _Checker(terms, allowed)


def _surrounding_words(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    spans = [match.span() for match in re.finditer(r"\S+", text)]
    first = next(i for i, (_, word_end) in enumerate(spans) if word_end > start)
    last = max(i for i, (word_start, _) in enumerate(spans) if word_start < end)
    low, high = max(0, first - words), min(len(spans) - 1, last + words)
    snippet = " ".join(text[spans[low][0] : spans[high][1]].split())
    return ("… " if low > 0 else "") + snippet + (" …" if high < len(spans) - 1 else "")
