"""The Language of Care checker: whole words, forms, case, allowed phrases, never inside a word."""

import pytest
import yaml

from cms.language_of_care import check_language, check_object, collect_text, plural
from cms.models import ActionCode, AllowedPhrase, LanguageTerm, StandardPage
from cms.services import LANGUAGE_OF_CARE_FILE, load_language_of_care

pytestmark = pytest.mark.django_db


def found(text):
    return [finding.phrase for finding in check_language(text)]


@pytest.fixture
def terms():
    """A small glossary, made the way the seed data is made."""
    load_language_of_care(
        data={
            "terms": [
                {
                    "phrases": [{"phrase": "contact"}, {"phrase": "contact time"}],
                    "preferred_words": "family time",
                    "why": "Time with family is not an appointment.",
                },
                {
                    "phrases": [{"phrase": "supervised contact"}],
                    "preferred_words": "supported family time",
                    "why": "Someone helps it go well.",
                },
                {
                    "phrases": [{"phrase": "placement"}],
                    "preferred_words": "home",
                    "why": "Where you live is your home.",
                },
                {
                    "phrases": [
                        {"phrase": "LAC"},
                        {"phrase": "looked after child", "other_forms": "looked after children"},
                    ],
                    "preferred_words": "care experienced child or young person, or their name",
                    "why": "Not a label.",
                },
                {
                    "phrases": [{"phrase": "case"}],
                    "preferred_words": "the person's name",
                    "why": "People are not cases.",
                },
                {
                    "phrases": [{"phrase": "absconding", "other_forms": "absconded, abscond"}],
                    "preferred_words": "not where they were expected to be",
                    "why": "Not a prisoner.",
                },
                {
                    "phrases": [{"phrase": "non-compliant"}],
                    "preferred_words": "found it hard to",
                    "why": "Say what was hard.",
                },
                {
                    "phrases": [{"phrase": "children's unit"}, {"phrase": "unit"}],
                    "preferred_words": "home",
                    "why": "A unit is a building.",
                },
            ],
            "allowed_phrases": [
                {"phrase": "contact us"},
                {"phrase": "eye contact"},
                {"phrase": "in case"},
            ],
        }
    )


def test_finds_a_whole_word_and_says_what_to_use_instead(terms):
    text = "Jo has contact with her mum on Saturdays."
    [finding] = check_language(text)
    assert finding.phrase == "contact"
    assert finding.preferred_words == "family time"
    assert finding.term == "contact"
    assert finding.why == "Time with family is not an appointment."
    assert text[finding.start : finding.end] == "contact"
    assert finding.context == "Jo has contact with her mum on Saturdays."


def test_the_surrounding_words_are_cut_to_a_few_on_each_side(terms):
    text = "one two three four five six seven placement eight nine ten eleven twelve thirteen end"
    [finding] = check_language(text)
    assert finding.context == (
        "… two three four five six seven placement eight nine ten eleven twelve thirteen …"
    )
    assert (finding.start, finding.end) == (34, 43)


def test_finds_plurals_and_listed_forms(terms):
    assert found("Two placements in a year.") == ["placements"]
    assert found("He absconded on Friday.") == ["absconded"]
    assert found("The looked after children met.") == ["looked after children"]
    assert found("Most cases close.") == ["cases"]


def test_ignores_case_and_keeps_the_words_as_written(terms):
    assert found("CONTACT was cancelled. Placement ended. Lac review.") == [
        "CONTACT",
        "Placement",
        "Lac",
    ]


def test_a_phrase_is_one_finding_with_its_own_suggestion(terms):
    [finding] = check_language("Supervised contact is on Tuesday.")
    assert finding.phrase == "Supervised contact"
    assert finding.preferred_words == "supported family time"


def test_words_apart_joined_by_a_hyphen_or_a_dash_are_the_same_phrase(terms):
    assert found("a looked-after child") == ["looked-after child"]
    assert found("She was noncompliant, or non compliant, or non-compliant.") == [
        "noncompliant",
        "non compliant",
        "non-compliant",
    ]


def test_a_curly_apostrophe_matches_a_straight_one(terms):
    assert found("She lives in a children’s unit.") == ["children’s unit"]


def test_never_matches_inside_another_word(terms):
    assert found("Pay by contactless. She is uncontactable.") == []
    assert found("A suitcase, a showcase, a staircase.") == []
    assert found("Black lace, a lacquered box.") == []
    assert found("Our community, unity and opportunity.") == []
    assert found("The replacement and displacement of staff.") == []


def test_allowed_phrases_are_not_findings(terms):
    assert found("Contact us if you need help. Keep eye contact.") == []
    assert found("Bring a coat in case it rains.") == []
    # Only the allowed phrase is skipped, not every use of the word in the text.
    assert found("Contact us about contact with your dad.") == ["contact"]


def test_an_allowed_phrase_added_by_an_editor_is_used_at_once(terms):
    assert found("Contact details are below.") == ["Contact"]
    AllowedPhrase.objects.create(phrase="contact details")
    assert found("Contact details are below.") == []


def test_a_term_taken_out_of_the_glossary_is_no_longer_found(terms):
    assert found("a new placement") == ["placement"]
    LanguageTerm.objects.get(name="placement").delete()
    assert found("a new placement") == []


