"""Demo content for the feedback loop: made-up responses to every seeded survey over two cycles,
“you said, we did” entries at each status, and “what you told us” summaries.

Used only by `manage.py load_demo_content`, which refuses to run under production settings; the
“You said, we did” page itself is starter content (participation/starter.py). Every response made
here is marked `demo`. Safe to run again: what exists is left alone.
"""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone

from cms.models import ActionCode
from participation.models import (
    EntryStatus,
    FeedbackEntry,
    FeedbackLoopPage,
    FeedbackUpdate,
    ResultsSummaryPage,
)
from participation.services import start_entry_from_answer
from surveys.models import (
    Answer,
    AnsweredWith,
    Audience,
    CarerRole,
    Cycle,
    Response,
    SurveyPage,
    Theme,
)
from surveys.questions import RATHER_NOT_SAY, Kind, is_shown
from surveys.services import add_to_tallies, answer_rows

# How many made-up people answered each survey: (the year before, this year). Some groups are
# under 5 on purpose, so that the hidden numbers can be seen.
RESPONSES = {
    "your-voice-12-18": (28, 41),
    "your-voice-8-11": (17, 23),
    "your-voice-5-7": (3, 4),
    "family-time": (12, 18),
    "family-time-families": (4, 9),
    "feeling-supported-carers": (36, 52),
    "feeling-supported-staff": (64, 88),
}
CARER_ROLES = [(CarerRole.FOSTER, 6), (CarerRole.KINSHIP, 4), (CarerRole.ADOPTER, 1)]

TYPED = {
    "one-thing-to-change": [
        "I want to be asked before my meetings, not told after.",
        "More time with my brothers and sisters.",
        "Not having to tell my story again every time I get a new worker.",
        "Being able to stay at the same school.",
        "Meetings that are not in an office.",
        "I would like to know who reads my plan.",
    ],
    "anything-else": [
        "My carer is great and listens to me.",
        "The youth group is the best part of my week.",
        "Sometimes the words in my reports are hard to understand.",
    ],
    "biggest-difference": [
        "Someone to call at the weekend when things are hard.",
        "Training on trauma that is nearer home or online.",
        "Meeting other kinship carers who understand.",
        "Being told about changes to the plan before the child is.",
        "Help with the paperwork for allowances.",
    ],
    "what-would-help": [
        "Time for reflective supervision that does not get cancelled.",
        "Shorter reports written in the Language of Care.",
        "More chances to hear from young people directly.",
        "Clear guidance on what corporate parenting means for my team.",
    ],
    "family-time-better": [
        "Somewhere comfy with games, not an office.",
        "Longer family time at the weekend.",
        "Being able to video call my gran.",
        "Family time at the park when the weather is good.",
    ],
}


def demo_cycles(current: Cycle) -> tuple[Cycle, Cycle]:
    """The cycle before `current`, made if missing, and `current`."""
    starts = current.starts_on.replace(year=current.starts_on.year - 1)
    previous, _ = Cycle.objects.get_or_create(
        name=f"{starts.year}–{str(starts.year + 1)[-2:]}",
        defaults={"starts_on": starts, "ends_on": current.starts_on - datetime.timedelta(days=1)},
    )
    return previous, current


@transaction.atomic
def build_demo_responses(*, seed: int = 2026) -> int:
    """Made-up responses to every seeded survey in this cycle and the one before, marked as demo
    data; none if there are demo responses already. Returns how many were made."""
    if Response.objects.filter(demo=True).exists():
        return 0
    surveys = {s.slug: s for s in SurveyPage.objects.filter(slug__in=RESPONSES)}
    if not surveys:
        return 0
    current = next(iter(surveys.values())).cycle
    cycles = demo_cycles(current)
    chance = random.Random(seed)  # noqa: S311 - made-up answers, not secrets
    made = 0
    for slug, counts in RESPONSES.items():
        survey = surveys.get(slug)
        if survey is None:
            continue
        for year, (cycle, count) in enumerate(zip(cycles, counts, strict=True)):
            for _ in range(count):
                _make_response(survey, cycle, chance, better=year == 1)
                made += 1
    return made


def _make_response(survey: SurveyPage, cycle: Cycle, chance: random.Random, *, better: bool):
    today = timezone.localdate()
    last_day = min(cycle.ends_on, today)
    days = max((last_day - cycle.starts_on).days, 0)
    role = ""
    if survey.audience == Audience.CARERS:
        role = chance.choices([r for r, _ in CARER_ROLES], [w for _, w in CARER_ROLES])[0]
    answered_with = ""
    if survey.is_for_young_people and survey.asks_who_is_helping:
        answered_with = chance.choice(
            [AnsweredWith.ON_MY_OWN, AnsweredWith.ON_MY_OWN, AnsweredWith.TRUSTED_ADULT]
        )
    response = Response.objects.create(
        survey=survey,
        cycle=cycle,
        audience=survey.audience,
        age_band=survey.age_band,
        theme=survey.theme,
        role=role,
        answered_with=answered_with,
        submitted_on=cycle.starts_on + datetime.timedelta(days=chance.randint(0, days)),
        submission_id=uuid.uuid4(),
        demo=True,
    )
    answers: dict[str, list[str]] = {}
    for question in survey.question_list:
        if not is_shown(question, answers) or chance.random() < 0.08:
            continue  # skipped, as people do
        values = _answer(question, chance, better=better)
        if values:
            answers[question.key] = values
    rows = Answer.objects.bulk_create(answer_rows(response, survey.question_list, answers))
    add_to_tallies(responses=[(response, rows)])


