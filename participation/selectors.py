"""Reads for the feedback loop: survey results counted in SQL and suppressed, indicators against
the plan's targets, and published “you said, we did” entries. Keyword-only; nothing here writes.

Every number that leaves this module has been through `participation.suppression`: the only
exceptions are the raw responses export (`raw_response_rows`) and typed answers for the roles
allowed to read them, which never reach a public page.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from cms.models import ActionCode, Foundation, PriorityArea
from participation.models.entries import EntryStatus, FeedbackEntry, Indicator
from participation.suppression import ShownCount, suppress_counts, suppress_total
from surveys.models import (
    AgeBand,
    Answer,
    Audience,
    CarerRole,
    Cycle,
    Response,
    SurveyPage,
    Tally,
    Theme,
)
from surveys.questions import RATHER_NOT_SAY, Choice, Kind, Question

# --- Which answers --------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultsFilter:
    """The group whose answers are counted: a theme in a cycle, and optionally who answered."""

    theme: str
    cycle: Cycle
    audience: str = ""
    age_band: str = ""
    role: str = ""

    def responses(self) -> QuerySet[Response]:
        return _responses(
            theme=self.theme,
            audience=self.audience,
            age_band=self.age_band,
            role=self.role,
        ).filter(cycle=self.cycle)

    @property
    def description(self) -> str:
        """In words, for headings and the audit log: “Your voice, 2026–27, young people 12–18”."""
        parts = [Theme(self.theme).label, self.cycle.name]
        if self.audience:
            parts.append(Audience(self.audience).label)
        if self.age_band:
            parts.append(f"aged {AgeBand(self.age_band).label}")
        if self.role:
            parts.append(CarerRole(self.role).label)
        return ", ".join(parts)


def _responses(*, theme: str, audience: str = "", age_band: str = "", role: str = ""):
    responses = Response.objects.filter(theme=theme)
    if audience:
        responses = responses.filter(audience=audience)
    if age_band:
        responses = responses.filter(age_band=age_band)
    if role:
        responses = responses.filter(role=role)
    return responses


# --- What was asked ---------------------------------------------------------------------------


def survey_versions(*, theme: str, audience: str = "", age_band: str = "") -> list[SurveyPage]:
    """The surveys of a theme (the age-banded versions of one survey), in the site's order."""
    surveys = SurveyPage.objects.filter(theme=theme)
    if audience:
        surveys = surveys.filter(audience=audience)
    if age_band:
        surveys = surveys.filter(age_band=age_band)
    return list(surveys.order_by("path"))


def question_catalogue(versions: Sequence[SurveyPage]) -> list[Question]:
    """The questions of every version, matched by key: in the first version's order, with the
    keys only later versions ask after them. A question's answers are every answer any version
    offers, “I’d rather not say” last; its wording is the first version's."""
    merged: dict[str, Question] = {}
    choices: dict[str, dict[str, Choice]] = {}
    for survey in versions:
        for question in survey.question_list:
            merged.setdefault(question.key, question)
            known = choices.setdefault(question.key, {})
            for choice in question.choices:
                known.setdefault(choice.value, choice)
    catalogue = []
    for key, question in merged.items():
        offered = [c for v, c in choices[key].items() if v != RATHER_NOT_SAY]
        if RATHER_NOT_SAY in choices[key]:
            offered.append(choices[key][RATHER_NOT_SAY])
        catalogue.append(_with_choices(question, tuple(offered)))
    return catalogue


def answer_sets(versions: Sequence[SurveyPage]) -> dict[str, list[tuple[str, frozenset]]]:
    """For each key that versions ask with different answers (faces for younger children,
    agreement for older ones): who was asked, and the answers they were offered."""
    sets: dict[str, list[list]] = defaultdict(list)  # key: [[who, ...], values]
    for survey in versions:
        who = AgeBand(survey.age_band).label if survey.age_band else survey.title
        for question in survey.question_list:
            values = frozenset(c.value for c in question.choices if c.value != RATHER_NOT_SAY)
            known = next((s for s in sets[question.key] if values <= s[1]), None)
            if known is not None:
                known[0].append(who)  # three faces are among the five: one group
            elif values:
                sets[question.key].append([[who], values])
    return {
        key: [(_asked_of(names), values) for names, values in found]
        for key, found in sets.items()
        if len(found) > 1
    }


