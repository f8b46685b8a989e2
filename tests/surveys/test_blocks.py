"""Question blocks: what a survey asks, and the editor's refusal of broken keys and conditions."""

import copy

import pytest

from wagtail.blocks import StreamBlockValidationError

from surveys.blocks import QuestionsBlock, questions_from_stream
from surveys.questions import RATHER_NOT_SAY, Kind, shown_questions
from tests.surveys.factories import SAMPLE_QUESTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _action_codes(promise_plan):
    """Questions are tagged with the plan's codes, which the editor checks."""


def _clean(raw):
    block = QuestionsBlock()
    return block.clean(block.to_python(raw))


def _errors(raw) -> dict:
    """{block index: {field: message}} for every question the editor refuses."""
    with pytest.raises(StreamBlockValidationError) as caught:
        _clean(raw)
    found = {}
    for index, error in caught.value.block_errors.items():
        fields = {}
        for name, field_error in getattr(error, "block_errors", {}).items():
            nested = getattr(field_error, "block_errors", None)
            if nested:
                for nested_name, nested_error in nested.items():
                    fields[f"{name}.{nested_name}"] = nested_error.messages[0]
            else:
                fields[name] = field_error.messages[0]
        found[index] = fields or {"": error.messages[0]}
    return found, caught.value


def _questions(raw=None):
    block = QuestionsBlock()
    return questions_from_stream(block.to_python(copy.deepcopy(raw or SAMPLE_QUESTIONS)))


def test_the_sample_survey_is_accepted():
    assert len(_clean(copy.deepcopy(SAMPLE_QUESTIONS))) == len(SAMPLE_QUESTIONS)


def test_every_choice_question_ends_with_rather_not_say():
    for question in _questions():
        if question.is_text:
            assert question.choices == ()
        else:
            assert question.choices[-1].value == RATHER_NOT_SAY
            assert question.choices[-1].label == "I’d rather not say"


def test_questions_carry_their_section_action_codes_and_kind():
    questions = {question.key: question for question in _questions()}
    listened_to = questions["listened-to"]
    assert listened_to.kind == Kind.FACES
    assert listened_to.section_heading == "About you"
    assert "no right or wrong answers" in listened_to.introduction
    assert listened_to.action_codes == ("STW 4",)
    assert questions["know-advocate"].introduction == ""
    assert [choice.score for choice in questions["understand-plan"].choices[:11]] == list(range(11))


def test_required_is_off_unless_the_manager_turns_it_on():
    assert not any(question.required for question in _questions())


def test_three_faces_score_on_the_same_line_as_five():
    raw = [
        {"type": "faces", "value": {"key": "listened-to", "text": "Listened to?", "points": "3"}}
    ]
    (question,) = _questions(raw)
    assert [(c.value, c.score) for c in question.choices] == [
        ("unhappy", 1),
        ("okay", 3),
        ("happy", 5),
        (RATHER_NOT_SAY, None),
    ]
    assert all(choice.image and choice.image_alt for choice in question.choices[:3])


def test_a_question_behind_a_condition_is_shown_only_after_that_answer():
    questions = _questions()
    keys = [q.key for q in shown_questions(questions, {"has-brothers-sisters": ["no"]})]
    assert "see-brothers-sisters" not in keys
    keys = [q.key for q in shown_questions(questions, {"has-brothers-sisters": ["yes"]})]
    assert "see-brothers-sisters" in keys


def test_the_editor_refuses_a_repeated_key_and_names_the_first_question():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[3]["value"]["key"] = "listened-to"
    errors, _ = _errors(raw)
    assert errors == {
        3: {"key": "Question 1 already has the key “listened-to”: each question needs its own key."}
    }


def test_the_editor_refuses_a_condition_on_a_later_question():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[2]["value"]["condition"] = {"question_key": "keep-in-touch", "answer": "phone"}
    errors, _ = _errors(raw)
    assert "comes after this one" in errors[2]["condition.question_key"]
    assert "keep-in-touch" in errors[2]["condition.question_key"]


def test_the_editor_refuses_a_condition_on_an_unknown_question():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[5]["value"]["condition"]["question_key"] = "no-such-question"
    errors, _ = _errors(raw)
    assert errors[5]["condition.question_key"] == (
        "There is no question with the key “no-such-question”."
    )


def test_the_editor_refuses_a_condition_on_an_answer_the_question_does_not_have():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[5]["value"]["condition"]["answer"] = "maybe"
    errors, _ = _errors(raw)
    message = errors[5]["condition.answer"]
    assert "“maybe” is not an answer to question 4" in message
    assert "“yes”" in message and "“rather-not-say”" in message


def test_the_editor_refuses_a_condition_on_a_typed_answer_or_on_itself():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[9]["value"]["condition"] = {"question_key": "one-word", "answer": "happy"}
    raw[8]["value"]["condition"] = {"question_key": "one-word", "answer": "x"}
    errors, _ = _errors(raw)
    assert "takes typed answers" in errors[9]["condition.question_key"]
    assert "the question itself" in errors[8]["condition.question_key"]


def test_the_editor_refuses_half_a_condition():
    raw = copy.deepcopy(SAMPLE_QUESTIONS)
    raw[2]["value"]["condition"] = {"question_key": "listened-to", "answer": ""}
    errors, _ = _errors(raw)
    assert errors[2]["condition.answer"] == "Fill in both parts of the condition, or neither."


def test_the_editor_refuses_a_key_that_is_not_a_simple_name():
    raw = [{"type": "yes_no", "value": {"key": "Know Advocate!", "text": "Do you know?"}}]
    errors, _ = _errors(raw)
    assert "lower-case letters" in errors[0]["key"]


def test_the_editor_refuses_a_survey_with_no_questions_or_information_at_the_end():
    raw = [{"type": "information", "value": {"heading": "Thanks", "text": ""}}]
    errors, error = _errors(raw)
    assert "needs a question after it" in errors[0][""]
    assert "at least one question" in error.non_block_errors.as_data()[0].messages[0]


def test_choice_values_are_made_from_the_words_and_must_differ():
    raw = [
        {
            "type": "single_choice",
            "value": {
                "key": "where",
                "text": "Where?",
                "options": [{"label": "At home", "value": ""}, {"label": "Somewhere else"}],
            },
        }
    ]
    (child,) = _clean(raw)
    assert [option["value"] for option in child.value["options"]] == ["at-home", "somewhere-else"]
    raw[0]["value"]["options"][1] = {"label": "At Home!", "value": ""}
    with pytest.raises(StreamBlockValidationError):
        _clean(raw)


def test_rather_not_say_cannot_be_added_twice():
    raw = [
        {
            "type": "single_choice",
            "value": {
                "key": "where",
                "text": "Where?",
                "options": [{"label": "Home"}, {"label": "No", "value": RATHER_NOT_SAY}],
            },
        }
    ]
    with pytest.raises(StreamBlockValidationError):
        _clean(raw)


def test_reading_a_survey_never_queries_the_action_codes(survey, django_assert_num_queries):
    with django_assert_num_queries(0):
        questions = survey.question_list
    assert questions[0].action_codes == ("STW 4",)


def test_question_blocks_render_as_the_person_answering_sees_them():
    block = QuestionsBlock()
    stream = block.to_python(copy.deepcopy(SAMPLE_QUESTIONS))
    html = stream[1].render()
    assert "<legend" in html and "How do you feel about how much adults listen" in html
    assert 'alt="A smiling face"' in html and "I’d rather not say" in html
