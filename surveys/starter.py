"""The survey engine's starter content, which `manage.py setup_site` makes: “Have your say”, the
Survey managers' permission to build surveys under it, and the surveys the council starts with.
Safe to build again.

Written in the Language of Care (“family time”, “brothers and sisters”, “care experienced”),
each question tagged with the plan's action codes it informs. A survey that already exists (by
its slug) is left as the survey managers have edited it.
"""

import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from accounts.roles import SURVEY_MANAGERS, grant_page_permissions
from cms.starter import add_way_in
from surveys.models import (
    AgeBand,
    Audience,
    Cycle,
    Layout,
    SurveyIndexPage,
    SurveyPage,
    Theme,
)

INDEX_INTRODUCTION = (
    "<p>Tell us what it is really like for you. These surveys are short, you don’t have to give "
    "your name, and you can skip any question. What you tell us changes what we do.</p>"
)

YOUNG_PEOPLE_CONFIDENTIALITY = (
    "<p>You don’t need to tell us your name, and we don’t ask for it. Nobody will know which "
    "answers are yours.</p>"
    "<p>A small team at Clackmannanshire Council reads the answers, with the Participation "
    "Network, which includes young people who are care experienced.</p>"
    "<p>You can skip any question, and you can stop at any time.</p>"
    "<p>If you write that you are not safe, the people who read it will take it seriously and "
    "try to help. Because we don’t know who you are, the quickest way to get help is to talk to "
    "someone now: the numbers are just below.</p>"
)

ADULT_CONFIDENTIALITY = (
    "<p>This survey is anonymous: we do not ask for your name, address or phone number, and we "
    "do not record who sent which answers.</p>"
    "<p>Answers are read by a small team at Clackmannanshire Council and by the Participation "
    "Network. Results are only shared as totals, never in groups of fewer than five people.</p>"
    "<p>You can skip any question and stop at any time.</p>"
    "<p>If you write something that makes us worried about a child’s or your own safety, our "
    "safeguarding lead will read it and try to help. As we don’t know who you are, please also "
    "call someone straight away if anyone is at risk: the numbers are just below.</p>"
)

THANK_YOU = (
    "<p>Council staff and the Participation Network will read what everyone said, and put it "
    "together with other answers. Then we will share what we are changing because of it, on "
    "our “you said, we did” page.</p>"
)


def _info(heading, text=""):
    return {"type": "information", "value": {"heading": heading, "text": text}}


def _q(kind, key, text, codes=(), hint="", condition=None, **extra):
    value = {
        "key": key,
        "text": text,
        "hint": hint,
        "required": False,
        "condition": {
            "question_key": condition[0] if condition else "",
            "answer": condition[1] if condition else "",
        },
        "action_codes": list(codes),
        "indicator_tags": "",
        **extra,
    }
    return {"type": kind, "value": value}


def _options(*pairs):
    return {"options": [{"value": value, "label": label} for value, label in pairs]}


ADVOCATE = "An advocate is someone who helps you say what you think and makes sure you are heard."