def _asked_of(names: list[str]) -> str:
    ages = [name for name in names if name in AgeBand.labels]
    if len(ages) == len(names):
        return f"Asked of {' and '.join(ages)} year olds"
    return "Asked in " + " and ".join(names)


def _with_choices(question: Question, choices: tuple[Choice, ...]) -> Question:
    return Question(
        key=question.key,
        kind=question.kind,
        text=question.text,
        hint=question.hint,
        choices=choices,
        max_length=question.max_length,
        low_label=question.low_label,
        high_label=question.high_label,
        action_codes=question.action_codes,
        section_heading=question.section_heading,
    )


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceResult:
    choice: Choice
    count: ShownCount


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: ShownCount  # how many people answered it (typed something, or chose an answer)
    choices: list[ChoiceResult]
    # The published sums of answers, by the set of values summed (an indicator's answers).
    sums: dict[frozenset, ShownCount] = field(default_factory=dict)
    # The average score (1 to 5, or 0 to 10): only where no count of this question is hidden,
    # as an exact average would otherwise be one more sum to work a hidden count out from.
    average: float | None = None
    # Where versions offered different answers: (who was asked, their answers), in order.
    sections: list[tuple[str, list[ChoiceResult]]] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.is_text

    @property
    def is_multiple(self) -> bool:
        return self.question.is_multiple

    @property
    def hides_any(self) -> bool:
        return any(result.count.is_hidden for result in self.choices)

    @property
    def too_few(self) -> bool:
        """Too few answered to show anything but that."""
        return self.answered.is_hidden

    @property
    def most_chosen(self) -> ChoiceResult | None:
        """The answer chosen most, if the shown numbers tell it: more than any other shown,
        and more than all the hidden ones together could be."""
        if self.is_multiple or self.answered.is_hidden:
            return None
        shown = [r for r in self.choices if not r.count.is_hidden and r.count.value]
        if not shown:
            return None
        shown.sort(key=lambda r: r.count.value, reverse=True)
        top = shown[0].count.value
        hidden_together = self.answered.value - sum(r.count.value for r in shown)
        if len(shown) > 1 and shown[1].count.value == top or hidden_together >= top:
            return None
        return shown[0]


@dataclass(frozen=True)
class SurveyResults:
    filter: ResultsFilter
    responses: ShownCount
    questions: list[QuestionResult]
    versions: list[SurveyPage]

    @property
    def too_few(self) -> bool:
        return self.responses.is_hidden or not self.responses.value


def survey_results(*, results_filter: ResultsFilter) -> SurveyResults:
    """Every question's answers for the group in `results_filter`, small numbers hidden.

    A fixed number of queries, whatever the number of responses: the counts are SQL sums over
    the tallies kept as answers arrive (`surveys.models.Tally`), a few hundred rows however many
    people answered. Age-banded versions of one theme are combined on their shared keys.
    """
    versions = survey_versions(
        theme=results_filter.theme,
        audience=results_filter.audience,
        age_band=results_filter.age_band,
    )
    catalogue = question_catalogue(versions)
    sets = answer_sets(versions)
    tallied = _counts_by_cycle(
        _tallies(
            theme=results_filter.theme,
            audience=results_filter.audience,
            age_band=results_filter.age_band,
            role=results_filter.role,
        ).filter(cycle=results_filter.cycle)
    ).get(results_filter.cycle.pk, Counts())
    counts, answered, scores = tallied.counts, tallied.answered, tallied.scores
    groups = _indicator_groups(theme=results_filter.theme, audience=results_filter.audience)
    questions = [
        _question_result(
            question,
            counts.get(question.key, {}),
            answered.get(question.key, 0),
            scores.get(question.key),
            groups.get(question.key, ()),
            sets.get(question.key, ()),
        )
        for question in _with_unlisted(catalogue, counts, answered)
    ]
    return SurveyResults(
        filter=results_filter,
        responses=suppress_total(tallied.responses),
        questions=questions,
        versions=versions,
    )


