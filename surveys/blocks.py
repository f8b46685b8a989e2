"""The blocks survey managers build a survey from: information and eight kinds of question.

Each question block turns its value into a `surveys.questions.Question`; everything else reads
those. `QuestionsBlock` refuses a survey whose keys repeat or whose conditions point at a later or
unknown question, naming the question at fault.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from cms.models import ActionCode
from surveys.questions import (
    AGREEMENT,
    FACES_3,
    FACES_5,
    KEY_MAX_LENGTH,
    KEY_PATTERN,
    LONG_TEXT_MAX_LENGTH,
    RATHER_NOT_SAY,
    RATHER_NOT_SAY_CHOICE,
    SCALE_0_TO_10,
    SHORT_TEXT_MAX_LENGTH,
    YES_NO_NOT_SURE,
    Choice,
    Condition,
    Kind,
    Question,
)

KEY_HELP = (
    "A short name for this question that never changes, such as “listened-to”: lower-case "
    "letters, numbers and hyphens. Give the same key to the same question in each age-banded "
    "version, and keep it when you reword the question, so that answers can be compared."
)


def action_code_choices():
    """The plan's action codes, such as "STW 4", read when the editor is shown."""
    return [
        (code, f"{code}: {outcome[:70]}{'…' if len(outcome) > 70 else ''}")
        for code, outcome in ActionCode.objects.values_list("code", "outcome")
    ]


class ActionCodesBlock(blocks.MultipleChoiceBlock):
    """Action codes stored by their code ("STW 4"): readable in the data and stable between sites.

    The choices are only read in the editor: reading a page never queries the action codes.
    """

    def to_python(self, value):
        return [str(code) for code in value or []]

    def normalize(self, value):
        return self.to_python(value)

    def get_searchable_content(self, value):
        return []


class ConditionBlock(blocks.StructBlock):
    question_key = blocks.CharBlock(
        required=False,
        max_length=KEY_MAX_LENGTH,
        label="Only ask if the question with this key…",
        help_text="The key of an earlier question. Leave empty to always ask this question.",
    )
    answer = blocks.CharBlock(
        required=False,
        max_length=KEY_MAX_LENGTH,
        label="…was answered",
        help_text="The answer’s value, for example “yes”.",
    )

    class Meta:
        label = "Condition"
        icon = "decision"
        form_classname = "struct-block survey-condition"
        collapsed = True

    def clean(self, value):
        value = super().clean(value)
        if bool(value["question_key"]) != bool(value["answer"]):
            missing = "answer" if value["question_key"] else "question_key"
            raise StructBlockValidationError(
                block_errors={
                    missing: ValidationError("Fill in both parts of the condition, or neither.")
                }
            )
        return value