YOUR_VOICE_12_TO_18 = [
    _info("Being listened to"),
    _q("agreement", "listened-to", "Adults listen to what I have to say.", ["STW 4"]),
    _q("agreement", "part-of-my-plan", "I have a say in my plan.", ["STW 4"]),
    _q(
        "single_choice",
        "my-meetings",
        "Do you go to the meetings where decisions about you are made?",
        ["STW 4"],
        **_options(
            ("yes-and-have-my-say", "Yes, and I get to have my say"),
            ("yes-but-no-say", "Yes, but I don’t get to have my say"),
            ("no-but-would-like-to", "No, but I would like to"),
            ("no-and-dont-want-to", "No, and I don’t want to"),
            ("didnt-know", "I didn’t know there were meetings"),
        ),
    ),
    _q("yes_no", "know-advocate", "Do you know you can have an advocate?", ["GC 10"], ADVOCATE),
    _q(
        "yes_no",
        "have-advocate",
        "Do you have an advocate just now?",
        ["GC 10"],
        condition=("know-advocate", "yes"),
    ),
    _info("Feeling safe and supported"),
    _q("agreement", "feel-safe", "I feel safe where I live.", ["GC 9"]),
    _q(
        "yes_no",
        "someone-to-talk-to",
        "Is there an adult you can talk to when you are worried about something?",
        ["P 1"],
    ),
    _info("School or college"),
    _q("agreement", "school-support", "I get the help I need at school or college.", ["GC 2"]),
    _info("Anything else"),
    _q(
        "long_text",
        "one-thing-to-change",
        "If you could change one thing about your care, what would it be?",
        ["STW 4"],
    ),
    _q("long_text", "anything-else", "Is there anything else you want to tell us?", ["STW 4"]),
]

YOUR_VOICE_8_TO_11 = [
    _info("Being listened to"),
    _q(
        "faces",
        "listened-to",
        "How do you feel about how much adults listen to you?",
        ["STW 4"],
        points="5",
    ),
    _q(
        "faces",
        "part-of-my-plan",
        "How do you feel about how much you get to say in your plan?",
        ["STW 4"],
        "Your plan is what the adults in your life have agreed to do to look after you.",
        points="5",
    ),
    _q(
        "single_choice",
        "my-meetings",
        "Do you go to meetings about you?",
        ["STW 4"],
        **_options(
            ("yes-and-have-my-say", "Yes, and I get to say what I think"),
            ("yes-but-no-say", "Yes, but I don’t get to say what I think"),
            ("no-but-would-like-to", "No, but I would like to"),
            ("no-and-dont-want-to", "No, and I don’t want to"),
            ("didnt-know", "I didn’t know there were meetings"),
        ),
    ),
    _q("yes_no", "know-advocate", "Do you know you can have an advocate?", ["GC 10"], ADVOCATE),
    _info("Feeling safe"),
    _q("faces", "feel-safe", "How safe do you feel where you live?", ["GC 9"], points="5"),
    _q(
        "yes_no",
        "someone-to-talk-to",
        "Is there an adult you can talk to when you are worried?",
        ["P 1"],
    ),
    _info("School"),
    _q(
        "faces",
        "school-support",
        "How do you feel about the help you get at school?",
        ["GC 2"],
        points="5",
    ),
    _q(
        "long_text",
        "one-thing-to-change",
        "If you could change one thing, what would it be?",
        ["STW 4"],
    ),
]

YOUR_VOICE_5_TO_7 = [
    _info(
        "",
        "<p><b>For the grown-up:</b> read each question out loud, and let the child choose the "
        "face. Try not to suggest an answer. It is fine to skip any question.</p>",
    ),
    _q("faces", "listened-to", "Do grown-ups listen to you?", ["STW 4"], points="3"),
    _q(
        "faces",
        "part-of-my-plan",
        "Do grown-ups ask what you think about things that happen to you?",
        ["STW 4"],
        points="3",
    ),
    _q("faces", "feel-safe", "How do you feel at home?", ["GC 9"], points="3"),
    _q(
        "yes_no",
        "someone-to-talk-to",
        "Is there a grown-up you can talk to when you feel sad or worried?",
        ["P 1"],
    ),
    _q("faces", "school-support", "How do you feel at school?", ["GC 2"], points="3"),
    _q(
        "yes_no",
        "know-advocate",
        "Do you know there are people whose job is to help you say what you think?",
        ["GC 10"],
    ),
    _q(
        "long_text",
        "one-thing-to-change",
        "Is there anything you would like to change?",
        ["STW 4"],
        "The grown-up can write down what the child says, in the child’s own words.",
    ),
]

AGREEMENT_HINT = "Think about the last 12 months."