@dataclass
class Counts:
    """What the tallies say for one cycle: responses, and for each question the people who
    answered it, the times each answer was given, and (sum of scores, answers scored)."""

    responses: int = 0
    answered: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    scores: dict[str, tuple[int, int]] = field(default_factory=dict)


def _tallies(*, theme: str, audience: str = "", age_band: str = "", role: str = ""):
    tallies = Tally.objects.filter(theme=theme)
    if audience:
        tallies = tallies.filter(audience=audience)
    if age_band:
        tallies = tallies.filter(age_band=age_band)
    if role:
        tallies = tallies.filter(role=role)
    return tallies


def _counts_by_cycle(tallies) -> dict[int, Counts]:
    """The tallies added up for each cycle, in one query."""
    by_cycle: dict[int, Counts] = {}
    rows = (
        tallies.values_list("cycle_id", "question_key", "choice")
        .annotate(n=Sum("count"), total=Sum("score_total"), scored=Sum("scored"))
        .order_by()
    )
    for cycle_id, key, choice, n, total, scored in rows:
        counts = by_cycle.setdefault(cycle_id, Counts())
        if not key:
            counts.responses += n
        elif not choice:
            counts.answered[key] = counts.answered.get(key, 0) + n
        else:
            counts.counts[key][choice] = counts.counts[key].get(choice, 0) + n
            if scored:
                before = counts.scores.get(key, (0, 0))
                counts.scores[key] = (before[0] + total, before[1] + scored)
    return by_cycle


def _with_unlisted(catalogue: list[Question], counts, answered) -> list[Question]:
    """The catalogue, and after it any question with answers that no version asks any more."""
    listed = {question.key for question in catalogue}
    extra = [
        Question(
            key=key,
            kind=Kind.SINGLE_CHOICE if key in counts else Kind.LONG_TEXT,
            text=f"A question no longer asked ({key})",
            choices=tuple(Choice(value, value) for value in counts.get(key, {})),
        )
        for key in sorted(set(answered) - listed)
    ]
    return [*catalogue, *extra]


def _question_result(question, counts, answered, score, groups, sets=()) -> QuestionResult:
    if question.is_text:
        return QuestionResult(question, suppress_total(answered), [])
    values = [choice.value for choice in question.choices]
    values += [value for value in counts if value not in values]  # answers since taken away
    choices = [question.choice_by_value.get(v) or Choice(v, v) for v in values]
    cells = [counts.get(value, 0) for value in values]
    # One answer each, unless a version asked it as a multiple choice: then cells stand alone.
    add_up = not question.is_multiple and sum(cells) == answered
    group_sets = []
    for group in groups if add_up else ():
        # Sums that share an answer cannot both be published; the first indicator's stays.
        if all(not group & other for other in group_sets):
            group_sets.append(frozenset(group))
    indexes = [[i for i, v in enumerate(values) if v in group] for group in group_sets]
    row = suppress_counts(
        cells,
        total=None if add_up else answered,
        cells_add_up=add_up,
        sums=[index for index in indexes if index],
    )
    summed = [group for group, index in zip(group_sets, indexes, strict=True) if index]
    sums = dict(zip(summed, row.sums, strict=True))
    average = None
    if score and not row.hides_any and not row.total.is_hidden and score[1]:
        average = round(score[0] / score[1], 1)
    results = [ChoiceResult(c, n) for c, n in zip(choices, row.cells, strict=True)]
    sections = []
    if sets:
        placed = set()
        for who, values in sets:
            section = [r for r in results if r.choice.value in values - placed]
            placed |= values
            sections.append((who, section))
        sections.append(("", [r for r in results if r.choice.value not in placed]))
    return QuestionResult(
        question=question,
        answered=row.total,
        choices=results,
        sums=sums,
        average=average,
        sections=[(who, rows) for who, rows in sections if rows],
    )