class QuestionBlock(blocks.StructBlock):
    """What every question has. Subclasses say what kind it is and what answers it takes."""

    kind = ""

    key = blocks.RegexBlock(
        regex=KEY_PATTERN,
        max_length=KEY_MAX_LENGTH,
        help_text=KEY_HELP,
        error_messages={
            "invalid": "Use lower-case letters, numbers and single hyphens, like “listened-to”."
        },
    )
    text = blocks.CharBlock(max_length=300, label="Question")
    hint = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional: a few words that help answer it."
    )
    required = blocks.BooleanBlock(
        required=False,
        default=False,
        label="Must be answered",
        help_text="Leave this off for children and young people: they can always skip.",
    )
    condition = ConditionBlock()
    action_codes = ActionCodesBlock(
        choices=action_code_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The action codes in the plan that this question informs.",
    )
    indicator_tags = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional: indicator names, separated by commas.",
    )

    class Meta:
        template = "components/blocks/question.html"
        form_classname = "struct-block survey-question"

    def get_choices(self, value) -> tuple[Choice, ...]:
        return ()

    def extra_question_fields(self, value) -> dict:
        return {}

    def to_question(self, value, *, section_heading: str = "", introduction: str = ""):
        condition = value.get("condition") or {}
        tags = (value.get("indicator_tags") or "").split(",")
        choices = self.get_choices(value)
        if choices:
            choices = (*choices, RATHER_NOT_SAY_CHOICE)
        return Question(
            key=value["key"],
            kind=self.kind,
            text=value["text"],
            hint=value.get("hint") or "",
            required=bool(value.get("required")),
            condition=(
                Condition(condition["question_key"], condition["answer"])
                if condition.get("question_key") and condition.get("answer")
                else None
            ),
            choices=choices,
            action_codes=tuple(value.get("action_codes") or ()),
            indicator_tags=tuple(tag.strip() for tag in tags if tag.strip()),
            section_heading=section_heading,
            introduction=introduction,
            **self.extra_question_fields(value),
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["question"] = self.to_question(value)
        return context


class FacesScaleBlock(QuestionBlock):
    kind = Kind.FACES

    points = blocks.ChoiceBlock(
        choices=[("3", "3 faces: unhappy, okay, happy"), ("5", "5 faces")],
        default="5",
        help_text="Three faces are easier for younger children.",
    )

    class Meta:
        icon = "pick"
        label = "Faces scale"
        preview_value = {
            "key": "listened-to",
            "text": "How do you feel about how much adults listen to you?",
            "points": "5",
        }
        description = "Faces with a word beside each, from really unhappy to really happy."

    def get_choices(self, value):
        return FACES_3 if value.get("points") == "3" else FACES_5


class AgreementScaleBlock(QuestionBlock):
    kind = Kind.AGREEMENT

    class Meta:
        icon = "list-ul"
        label = "Agreement scale"
        preview_value = {"key": "feel-supported", "text": "I feel supported as a carer."}
        description = "Strongly agree to strongly disagree."

    def get_choices(self, value):
        return AGREEMENT


class ChoiceOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=200, label="Answer")
    value = blocks.RegexBlock(
        regex=KEY_PATTERN,
        max_length=KEY_MAX_LENGTH,
        required=False,
        help_text="Optional: a short name that stays the same when you reword the answer. "
        "Made from the words if you leave it empty.",
        error_messages={"invalid": "Use lower-case letters, numbers and single hyphens."},
    )

    class Meta:
        icon = "radio-full"
        label = "Answer"

    def clean(self, value):
        value = super().clean(value)
        if not value["value"]:
            value["value"] = slugify(value["label"])[:KEY_MAX_LENGTH].strip("-") or "answer"
        if value["value"] == RATHER_NOT_SAY:
            raise StructBlockValidationError(
                block_errors={
                    "value": ValidationError("“I’d rather not say” is added for you at the end.")
                }
            )
        return value


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, label="Answers")

    def get_choices(self, value):
        return tuple(
            Choice(option["value"] or slugify(option["label"]), option["label"])
            for option in value.get("options") or ()
        )

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for option in value["options"]:
            if option["value"] in seen:
                raise StructBlockValidationError(
                    non_block_errors=[
                        ValidationError(
                            f"Two answers have the value “{option['value']}”: give each answer "
                            "its own."
                        )
                    ]
                )
            seen.add(option["value"])
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    kind = Kind.SINGLE_CHOICE

    class Meta:
        icon = "radio-full"
        label = "Single choice"
        preview_value = {
            "key": "family-time-where",
            "text": "Where does family time usually happen?",
            "options": [
                {"label": "At home", "value": "at-home"},
                {"label": "Somewhere else", "value": "somewhere-else"},
            ],
        }
        description = "Choose one answer from a list."


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = Kind.MULTIPLE_CHOICE

    class Meta:
        icon = "tick-inverse"
        label = "Multiple choice"
        preview_value = {
            "key": "keep-in-touch",
            "text": "How do you keep in touch with your family?",
            "options": [
                {"label": "Phone calls", "value": "phone"},
                {"label": "Video calls", "value": "video"},
            ],
        }
        description = "Choose any number of answers from a list."


class YesNoNotSureBlock(QuestionBlock):
    kind = Kind.YES_NO

    class Meta:
        icon = "help"
        label = "Yes, no or not sure"
        preview_value = {"key": "know-advocate", "text": "Do you know you can have an advocate?"}
        description = "Yes, No and Not sure."

    def get_choices(self, value):
        return YES_NO_NOT_SURE


class ScaleBlock(QuestionBlock):
    kind = Kind.SCALE

    low_label = blocks.CharBlock(max_length=60, default="Not at all", label="What 0 means")
    high_label = blocks.CharBlock(max_length=60, default="Completely", label="What 10 means")

    class Meta:
        icon = "order"
        label = "0 to 10 scale"
        preview_value = {
            "key": "understand-promise",
            "text": "How well do you understand The Promise?",
            "low_label": "Not at all",
            "high_label": "Completely",
        }
        description = "A number from 0 to 10, with words for each end."

    def get_choices(self, value):
        return SCALE_0_TO_10

    def extra_question_fields(self, value):
        return {"low_label": value.get("low_label", ""), "high_label": value.get("high_label", "")}


class ShortTextBlock(QuestionBlock):
    kind = Kind.SHORT_TEXT

    class Meta:
        icon = "pilcrow"
        label = "Short text"
        preview_value = {"key": "one-word", "text": "One word for how you feel today"}
        description = f"A line of text, up to {SHORT_TEXT_MAX_LENGTH} characters."

    def extra_question_fields(self, value):
        return {"max_length": SHORT_TEXT_MAX_LENGTH}