CARERS_FEELING_SUPPORTED = [
    _info("About you"),
    _q(
        "single_choice",
        "caring-for-how-long",
        "How long have you been caring?",
        ["STW 1"],
        **_options(
            ("less-than-1-year", "Less than a year"),
            ("1-to-5-years", "1 to 5 years"),
            ("more-than-5-years", "More than 5 years"),
        ),
    ),
    _info("Training"),
    _q(
        "yes_no",
        "readiness-for-caring",
        "Have you taken part in Readiness for Caring training?",
        ["STW 1"],
    ),
    _q(
        "agreement",
        "readiness-for-caring-helped",
        "Readiness for Caring helped me prepare for caring.",
        ["STW 1"],
        condition=("readiness-for-caring", "yes"),
    ),
    _q("agreement", "feel-well-trained", "I feel well trained for my role.", ["STW 1"]),
    _q(
        "multiple_choice",
        "training-wanted",
        "What training would help you most?",
        ["STW 1"],
        "Choose as many as you like.",
        **_options(
            ("trauma-informed", "Understanding trauma and how it affects children"),
            ("the-promise", "What The Promise means for my family"),
            ("family-time", "Supporting family time"),
            ("teenagers", "Caring for teenagers"),
            ("looking-after-myself", "Looking after myself"),
        ),
    ),
    _info("Support"),
    _q(
        "agreement",
        "feel-supported",
        "I feel supported as a carer.",
        ["STW 1"],
        AGREEMENT_HINT,
    ),
    _q(
        "agreement",
        "help-when-needed",
        "I can get help when I need it, including at evenings and weekends.",
        ["STW 1"],
    ),
    _q(
        "agreement",
        "listened-to-as-carer",
        "The people working with the child I care for listen to me.",
        ["STW 1", "STW 4"],
    ),
    _info("Your care community"),
    _q(
        "agreement",
        "care-community",
        "I feel part of a community of carers who support each other.",
        ["WFS 3"],
    ),
    _q(
        "yes_no",
        "meet-other-carers",
        "Would you like more chances to meet other carers?",
        ["WFS 3"],
    ),
    _info("Anything else"),
    _q(
        "long_text",
        "biggest-difference",
        "What one thing would make the biggest difference to you as a carer?",
        ["STW 1", "WFS 3"],
    ),
]

STAFF_FEELING_SUPPORTED = [
    _info("About your work"),
    _q(
        "single_choice",
        "staff-role",
        "Where do you work?",
        ["STW 3"],
        **_options(
            ("social-work", "Social work"),
            ("education", "Education"),
            ("residential", "Residential care"),
            ("health", "Health"),
            ("other", "Somewhere else"),
        ),
    ),
    _info("Training"),
    _q(
        "yes_no",
        "trauma-informed-training",
        "Have you had trauma-informed training in the last two years?",
        ["STW 2"],
    ),
    _q(
        "agreement",
        "trauma-informed-practice",
        "My training helps me work in a trauma-informed way.",
        ["STW 2"],
    ),
    _info("Support"),
    _q("agreement", "feel-supported", "I feel supported in my work.", ["STW 3"], AGREEMENT_HINT),
    _q("agreement", "reflective-supervision", "I get regular, reflective supervision.", ["STW 3"]),
    _q(
        "scale",
        "wellbeing-at-work",
        "How would you rate your wellbeing at work?",
        ["STW 3"],
        low_label="Very poor",
        high_label="Very good",
    ),
    _info("The Promise"),
    _q(
        "scale",
        "understand-the-promise",
        "How well do you understand The Promise?",
        ["STW 5"],
        low_label="Not at all",
        high_label="Completely",
    ),
    _q(
        "agreement",
        "corporate-parent",
        "I understand my role as a corporate parent.",
        ["STW 5"],
    ),
    _info("The Language of Care"),
    _q(
        "agreement",
        "use-language-of-care",
        "I use the Language of Care in what I write and say.",
        ["STW 4"],
        "For example “family time” rather than “contact”, and “brothers and sisters” rather "
        "than “siblings”.",
    ),
    _q(
        "yes_no",
        "know-language-of-care-policy",
        "Do you know where to find the council’s Language of Care Policy?",
        ["STW 4"],
    ),
    _info("Anything else"),
    _q(
        "long_text",
        "what-would-help",
        "What would help you most to keep The Promise in your work?",
        ["STW 3", "STW 5"],
    ),
]