def _indicator_groups(*, theme: str, audience: str) -> dict[str, list[frozenset]]:
    """The answers each indicator on this theme and audience adds up, by question key: they
    are published as sums, so the table they come from must protect them too."""
    groups: dict[str, list[frozenset]] = defaultdict(list)
    for indicator in Indicator.objects.filter(theme=theme, audience=audience).order_by("pk"):
        if indicator.positive_values not in groups[indicator.question_key]:
            groups[indicator.question_key].append(indicator.positive_values)
    return groups


def question_across_cycles(
    *, theme: str, key: str, audience: str = "", age_band: str = "", role: str = ""
) -> list[tuple[Cycle, QuestionResult]]:
    """One question, matched by its key, side by side in every cycle that has answers to it."""
    versions = survey_versions(theme=theme, audience=audience, age_band=age_band)
    question = next((q for q in question_catalogue(versions) if q.key == key), None)
    tallies = _tallies(theme=theme, audience=audience, age_band=age_band, role=role)
    by_cycle = _counts_by_cycle(tallies.filter(question_key=key))
    cycles = Cycle.objects.filter(pk__in=by_cycle).order_by("starts_on")
    groups = _indicator_groups(theme=theme, audience=audience).get(key, ())
    results = []
    for cycle in cycles:
        tallied = by_cycle[cycle.pk]
        if question is None:
            question = _with_unlisted([], tallied.counts, tallied.answered)[0]
        result = _question_result(
            question,
            tallied.counts.get(key, {}),
            tallied.answered.get(key, 0),
            tallied.scores.get(key),
            groups,
        )
        results.append((cycle, result))
    return results


# --- Typed answers, for the roles allowed to read them ----------------------------------------


def typed_answers(*, results_filter: ResultsFilter, key: str = "") -> QuerySet[Answer]:
    """The typed answers of a group, newest cycle first, in no order that follows time."""
    answers = Answer.objects.filter(response__in=results_filter.responses()).exclude(text="")
    if key:
        answers = answers.filter(question_key=key)
    # By question, then by the random submission id: never in the order they were sent.
    return answers.select_related("response__cycle").order_by(
        "question_key", "response__submission_id"
    )


# --- Indicators against the plan's targets ----------------------------------------------------


@dataclass(frozen=True)
class IndicatorYear:
    cycle: Cycle
    answered: ShownCount
    positive: ShownCount  # with its percentage of `answered`, where it may be shown


@dataclass(frozen=True)
class IndicatorTrend:
    indicator: Indicator
    years: list[IndicatorYear]  # oldest first

    @property
    def latest(self) -> IndicatorYear | None:
        return self.years[-1] if self.years else None

    @property
    def previous(self) -> IndicatorYear | None:
        return self.years[-2] if len(self.years) > 1 else None

    @property
    def sentence(self) -> str:
        """“In 2026–27, 7 in 10 carers said they feel supported, up from 6 in 10 in 2025–26.”"""
        latest, previous = self.latest, self.previous
        who = self.indicator.who
        if latest is None:
            return f"No {who} have answered this question yet."
        if latest.positive.in_ten is None:
            return (
                f"In {latest.cycle.name}, too few {who} answered for us to share the result "
                "without someone being recognised."
            )
        said = f"{latest.positive.in_ten} in 10 {who} said they {self.indicator.statement}"
        sentence = f"In {latest.cycle.name}, {said}"
        if previous is not None and previous.positive.in_ten is not None:
            before = previous.positive.in_ten
            now = latest.positive.in_ten
            if now > before:
                change = f", up from {before} in 10"
            elif now < before:
                change = f", down from {before} in 10"
            else:
                change = ", the same as"
            sentence += f"{change} in {previous.cycle.name}"
        return sentence + "."

    @property
    def target_sentence(self) -> str:
        indicator = self.indicator
        by = f" by {indicator.target_date:%B %Y}" if indicator.target_date else ""
        until = f" until {indicator.target_date:%B %Y}" if indicator.target_date else ""
        if indicator.target_percentage is not None:
            return f"Our target: {indicator.target_percentage}%{by}."
        word = "higher" if indicator.direction == "increase" else "lower"
        return f"Our target: a {word} share every year{until}."

    @property
    def on_track(self) -> bool | None:
        """Whether the latest shown year meets the target (or moved the right way), if known."""
        latest, previous = self.latest, self.previous
        if latest is None or latest.positive.percentage is None:
            return None
        if self.indicator.target_percentage is not None:
            if self.indicator.direction == "increase":
                return latest.positive.percentage >= self.indicator.target_percentage
            return latest.positive.percentage <= self.indicator.target_percentage
        if previous is None or previous.positive.percentage is None:
            return None
        change = latest.positive.percentage - previous.positive.percentage
        return change > 0 if self.indicator.direction == "increase" else change < 0