class LongTextBlock(QuestionBlock):
    kind = Kind.LONG_TEXT

    class Meta:
        icon = "doc-full"
        label = "Long text"
        preview_value = {"key": "anything-else", "text": "Is there anything else you want to say?"}
        description = f"A few sentences, up to {LONG_TEXT_MAX_LENGTH:,} characters."

    def extra_question_fields(self, value):
        return {"max_length": LONG_TEXT_MAX_LENGTH}


class InformationBlock(blocks.StructBlock):
    """Words between questions. Its heading starts a section for the questions after it."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional: starts a section, such as “Your meetings”.",
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], required=False)

    class Meta:
        icon = "info-circle"
        label = "Information or section"
        template = "components/blocks/survey_information.html"
        preview_value = {
            "heading": "Your meetings",
            "text": "<p>These questions are about the meetings where plans are made.</p>",
        }
        description = "A heading and words shown before the next question."


class QuestionsBlock(blocks.StreamBlock):
    """A survey's questions, in order, with information blocks between them."""

    information = InformationBlock()
    faces = FacesScaleBlock()
    agreement = AgreementScaleBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    yes_no = YesNoNotSureBlock()
    scale = ScaleBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()

    class Meta:
        icon = "form"
        label = "Questions"

    @cached_property
    def question_block_names(self) -> frozenset[str]:
        return frozenset(
            name for name, block in self.child_blocks.items() if isinstance(block, QuestionBlock)
        )

    def clean(self, value):
        value = super().clean(value)
        block_errors = {}
        non_block_errors = []
        earlier: dict[str, tuple[int, Question]] = {}
        all_keys = {
            child.value["key"]: index
            for index, child in enumerate(value)
            if child.block_type in self.question_block_names
        }
        number = 0
        for index, child in enumerate(value):
            if child.block_type not in self.question_block_names:
                if index == len(value) - 1:
                    block_errors[index] = ValidationError(
                        "Information needs a question after it: move it, or add a question."
                    )
                continue
            number += 1
            question = child.block.to_question(child.value)
            errors = {}
            if question.key in earlier:
                first_number = earlier[question.key][0]
                errors["key"] = ValidationError(
                    f"Question {first_number} already has the key “{question.key}”: each "
                    "question needs its own key."
                )
            if question.condition is not None:
                errors.update(self._condition_errors(question, earlier, all_keys, index))
            if errors:
                block_errors[index] = StructBlockValidationError(block_errors=errors)
            earlier.setdefault(question.key, (number, question))
        if not earlier:
            non_block_errors.append(ValidationError("A survey needs at least one question."))
        if block_errors or non_block_errors:
            raise StreamBlockValidationError(
                block_errors=block_errors, non_block_errors=non_block_errors
            )
        return value

    @staticmethod
    def _condition_errors(question, earlier, all_keys, index) -> dict:
        condition = question.condition
        if condition.key == question.key:
            message = "A question’s condition cannot point at the question itself."
            return {"condition": _condition_error("question_key", message)}
        if condition.key not in earlier:
            if condition.key in all_keys and all_keys[condition.key] > index:
                message = (
                    f"The question with the key “{condition.key}” comes after this one: a "
                    "condition can only look back at an earlier question."
                )
            else:
                message = f"There is no question with the key “{condition.key}”."
            return {"condition": _condition_error("question_key", message)}
        number, target = earlier[condition.key]
        if not target.choices:
            message = (
                f"Question {number} (“{condition.key}”) takes typed answers, so a condition "
                "cannot depend on it. Choose a question with answers to pick from."
            )
            return {"condition": _condition_error("question_key", message)}
        if condition.value not in target.choice_by_value:
            allowed = ", ".join(f"“{choice.value}”" for choice in target.choices)
            message = (
                f"“{condition.value}” is not an answer to question {number} "
                f"(“{condition.key}”). Use one of: {allowed}."
            )
            return {"condition": _condition_error("answer", message)}
        return {}


def _condition_error(field: str, message: str) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={field: ValidationError(message)})


def questions_from_stream(stream_value) -> list[Question]:
    """The questions in a `QuestionsBlock` value, in order, each knowing its section."""
    questions = []
    heading = ""
    introduction = ""
    for child in stream_value:
        if isinstance(child.block, InformationBlock):
            heading = child.value.get("heading") or heading
            text = child.value.get("text")
            introduction = format_html("{}", text) if text else ""
            continue
        questions.append(
            child.block.to_question(child.value, section_heading=heading, introduction=introduction)
        )
        introduction = ""
    return questions