FAMILY_TIME_PLACES = (
    ("at-family-home", "At my family’s home"),
    ("where-i-live", "Where I live"),
    ("family-centre", "At a family centre"),
    ("out-and-about", "Out and about, like a park or café"),
    ("somewhere-else", "Somewhere else"),
    ("no-family-time", "I don’t have family time just now"),
)

FAMILY_TIME_YOUNG_PEOPLE = [
    _info(
        "Family time",
        "<p>Family time is the time you spend with people who are important to you, like your "
        "mum, dad, brothers and sisters, or grandparents.</p>",
    ),
    _q(
        "single_choice",
        "family-time-where",
        "Where does your family time usually happen?",
        ["GC 6"],
        **_options(*FAMILY_TIME_PLACES),
    ),
    _q(
        "faces",
        "family-time-welcoming",
        "How do you feel about the place where family time happens?",
        ["GC 6"],
        "Skip this if you don’t have family time just now.",
        points="5",
    ),
    _q(
        "single_choice",
        "family-time-enough",
        "Do you get as much family time as you want?",
        ["GC 6"],
        **_options(
            ("as-much-as-i-want", "Yes, as much as I want"),
            ("want-more", "No, I would like more"),
            ("want-less", "No, I would like less"),
        ),
    ),
    _q(
        "multiple_choice",
        "keep-in-touch",
        "How do you keep in touch with your family between family time?",
        ["GC 6"],
        "Choose as many as you like.",
        **_options(
            ("phone", "Phone calls"),
            ("video", "Video calls"),
            ("messages", "Messages"),
            ("letters", "Letters or cards"),
            ("not-in-touch", "I’m not in touch between family time"),
        ),
    ),
    _info("Brothers and sisters"),
    _q(
        "yes_no",
        "has-brothers-sisters",
        "Do you have brothers or sisters who don’t live with you?",
        ["GC 7"],
    ),
    _q(
        "single_choice",
        "see-brothers-sisters",
        "Do you see your brothers and sisters as much as you want to?",
        ["GC 7"],
        condition=("has-brothers-sisters", "yes"),
        **_options(
            ("as-much-as-i-want", "Yes, as much as I want"),
            ("want-more", "No, I would like to see them more"),
            ("want-less", "No, I would like to see them less"),
        ),
    ),
    _info("Anything else"),
    _q(
        "long_text",
        "family-time-better",
        "What would make family time better for you?",
        ["GC 6", "GC 7"],
    ),
]

FAMILY_TIME_FAMILIES = [
    _info("Where and how family time happens"),
    _q(
        "single_choice",
        "family-time-where",
        "Where does family time with your child usually happen?",
        ["GC 6"],
        **_options(
            ("at-family-home", "At our home"),
            ("where-i-live", "Where my child lives"),
            ("family-centre", "At a family centre"),
            ("out-and-about", "Out and about, like a park or café"),
            ("somewhere-else", "Somewhere else"),
            ("no-family-time", "We don’t have family time just now"),
        ),
    ),
    _q(
        "agreement",
        "family-time-welcoming",
        "The place where family time happens feels welcoming.",
        ["GC 6"],
    ),
    _q(
        "single_choice",
        "family-time-enough",
        "Do you get as much family time as you would like?",
        ["GC 6"],
        **_options(
            ("as-much-as-i-want", "Yes"),
            ("want-more", "No, we would like more"),
            ("want-less", "No, we would like less"),
        ),
    ),
    _q(
        "agreement",
        "family-time-planning",
        "I am involved in planning family time.",
        ["GC 6"],
    ),
    _q(
        "multiple_choice",
        "keep-in-touch",
        "How do you keep in touch with your child between family time?",
        ["GC 6"],
        "Choose as many as you like.",
        **_options(
            ("phone", "Phone calls"),
            ("video", "Video calls"),
            ("messages", "Messages"),
            ("letters", "Letters or cards"),
            ("not-in-touch", "We are not in touch between family time"),
        ),
    ),
    _info("Brothers and sisters"),
    _q(
        "agreement",
        "brothers-sisters-together",
        "My children get to spend time with their brothers and sisters.",
        ["GC 7"],
    ),
    _info("Anything else"),
    _q(
        "long_text",
        "family-time-better",
        "What would make family time better for your family?",
        ["GC 6", "GC 7"],
    ),
]