def _answer(question, chance: random.Random, *, better: bool) -> list[str]:
    if question.is_text:
        typed = TYPED.get(question.key, [])
        return [chance.choice(typed)] if typed and chance.random() < 0.35 else []
    choices = [c for c in question.choices if c.value != RATHER_NOT_SAY]
    if chance.random() < 0.04:
        return [RATHER_NOT_SAY]
    if question.kind == Kind.MULTIPLE_CHOICE:
        ticked = [c.value for c in choices if chance.random() < 0.4]
        return ticked or [choices[0].value]
    if question.kind == Kind.SCALE:
        centre = 7 if better else 6
        return [str(max(0, min(10, round(chance.gauss(centre, 1.8)))))]
    if question.kind in (Kind.AGREEMENT, Kind.FACES):
        # Scored choices: the better year leans further towards the top of the scale.
        lean = 2.0 if better else 1.2
        weights = [lean ** (choice.score or 0) for choice in choices]
        return [chance.choices(choices, weights)[0].value]
    if question.kind == Kind.YES_NO:
        yes = 0.72 if better else 0.5
        return [chance.choices(choices, [yes, 1 - yes - 0.1, 0.1])[0].value]
    weights = [1 / (position + 1) for position in range(len(choices))]
    return [chance.choices(choices, weights)[0].value]


ENTRIES = [
    {
        "title": "More say in your meetings",
        "what_you_said": "Lots of you said you go to meetings about you but don’t get to say what "
        "you think, or that you didn’t know there were meetings at all.",
        "what_we_did": "<p>Every young person now gets a “my meeting” form a week before, to say "
        "what they want talked about, where they want to meet, and who they want there. Workers "
        "read it out first at the meeting.</p>",
        "status": EntryStatus.IN_PROGRESS,
        "audience": Audience.YOUNG_PEOPLE,
        "codes": ["STW 4"],
        "theme": Theme.VOICE,
        "question": "my-meetings",
        "updates": [
            (-40, "The form was tried at 12 meetings. Young people asked for it on paper too.")
        ],
    },
    {
        "title": "Help for carers at evenings and weekends",
        "what_you_said": "Carers told us the hardest times are evenings and weekends, when the "
        "office is closed.",
        "what_we_did": "<p>A carers’ support line now answers from 5pm to 10pm on weekdays and "
        "10am to 6pm at weekends, run by experienced carers.</p>",
        "status": EntryStatus.DONE,
        "audience": Audience.CARERS,
        "codes": ["STW 1"],
        "theme": Theme.FEELING_SUPPORTED,
        "question": "help-when-needed",
        "updates": [(-120, "The support line started.")],
    },
    {
        "title": "Everyone to know they can have an advocate",
        "what_you_said": "Many of you did not know you could have an advocate: someone on your "
        "side who helps you say what you think.",
        "what_we_did": "<p>Who Cares? Scotland now visits every young person within a month of "
        "coming into care, and every care plan says who your advocate is.</p>",
        "status": EntryStatus.DONE,
        "audience": Audience.YOUNG_PEOPLE,
        "codes": ["GC 10"],
        "theme": Theme.VOICE,
        "question": "know-advocate",
    },
    {
        "title": "Family time somewhere that feels like home",
        "what_you_said": "You said family time in an office doesn’t feel like family. You want "
        "somewhere comfy, with things to do.",
        "what_we_did": "<p>We are turning two rooms at the family centre into a lounge and a "
        "kitchen, chosen by young people, and finding places in the community to use too.</p>",
        "status": EntryStatus.PLANNED,
        "audience": Audience.YOUNG_PEOPLE,
        "codes": ["GC 6"],
        "theme": Theme.FAMILY_TIME,
        "question": "family-time-welcoming",
    },
    {
        "title": "All family time at weekends",
        "what_you_said": "Some of you asked for all family time to be at weekends.",
        "what_we_did": "<p>We looked at how family time is arranged across the week.</p>",
        "why_not": "Many families and carers work at weekends, and some family time has to fit "
        "around school. We are offering more weekend times instead, and asking each young person "
        "when suits them best.",
        "status": EntryStatus.CANNOT_DO,
        "audience": "",
        "codes": ["GC 6"],
        "theme": Theme.FAMILY_TIME,
        "question": "family-time-enough",
    },
    {
        "title": "Supervision that doesn’t get cancelled",
        "what_you_said": "Staff said reflective supervision is often cancelled when things get "
        "busy, and that it matters most then.",
        "what_we_did": "<p>We are listening to teams about what gets in the way, and will say what "
        "we will change by the spring.</p>",
        "status": EntryStatus.LISTENING,
        "audience": Audience.STAFF,
        "codes": ["STW 3"],
        "theme": Theme.FEELING_SUPPORTED,
        "question": "reflective-supervision",
        "current": True,
    },
]