def test_a_term_that_is_not_live_is_not_used(terms):
    term = LanguageTerm.objects.get(name="placement")
    term.live = False
    term.save()
    assert found("a new placement") == []


def test_nothing_to_check_finds_nothing(terms):
    assert check_language("") == []
    assert check_language("   ") == []
    assert found("Family time with brothers and sisters.") == []


def test_without_any_terms_nothing_is_found():
    assert check_language("contact, placement, LAC") == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("placement", "placements"),
        ("case", "cases"),
        ("box", "boxes"),
        ("respite carer", "respite carers"),
        ("family", "families"),
        ("day", "days"),
        ("bus", "buses"),
        ("LAC", "LACs"),
    ],
)
def test_plural(word, expected):
    assert plural(word) == expected


def test_collects_page_text_without_markup(home_page, terms):
    page = StandardPage(
        title="Family time",
        slug="family-time",
        introduction="How family time works.",
        body=[
            {"type": "heading", "value": {"text": "When", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Every <b>week</b>.</p><p>contact &amp; more</p>"},
            {"type": "callout", "value": {"heading": "", "text": "<p>Ask your worker.</p>"}},
            {
                "type": "accordion",
                "value": {
                    "heading": "Questions",
                    "items": [{"summary": "Where?", "content": "<p>At the placement.</p>"}],
                },
            },
        ],
    )
    parts = {part.where: part.text for part in collect_text(page)}
    assert parts["Title"] == "Family time"
    assert parts["Introduction"] == "How family time works."
    assert parts["Body › Heading"] == "When"
    # Markup stripped (cms.sanitising.strip_markup), entities decoded, a break where a paragraph
    # ended: "contact" does not run into the word before it.
    lines = parts["Body › Paragraph"].splitlines()
    assert [line for line in lines if line] == ["Every week.", "contact & more"]
    assert "Slug" not in parts
    findings = [(item.where, item.finding.phrase) for item in check_object(page)]
    assert findings == [("Body › Paragraph", "contact"), ("Body › Accordion", "placement")]


def test_collects_snippet_text_with_its_ordered_children(promise_plan, terms):
    gc6 = ActionCode.objects.get(code="GC 6")
    parts = collect_text(gc6)
    wheres = [part.where for part in parts]
    assert "Outcome" in wheres
    assert "Action 1" in wheres
    assert "Target 1 › Text" in wheres
    assert "Responsible role 1" in wheres
    # The plan, word for word, still says "contact" in GC 6's targets.
    assert any(
        item.finding.phrase == "contact" and item.where.startswith("Target")
        for item in check_object(gc6)
    )


def test_the_glossary_itself_is_not_checked(terms):
    assert check_object(LanguageTerm.objects.get(name="contact")) == []
    assert check_object(AllowedPhrase.objects.get(phrase="contact us")) == []


def test_the_seeded_glossary_holds_the_terms_the_policy_needs(language_of_care):
    terms = {term.name: term for term in LanguageTerm.objects.all()}
    assert len(terms) >= 20
    expected = {
        "contact": "family time",
        "supervised contact": "supported family time",
        "siblings": "brothers and sisters",
        "placement": "home",
        "respite": "short break",
        "absconding": "not where they were expected to be",
        "challenging behaviour": "distressed behaviour",
        "unit": "home",
        "care plan": "my plan",
    }
    for name, preferred in expected.items():
        assert terms[name].preferred_words == preferred
        assert terms[name].why and terms[name].example
    assert terms["LAC"].preferred_words.startswith("care experienced")
    assert "looked after child" in terms["LAC"].phrases
    assert terms["LAC review"].preferred_words.startswith("my meeting")
    assert terms["case"].preferred_words.startswith("the person's name")
    allowed = set(AllowedPhrase.objects.values_list("phrase", flat=True))
    assert {"contact us", "eye contact"} <= allowed


def test_the_seeded_glossary_finds_the_old_words(language_of_care):
    text = "LAC review: siblings had supervised contact after the placement ended. Contact us."
    suggestions = [(f.phrase, f.preferred_words) for f in check_language(text)]
    assert suggestions == [
        ("LAC review", "my meeting, or the name the young person gives it"),
        ("siblings", "brothers and sisters"),
        ("supervised contact", "supported family time"),
        ("placement", "home"),
    ]


def test_loading_the_glossary_again_adds_nothing_and_keeps_editors_changes(language_of_care):
    term = LanguageTerm.objects.get(name="respite")
    term.preferred_words = "a short break, or a sleepover"
    term.save()
    with open(LANGUAGE_OF_CARE_FILE, encoding="utf-8") as data_file:
        report = load_language_of_care(data=yaml.safe_load(data_file))
    assert report.created_terms == []
    assert report.created_allowed_phrases == []
    assert LanguageTerm.objects.filter(name="respite").count() == 1
    term.refresh_from_db()
    assert term.preferred_words == "a short break, or a sleepover"


def test_two_terms_cannot_share_their_first_phrase(terms):
    from django.core.exceptions import ValidationError

    duplicate = LanguageTerm(
        phrases_to_avoid=[{"type": "phrase", "value": {"phrase": "Contact", "other_forms": ""}}],
        preferred_words="family time",
        why="Twice.",
    )
    with pytest.raises(ValidationError, match="already a term"):
        duplicate.full_clean()
