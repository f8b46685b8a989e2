"""Checking answers against what a survey asks. Pure functions: nothing here reads or writes the
database, so the answering pages and the submission service share one set of rules.

Answers are `{question key: [values]}`: a choice value per ticked answer, the number as text for
a 0 to 10 scale, the typed text for a text question. An empty list means the question was skipped.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from cms.sanitising import clean_typed_text
from surveys.questions import RATHER_NOT_SAY, Question, field_name_to_key, is_shown

TAMPERED = (
    "Something in this form was not one of our questions, so nothing was saved. "
    "Please check your answers and send them again."
)


@dataclass
class CheckedAnswers:
    answers: dict[str, list[str]] = field(default_factory=dict)
    # {question key: message}, shown beside the question and in the error summary.
    errors: dict[str, str] = field(default_factory=dict)
    # Problems that belong to no one question (a tampered form).
    general_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.general_errors


def answers_from_form(data, questions: Sequence[Question]) -> dict[str, list[str]]:
    """Every `q-…` field in posted form data, plus an empty answer for each of `questions` that
    was left blank (an unticked radio sends nothing at all)."""
    answers = {question.key: [] for question in questions}
    for name in data:
        key = field_name_to_key(name)
        if key is not None:
            answers[key] = [value for value in data.getlist(name) if value.strip()]
    return answers


def check_answers(
    *,
    questions: Sequence[Question],
    answers: Mapping[str, Sequence[str]],
    asked: Collection[str] | None = None,
    earlier_answers: Mapping[str, Sequence[str]] | None = None,
) -> CheckedAnswers:
    """Clean `answers` for `questions` (the whole survey, in order).

    `asked` is the keys the person was shown and may answer now (one page of a survey); by
    default every question. `earlier_answers` are those already given on earlier pages, which
    conditions on this page look back at.

    Refused, with a message: a key the survey does not have or that was not asked, a choice it
    does not offer, a number out of range, text that is too long, an answer to a question whose
    condition is not met, and a required question left empty.
    Typed text comes back exactly as typed, but for control characters (see
    `cms.sanitising.clean_typed_text`): it is escaped wherever it is shown.
    """
    by_key = {question.key: question for question in questions}
    asked = set(by_key) if asked is None else set(asked)
    result = CheckedAnswers()
    unknown = [key for key in answers if key not in by_key or key not in asked]
    if unknown:
        result.general_errors.append(TAMPERED)
        return result

    # Conditions look back, so go in survey order and judge each against the answers before it.
    for question in questions:
        if question.key not in answers and question.key not in asked:
            continue
        values = answers.get(question.key, ())
        shown = is_shown(question, {**(earlier_answers or {}), **result.answers})
        if not shown:
            if values:
                result.errors[question.key] = _condition_message(question, by_key)
            continue
        cleaned, error = _clean_values(question, values)
        if error:
            result.errors[question.key] = error
            continue
        if question.required and not cleaned and question.key in asked:
            result.errors[question.key] = (
                "Write your answer." if question.is_text else "Choose an answer."
            )
            continue
        if question.key in answers:
            result.answers[question.key] = cleaned
    return result


def _condition_message(question: Question, by_key: Mapping[str, Question]) -> str:
    condition = question.condition
    earlier = by_key[condition.key]
    return (
        f"This question is only for people who answered “{earlier.label_for(condition.value)}” "
        f"to “{earlier.text}”. Leave it empty, or change that answer."
    )


def _clean_values(question: Question, values: Sequence[str]) -> tuple[list[str], str]:
    values = [value for value in values if value.strip()]
    if question.is_text:
        return _clean_text(question, values)
    if len(values) > 1 and not question.is_multiple:
        return [], "Choose only one answer."
    if len(set(values)) != len(values):
        return [], "Choose each answer only once."
    for value in values:
        if value not in question.choice_by_value:
            if question.is_scale:
                return [], "Choose a number from 0 to 10, or “I’d rather not say”."
            return [], "Choose one of the answers shown."
    if question.is_multiple and RATHER_NOT_SAY in values and len(values) > 1:
        return [], "Choose “I’d rather not say” on its own, or untick it."
    return list(values), ""


def _clean_text(question: Question, values: Sequence[str]) -> tuple[list[str], str]:
    if len(values) > 1:
        return [], "Write one answer."
    if not values:
        return [], ""
    text = clean_typed_text(values[0])
    if typed_length(text) > question.max_length:
        return [], too_long_message(typed_length(text), question.max_length)
    return ([text] if text.strip() else []), ""


def typed_length(text: str) -> int:
    """How many characters an answer has, counted as the page's counter counts them (static/js/
    site.js, `typedLength`): the text as typed, markup and all, each character once (an emoji is
    one), a new line as one and control characters not at all (`clean_typed_text`)."""
    return len(clean_typed_text(text))


def _characters(number: int) -> str:
    return f"{number:,} character{'' if number == 1 else 's'}"


def too_long_message(length: int, limit: int) -> str:
    """The same words as the page's counter (static/js/site.js, `countMessage`)."""
    return f"Your answer is {_characters(length)}. Shorten it by {_characters(length - limit)}."