def indicator_trends(*, indicators: Iterable[Indicator]) -> list[IndicatorTrend]:
    """Each indicator in every cycle that has answers to its question, small numbers hidden.

    Counted as the results pages count them, with the same sums protected, so that an
    indicator and the results it comes from never hide different numbers. A fixed number of
    queries for any number of indicators and responses.
    """
    indicators = list(indicators)
    if not indicators:
        return []
    themes = {indicator.theme for indicator in indicators}
    keys = {indicator.question_key for indicator in indicators}
    rows = (
        Tally.objects.filter(theme__in=themes, question_key__in=keys)
        .exclude(choice="")
        .values_list("theme", "audience", "cycle_id", "question_key", "choice")
        .annotate(n=Sum("count"))
        .order_by()
    )
    # {(theme, audience, cycle id, key): {choice: n}}
    counts: dict[tuple, dict[str, int]] = defaultdict(dict)
    for theme, audience, cycle_id, key, choice, n in rows:
        for who in (audience, ""):  # each audience, and everyone together
            cell = counts[(theme, who, cycle_id, key)]
            cell[choice] = cell.get(choice, 0) + n
    versions = list(SurveyPage.objects.filter(theme__in=themes).order_by("path"))
    all_groups = defaultdict(list)
    for other in Indicator.objects.filter(theme__in=themes).order_by("pk"):
        known = all_groups[(other.theme, other.audience, other.question_key)]
        if other.positive_values not in known:
            known.append(other.positive_values)
    cycles = {cycle.pk: cycle for cycle in Cycle.objects.order_by("starts_on")}
    trends = []
    for indicator in indicators:
        catalogue = question_catalogue(
            [
                v
                for v in versions
                if v.theme == indicator.theme
                and (not indicator.audience or v.audience == indicator.audience)
            ]
        )
        question = next((q for q in catalogue if q.key == indicator.question_key), None)
        years = []
        for cycle_id, cycle in cycles.items():
            cell = counts.get(
                (indicator.theme, indicator.audience, cycle_id, indicator.question_key)
            )
            if not cell:
                continue
            if question is None:
                question = Question(
                    key=indicator.question_key,
                    kind=Kind.SINGLE_CHOICE,
                    text=indicator.question_key,
                    choices=tuple(Choice(v, v) for v in cell),
                )
            groups = all_groups[(indicator.theme, indicator.audience, indicator.question_key)]
            result = _question_result(question, cell, sum(cell.values()), None, groups)
            positive = result.sums.get(indicator.positive_values)
            if positive is None:
                continue
            years.append(IndicatorYear(cycle=cycle, answered=result.answered, positive=positive))
        trends.append(IndicatorTrend(indicator=indicator, years=years))
    return trends


def action_code_indicators(*, action_code: ActionCode) -> list[IndicatorTrend]:
    """The indicators of one action code, year on year."""
    return indicator_trends(
        indicators=Indicator.objects.filter(action_code=action_code).select_related("action_code")
    )