@transaction.atomic
def build_demo_entries(*, user=None) -> int:
    """“You said, we did” entries at every status, published, and one started from a typed
    answer (then shortened and published, as the Participation Network would); none if there
    are entries already. Returns how many were made."""
    if FeedbackEntry.objects.exists():
        return 0
    codes = {code.code: code for code in ActionCode.objects.all()}
    cycles = list(Cycle.objects.filter(responses__demo=True).distinct().order_by("starts_on"))
    if not cycles:
        return 0
    previous, current = cycles[0], cycles[-1]
    surveys = list(SurveyPage.objects.order_by("path"))
    made = 0
    for days_ago, spec in enumerate(ENTRIES):
        cycle = current if spec.get("current") else previous
        survey = next((s for s in surveys if s.theme == spec["theme"]), None)
        entry = FeedbackEntry(
            title=spec["title"],
            what_you_said=spec["what_you_said"],
            what_we_did=spec["what_we_did"],
            why_not=spec.get("why_not", ""),
            status=spec["status"],
            audience=spec["audience"],
            source_survey=survey,
            source_cycle=cycle,
            source_question_key=spec["question"],
        )
        _publish(entry, [codes[c] for c in spec["codes"] if c in codes], spec, days_ago, user)
        made += 1
    typed = (
        Answer.objects.filter(
            question_key="biggest-difference", response__demo=True, response__cycle=previous
        )
        .exclude(text="")
        .select_related("response__cycle")
        .order_by("response__submission_id")
        .first()
    )
    if typed is not None:
        entry = start_entry_from_answer(answer=typed, user=user)
        entry.title = "Meeting other carers"
        entry.what_you_said = (
            "Kinship carers told us they want to meet other carers who understand."
        )
        entry.what_we_did = (
            "<p>A monthly kinship carers’ group starts in the new year, with a crèche.</p>"
        )
        entry.status = EntryStatus.PLANNED
        _publish(entry, [codes["WFS 3"]] if "WFS 3" in codes else [], {}, 8, user)
        made += 1
    return made


def _publish(entry: FeedbackEntry, action_codes, spec: dict, days_ago: int, user) -> None:
    entry.save()
    entry.action_codes.set(action_codes)
    for offset, text in spec.get("updates", []):
        FeedbackUpdate.objects.create(
            entry=entry, date=timezone.localdate() + datetime.timedelta(days=offset), text=text
        )
    revision = entry.save_revision(user=user)
    revision.publish(user=user)
    # Spread the demo entries over recent weeks, so that the newest-first order means something.
    when = timezone.now() - datetime.timedelta(days=7 * days_ago)
    FeedbackEntry.objects.filter(pk=entry.pk).update(
        first_published_at=when, last_published_at=when
    )


@transaction.atomic
def build_results_summaries(*, feedback_page: FeedbackLoopPage) -> list[ResultsSummaryPage]:
    """“What you told us” for last year's surveys of young people, carers and staff."""
    cycles = list(Cycle.objects.filter(responses__demo=True).distinct().order_by("starts_on"))
    if not cycles:
        return []
    previous = cycles[0]
    made = []
    for theme, audience, title, easy_read in [
        (
            Theme.VOICE,
            Audience.YOUNG_PEOPLE,
            f"Your voice: what you told us in {previous.name}",
            "You told us about being listened to, your plan and your meetings.",
        ),
        (
            Theme.FAMILY_TIME,
            Audience.YOUNG_PEOPLE,
            f"Family time: what you told us in {previous.name}",
            "You told us about family time and seeing your brothers and sisters.",
        ),
        (
            Theme.FEELING_SUPPORTED,
            Audience.CARERS,
            f"Carers’ evaluation: what you told us in {previous.name}",
            "",
        ),
        (
            Theme.FEELING_SUPPORTED,
            Audience.STAFF,
            f"Staff survey: what you told us in {previous.name}",
            "",
        ),
    ]:
        slug = f"{theme}-{audience}-{previous.starts_on.year}".replace("_", "-")
        if feedback_page.get_children().filter(slug=slug).exists():
            continue
        now = timezone.now()
        made.append(
            feedback_page.add_child(
                instance=ResultsSummaryPage(
                    title=title,
                    slug=slug,
                    theme=theme,
                    audience=audience,
                    cycle=previous,
                    introduction="<p>Thank you to everyone who answered. These are the answers "
                    "everyone gave, added up. Where fewer than 5 people gave an answer, we don’t "
                    "show the number.</p>",
                    easy_read_introduction=easy_read,
                    show_in_menus=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        )
    return made