SURVEYS = [
    {
        "slug": "your-voice-12-18",
        "title": "Your voice (12 to 18)",
        "search_description": "For young people aged 12 to 18: being listened to, your plan "
        "and meetings, feeling safe, and school or college. About 5 minutes.",
        "audience": Audience.YOUNG_PEOPLE,
        "age_band": AgeBand.AGE_12_TO_18,
        "theme": Theme.VOICE,
        "layout": Layout.ONE_QUESTION_PER_PAGE,
        "introduction": "<p>We want to know if you are being listened to, and if you feel safe "
        "and supported. It takes about 5 minutes.</p>",
        "confidentiality": YOUNG_PEOPLE_CONFIDENTIALITY,
        "questions": YOUR_VOICE_12_TO_18,
    },
    {
        "slug": "your-voice-8-11",
        "title": "Your voice (8 to 11)",
        "search_description": "For children aged 8 to 11: being listened to, feeling safe, "
        "and school. About 5 minutes.",
        "audience": Audience.YOUNG_PEOPLE,
        "age_band": AgeBand.AGE_8_TO_11,
        "theme": Theme.VOICE,
        "layout": Layout.ONE_QUESTION_PER_PAGE,
        "introduction": "<p>We want to know if grown-ups listen to you, and how you feel. "
        "There are no right or wrong answers.</p>",
        "confidentiality": YOUNG_PEOPLE_CONFIDENTIALITY,
        "questions": YOUR_VOICE_8_TO_11,
    },
    {
        "slug": "your-voice-5-7",
        "title": "Your voice (5 to 7)",
        "search_description": "For children aged 5 to 7, to do with a grown-up they trust. "
        "Faces to choose from. About 5 minutes.",
        "audience": Audience.YOUNG_PEOPLE,
        "age_band": AgeBand.AGE_5_TO_7,
        "theme": Theme.VOICE,
        "layout": Layout.ONE_QUESTION_PER_PAGE,
        "introduction": "<p>This survey is for children aged 5 to 7, to do together with a "
        "grown-up they trust, like a carer, teacher or support worker. The child chooses a face "
        "for each question. The grown-up reads the questions out loud and helps with "
        "the buttons.</p>",
        "confidentiality": YOUNG_PEOPLE_CONFIDENTIALITY,
        "questions": YOUR_VOICE_5_TO_7,
    },
    {
        "slug": "family-time",
        "title": "Family time",
        "search_description": "For children and young people: where and how family time "
        "happens, keeping in touch, and brothers and sisters. About 5 minutes.",
        "audience": Audience.YOUNG_PEOPLE,
        "age_band": "",
        "theme": Theme.FAMILY_TIME,
        "layout": Layout.ONE_QUESTION_PER_PAGE,
        "introduction": "<p>Tell us about the time you spend with your family, and what would "
        "make it better.</p>",
        "confidentiality": YOUNG_PEOPLE_CONFIDENTIALITY,
        "questions": FAMILY_TIME_YOUNG_PEOPLE,
    },
    {
        "slug": "family-time-families",
        "title": "Family time: for families",
        "search_description": "For parents and families of children who are care experienced: "
        "how family time works for you. About 5 minutes.",
        "audience": Audience.FAMILIES,
        "age_band": "",
        "theme": Theme.FAMILY_TIME,
        "layout": Layout.ONE_PAGE,
        "asks_who_is_helping": False,
        "introduction": "<p>Family time matters. Tell us where and how it happens for your "
        "family, whether the place feels welcoming, and what would make it better.</p>",
        "confidentiality": ADULT_CONFIDENTIALITY,
        "questions": FAMILY_TIME_FAMILIES,
    },
    {
        "slug": "feeling-supported-carers",
        "title": "Feeling supported: carers’ annual evaluation",
        "search_description": "For foster, kinship and adoptive carers: your training and "
        "support this year. About 10 minutes.",
        "audience": Audience.CARERS,
        "age_band": "",
        "theme": Theme.FEELING_SUPPORTED,
        "layout": Layout.ONE_PAGE,
        "requires_invitation": True,
        "asks_who_is_helping": False,
        "introduction": "<p>Every year we ask foster, kinship and adoptive carers how well "
        "supported and trained they feel. You can save your answers and come back to them.</p>",
        "confidentiality": ADULT_CONFIDENTIALITY,
        "questions": CARERS_FEELING_SUPPORTED,
    },
    {
        "slug": "feeling-supported-staff",
        "title": "Feeling supported: staff survey",
        "search_description": "For staff working with care experienced children and young "
        "people: training, support and The Promise. About 10 minutes.",
        "audience": Audience.STAFF,
        "age_band": "",
        "theme": Theme.FEELING_SUPPORTED,
        "layout": Layout.ONE_PAGE,
        "asks_who_is_helping": False,
        "introduction": "<p>How supported do you feel in your work with children, young people "
        "and families, and how well do you understand The Promise?</p>",
        "confidentiality": ADULT_CONFIDENTIALITY,
        "questions": STAFF_FEELING_SUPPORTED,
    },
]