# --- Published entries --------------------------------------------------------------------------


@dataclass
class EntryFilters:
    """What the “you said, we did” page is filtered by, as typed in its GET form."""

    action_code: str = ""  # slug, such as "stw-4"
    foundation: str = ""  # number
    area: str = ""  # prefix, any case
    status: str = ""
    audience: str = ""
    year: str = ""  # a cycle's name, such as "2026–27"

    @classmethod
    def from_query(cls, query) -> "EntryFilters":
        return cls(**{name: query.get(name, "")[:30].strip() for name in cls.__dataclass_fields__})

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class EntryOptions:
    action_codes: list[ActionCode]
    foundations: list[Foundation]
    areas: list[PriorityArea]
    cycles: list[Cycle]
    statuses: list[tuple[str, str]] = field(default_factory=lambda: list(EntryStatus.choices))
    audiences: list[tuple[str, str]] = field(default_factory=lambda: list(Audience.choices))


@dataclass
class EntryListing:
    entries: QuerySet[FeedbackEntry]
    options: EntryOptions
    filters: EntryFilters
    # Filter values that matched nothing we know, explained in words, never an error.
    problems: list[str]
    # In words: what the list is filtered by, for the heading and the empty state.
    chosen: list[str]


def live_entries() -> QuerySet[FeedbackEntry]:
    return (
        FeedbackEntry.objects.filter(live=True)
        .select_related("source_cycle")
        .prefetch_related("action_codes", "updates")
    )


def published_entries(*, filters: EntryFilters) -> EntryListing:
    """The published entries that match `filters`, newest first, with the choices the filter
    form offers. A value that matches nothing is ignored and explained in `problems`."""
    options = EntryOptions(
        action_codes=list(ActionCode.objects.select_related("priority_area")),
        foundations=list(Foundation.objects.all()),
        areas=list(PriorityArea.objects.all()),
        cycles=list(Cycle.objects.order_by("-starts_on")),
    )
    entries = live_entries()
    problems, chosen = [], []

    def choose(value, found, label, query, missing):
        nonlocal entries
        if not value:
            return
        if found is None:
            problems.append(missing)
            return
        entries = entries.filter(query)
        chosen.append(label)

    code = next((c for c in options.action_codes if c.slug == filters.action_code.lower()), None)
    choose(
        filters.action_code,
        code,
        code and f"action {code.code}",
        Q(action_codes=code),
        "We could not find that action code, so entries for every action are shown.",
    )
    foundation = next((f for f in options.foundations if str(f.number) == filters.foundation), None)
    choose(
        filters.foundation,
        foundation,
        foundation and f"the foundation {foundation.name}",
        Q(action_codes__foundations=foundation),
        "We could not find that foundation, so entries for every foundation are shown.",
    )
    area = next((a for a in options.areas if a.prefix.lower() == filters.area.lower()), None)
    choose(
        filters.area,
        area,
        area and area.name,
        Q(action_codes__priority_area=area),
        "We could not find that priority area, so entries for every area are shown.",
    )
    status = filters.status if filters.status in EntryStatus.values else None
    choose(
        filters.status,
        status,
        status and f"“{EntryStatus(status).label}”",
        Q(status=status),
        "We could not find that status, so entries at every status are shown.",
    )
    audience = filters.audience if filters.audience in Audience.values else None
    choose(
        filters.audience,
        audience,
        audience and f"what {Audience(audience).label.lower()} said",
        Q(audience=audience) | Q(audience=""),
        "We could not find that group of people, so entries from everyone are shown.",
    )
    cycle = next((c for c in options.cycles if c.name == filters.year), None)
    choose(
        filters.year,
        cycle,
        cycle and f"the year {cycle.name}",
        cycle and _in_cycle(cycle),
        "We could not find that year, so entries from every year are shown.",
    )
    return EntryListing(
        entries=entries.distinct().order_by("-first_published_at", "-pk"),
        options=options,
        filters=filters,
        problems=problems,
        chosen=chosen,
    )


