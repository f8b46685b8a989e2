"""What a survey asks, as plain data: the answering pages, the submission service and the results
all read questions through these classes, never through the StreamField directly.

A question's `key` is its identity across the age-banded versions of a survey, edits and years:
answers are stored and compared by key.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

RATHER_NOT_SAY = "rather-not-say"
RATHER_NOT_SAY_LABEL = "I’d rather not say"

KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_MAX_LENGTH = 50

SHORT_TEXT_MAX_LENGTH = 500
LONG_TEXT_MAX_LENGTH = 5000


class Kind:
    FACES = "faces"
    AGREEMENT = "agreement"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    SCALE = "scale"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"

    TEXT = frozenset({SHORT_TEXT, LONG_TEXT})


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    # A number for averages and trends, where the scale has one (faces, agreement, 0 to 10).
    score: int | None = None
    # Faces only: the picture beside the words, a same-site image, and what it shows.
    image: str = ""
    image_alt: str = ""


RATHER_NOT_SAY_CHOICE = Choice(RATHER_NOT_SAY, RATHER_NOT_SAY_LABEL)

# Three-point faces score 1, 3 and 5 so that averages sit on the same 1 to 5 line as the
# five-point version: the age-banded versions of one survey can then be compared by key.
FACES_5 = (
    Choice("really-unhappy", "Really unhappy", 1, "really-unhappy.svg", "A face crying"),
    Choice("unhappy", "Unhappy", 2, "unhappy.svg", "A sad face"),
    Choice("okay", "Okay", 3, "okay.svg", "A face with a straight mouth"),
    Choice("happy", "Happy", 4, "happy.svg", "A smiling face"),
    Choice("really-happy", "Really happy", 5, "really-happy.svg", "A face with a big smile"),
)
FACES_3 = (
    Choice("unhappy", "Unhappy", 1, "unhappy.svg", "A sad face"),
    Choice("okay", "Okay", 3, "okay.svg", "A face with a straight mouth"),
    Choice("happy", "Happy", 5, "happy.svg", "A smiling face"),
)
AGREEMENT = (
    Choice("strongly-agree", "Strongly agree", 5),
    Choice("agree", "Agree", 4),
    Choice("neither", "Neither agree nor disagree", 3),
    Choice("disagree", "Disagree", 2),
    Choice("strongly-disagree", "Strongly disagree", 1),
)
YES_NO_NOT_SURE = (
    Choice("yes", "Yes"),
    Choice("no", "No"),
    Choice("not-sure", "Not sure"),
)
SCALE_0_TO_10 = tuple(Choice(str(number), str(number), number) for number in range(11))


@dataclass(frozen=True)
class Condition:
    """Show a question only if an earlier question (`key`) was answered `value`."""

    key: str
    value: str


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: str
    hint: str = ""
    required: bool = False
    condition: Condition | None = None
    # Every choice question ends with "I'd rather not say"; the blocks add it.
    choices: tuple[Choice, ...] = ()
    max_length: int = 0
    low_label: str = ""
    high_label: str = ""
    action_codes: tuple[str, ...] = ()
    indicator_tags: tuple[str, ...] = ()
    # The section the question sits in (from the information block before it), if any.
    section_heading: str = ""
    # Rich text shown before this question: the information block just before it.
    introduction: str = ""
    choice_by_value: Mapping[str, Choice] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "choice_by_value", {c.value: c for c in self.choices})

    @property
    def is_text(self) -> bool:
        return self.kind in Kind.TEXT

    @property
    def is_multiple(self) -> bool:
        return self.kind == Kind.MULTIPLE_CHOICE

    @property
    def is_faces(self) -> bool:
        return self.kind == Kind.FACES

    @property
    def is_scale(self) -> bool:
        return self.kind == Kind.SCALE

    @property
    def field_name(self) -> str:
        """The name of this question's field in a form."""
        return f"q-{self.key}"

    def label_for(self, value: str) -> str:
        choice = self.choice_by_value.get(value)
        return choice.label if choice else value


@dataclass(frozen=True)
class Section:
    """Questions under one heading: the one-page layout shows each as a group."""

    heading: str
    introduction: str
    questions: tuple[Question, ...]


def field_name_to_key(name: str) -> str | None:
    return name[2:] if name.startswith("q-") else None


def is_shown(question: Question, answers: Mapping[str, Sequence[str]]) -> bool:
    """Whether `question` is asked, given the answers so far (conditions only look back)."""
    if question.condition is None:
        return True
    return question.condition.value in answers.get(question.condition.key, ())


def shown_questions(
    questions: Sequence[Question], answers: Mapping[str, Sequence[str]]
) -> list[Question]:
    """The questions asked, in order. A question whose condition's question is itself not asked
    is not asked either: answers to questions that are not shown do not count."""
    counted: dict[str, Sequence[str]] = {}
    shown = []
    for question in questions:
        if is_shown(question, counted):
            shown.append(question)
            counted[question.key] = answers.get(question.key, ())
    return shown


def sections(questions: Sequence[Question]) -> list[Section]:
    """Group questions by the information block heading they follow."""
    grouped: list[Section] = []
    for question in questions:
        if (
            not grouped
            or question.introduction
            or (question.section_heading != grouped[-1].heading)
        ):
            grouped.append(Section(question.section_heading, question.introduction, ()))
        last = grouped[-1]
        grouped[-1] = Section(last.heading, last.introduction, (*last.questions, question))
    return grouped