SURVEY_MANAGER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def current_cycle(today: datetime.date | None = None) -> Cycle:
    """The cycle for the council's year (April to March) that `today` falls in."""
    today = today or timezone.localdate()
    first_year = today.year if today.month >= 4 else today.year - 1
    cycle, _ = Cycle.objects.get_or_create(
        name=f"{first_year}–{str(first_year + 1)[-2:]}",
        defaults={
            "starts_on": datetime.date(first_year, 4, 1),
            "ends_on": datetime.date(first_year + 1, 3, 31),
        },
    )
    return cycle


@transaction.atomic
def build_surveys(*, home: Page) -> SurveyIndexPage:
    """“Have your say” under `home`, with the council's seven starting surveys, published."""
    index = SurveyIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=SurveyIndexPage(
                title="Have your say",
                slug="surveys",
                introduction=INDEX_INTRODUCTION,
                show_in_menus=True,
            )
        )
    cycle = current_cycle()
    existing = set(SurveyPage.objects.child_of(index).values_list("slug", flat=True))
    for definition in SURVEYS:
        if definition["slug"] in existing:
            continue
        survey = SurveyPage(
            cycle=cycle, thank_you=THANK_YOU, **{"asks_who_is_helping": True, **definition}
        )
        # Added live; the first edit in the admin starts its revision history.
        index.add_child(instance=survey)

    grant_page_permissions(apps, SURVEY_MANAGERS, SURVEY_MANAGER_PAGE_PERMISSIONS, page=index)
    # The first way in on the home page, linked to the page itself: never a typed address.
    add_way_in(
        home,
        index,
        heading="Have your say",
        text="Answer a few short questions about being listened to, feeling supported and "
        "family time. You don’t have to give your name.",
        position=0,
    )
    return index