def _in_cycle(cycle: Cycle) -> Q:
    """From that cycle's surveys; or, with no survey to come from, first published in it."""
    return Q(source_cycle=cycle) | Q(
        source_cycle__isnull=True,
        first_published_at__date__gte=cycle.starts_on,
        first_published_at__date__lte=cycle.ends_on,
    )


def action_code_entries(*, action_code: ActionCode) -> list[FeedbackEntry]:
    return list(live_entries().filter(action_codes=action_code).order_by("-first_published_at"))


def entries_from_survey(*, theme: str, cycle: Cycle, audience: str = "") -> list[FeedbackEntry]:
    """The published entries that came from a survey theme's answers in one cycle."""
    entries = live_entries().filter(source_cycle=cycle, source_survey__theme=theme)
    if audience:
        entries = entries.filter(source_survey__audience=audience)
    return list(entries.order_by("-first_published_at"))


# --- The raw responses export (Analysts only; every download is logged) -------------------------

RAW_FIXED_COLUMNS = [
    "row",
    "survey",
    "cycle",
    "audience",
    "age band",
    "carer role",
    "answered with",
    "submitted on",
    "demo data",
]


def raw_response_columns(*, results_filter: ResultsFilter) -> list[str]:
    """The question keys of the export's columns: every version's, and any with answers."""
    versions = survey_versions(
        theme=results_filter.theme,
        audience=results_filter.audience,
        age_band=results_filter.age_band,
    )
    keys = [question.key for question in question_catalogue(versions)]
    answered = (
        _tallies(
            theme=results_filter.theme,
            audience=results_filter.audience,
            age_band=results_filter.age_band,
            role=results_filter.role,
        )
        .filter(cycle=results_filter.cycle)
        .exclude(question_key="")
        .values_list("question_key", flat=True)
        .distinct()
        .order_by()
    )
    return keys + sorted(set(answered) - set(keys))


def raw_response_rows(
    *, results_filter: ResultsFilter, keys: Sequence[str], chunk_size: int = 2000
) -> Iterator[list]:
    """One list per response, answers under their keys (ticks joined by “; ”), read a chunk at a
    time so that memory does not grow with the number of responses.

    In the order of the random submission id within each day: never in the order they were sent.
    """
    responses = (
        results_filter.responses()
        .select_related("survey")
        .order_by("submitted_on", "submission_id")
        .values_list(
            "pk",
            "survey__title",
            "audience",
            "age_band",
            "role",
            "answered_with",
            "submitted_on",
            "demo",
        )
    )
    position = {key: i for i, key in enumerate(keys)}
    number = 0
    for chunk in _chunks(responses.iterator(chunk_size=chunk_size), chunk_size):
        answers: dict[int, list[list[str]]] = {row[0]: [[] for _ in keys] for row in chunk}
        for response_id, key, choice, text in Answer.objects.filter(
            response_id__in=list(answers)
        ).values_list("response_id", "question_key", "choice", "text"):
            if key in position:
                answers[response_id][position[key]].append(text or choice)
        for pk, title, audience, age_band, role, answered_with, submitted_on, demo in chunk:
            number += 1
            yield [
                number,
                title,
                results_filter.cycle.name,
                audience,
                age_band,
                role,
                answered_with,
                submitted_on.isoformat(),
                "yes" if demo else "",
                *("; ".join(values) for values in answers[pk]),
            ]


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cycles_with_responses() -> list[Cycle]:
    return list(Cycle.objects.filter(responses__isnull=False).distinct().order_by("-starts_on"))


def current_cycle(*, today: datetime.date | None = None) -> Cycle | None:
    """The cycle `today` falls in, else the latest that has started."""
    cycles = list(Cycle.objects.order_by("-starts_on"))
    today = today or timezone.localdate()
    for cycle in cycles:
        if cycle.starts_on <= today <= cycle.ends_on:
            return cycle
    return next((c for c in cycles if c.starts_on <= today), cycles[-1] if cycles else None)
