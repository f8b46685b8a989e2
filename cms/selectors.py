"""Reads for the content layer: the plan, the glossary, site search, the Language of Care report."""

import re
import string
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.functions import Lower
from django.utils.text import capfirst

from modelcluster.models import get_all_child_relations
from wagtail.models import DraftStateMixin, Page
from wagtail.search.backends import get_search_backend
from wagtail.snippets.models import get_snippet_models

from cms.language_of_care import ObjectFinding, check_object, is_checked
from cms.models import (
    ActionCode,
    ActionPlanPage,
    Foundation,
    LanguageOfCarePage,
    LanguageTerm,
    PriorityArea,
)

MAX_QUERY_LENGTH = 100
MAX_SEARCH_RESULTS = 50

# --- The plan ---------------------------------------------------------------------------------


@dataclass
class AreaCodes:
    area: PriorityArea
    codes: list[ActionCode]


@dataclass
class PlanOverview:
    foundations: list[Foundation]
    areas: list[AreaCodes]  # only the areas with a code that matches the filters
    priority_areas: list[PriorityArea]
    foundation: Foundation | None = None
    area: PriorityArea | None = None
    code_count: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return self.foundation is not None or self.area is not None


def plan_overview(*, foundation: str = "", area: str = "") -> PlanOverview:
    """The foundations, and the action codes of each priority area that match the filters.

    `foundation` is a foundation's number and `area` a priority area's prefix (any case); a value
    that matches nothing is ignored and explained in `problems`, never an error.
    """
    foundations = list(Foundation.objects.all())
    priority_areas = list(PriorityArea.objects.all())
    codes = list(ActionCode.objects.prefetch_related("foundations"))
    overview = PlanOverview(foundations=foundations, areas=[], priority_areas=priority_areas)
    if foundation:
        overview.foundation = next((f for f in foundations if str(f.number) == foundation), None)
        if overview.foundation is None:
            overview.problems.append("We could not find that foundation, so all are shown.")
    if area:
        overview.area = next((a for a in priority_areas if a.prefix.lower() == area.lower()), None)
        if overview.area is None:
            overview.problems.append("We could not find that priority area, so all are shown.")
    for priority_area in priority_areas:
        if overview.area is not None and priority_area.pk != overview.area.pk:
            continue
        matching = [
            code
            for code in codes
            if code.priority_area_id == priority_area.pk
            and (
                overview.foundation is None
                or any(f.pk == overview.foundation.pk for f in code.foundations.all())
            )
        ]
        if matching:
            overview.areas.append(AreaCodes(area=priority_area, codes=matching))
            overview.code_count += len(matching)
    return overview


@dataclass
class ActionCodeDetail:
    action_code: ActionCode
    previous: tuple[str, str] | None  # (code, slug)
    next: tuple[str, str] | None


def action_code_detail(*, slug: str) -> ActionCodeDetail | None:
    """One action code with everything its page shows, and its neighbours in the plan's order."""
    action_code = (
        ActionCode.objects.select_related("priority_area")
        .prefetch_related("foundations", "actions", "targets", "responsible_roles")
        .filter(slug=slug)
        .first()
    )
    if action_code is None:
        return None
    order = list(ActionCode.objects.values_list("code", "slug"))
    position = order.index((action_code.code, action_code.slug))
    return ActionCodeDetail(
        action_code=action_code,
        previous=order[position - 1] if position > 0 else None,
        next=order[position + 1] if position + 1 < len(order) else None,
    )


def action_code_url(*, slug: str, request=None) -> str | None:
    """The address of an action code's page (/plan/stw-4/), or None without a live plan page."""
    plan_page = ActionPlanPage.objects.live().first()
    if plan_page is None:
        return None
    return plan_page.get_url(request=request) + plan_page.reverse_subpage(
        "action_code", args=[slug]
    )


def live_page_url(*, page_type: str, request=None) -> str | None:
    """The address of the live page of a type (“participation.FeedbackLoopPage”), for pages that
    other pages link to: found by its type, never by a path. None if there is no such page.

    Named by its label, so that a lower layer can link to a higher layer's page without
    importing it. One query (content types are cached).
    """
    app_label, model = page_type.lower().split(".")
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    page = Page.objects.live().filter(content_type=content_type).order_by("path").first()
    return page.get_url(request=request) if page is not None else None


# --- The glossary -----------------------------------------------------------------------------


@dataclass
class LetterLink:
    letter: str
    has_terms: bool
    current: bool


@dataclass
class Glossary:
    terms: list[LanguageTerm]
    letters: list[LetterLink]
    letter: str = ""
    query: str = ""
    total: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return bool(self.letter or self.query)


def _first_letter(term: LanguageTerm) -> str:
    return next((c.upper() for c in term.name if c.isalnum()), "")


def _term_text(term: LanguageTerm) -> str:
    words = [term.preferred_words, term.why, term.example]
    for phrase, forms in term.phrases_with_forms:
        words.extend([phrase, *forms])
    return " ".join(words).casefold()


def glossary(*, letter: str = "", query: str = "") -> Glossary:
    """The live glossary terms in order, filtered by first letter or by words in any field."""
    terms = list(LanguageTerm.objects.filter(live=True).order_by(Lower("name")))
    letters_with_terms = {_first_letter(term) for term in terms}
    result = Glossary(terms=terms, letters=[], total=len(terms))

    letter = letter.strip().upper()
    if letter and not (len(letter) == 1 and letter in string.ascii_uppercase):
        result.problems.append("Choose a letter from A to Z.")
        letter = ""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    result.letter, result.query = letter, query
    if letter:
        result.terms = [term for term in result.terms if _first_letter(term) == letter]
    if query:
        needle = query.casefold()
        result.terms = [term for term in result.terms if needle in _term_text(term)]
    result.letters = [
        LetterLink(letter=c, has_terms=c in letters_with_terms, current=c == letter)
        for c in string.ascii_uppercase
    ]
    return result


# --- Site search ------------------------------------------------------------------------------


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str
    kind: str


def search_site(*, query: str, request=None) -> list[SearchHit]:
    """Glossary terms, then live public pages, that match every word of `query`."""
    # Words only: quotes and other marks mean something to the database's full-text search.
    query = " ".join(re.findall(r"\w+", query[:MAX_QUERY_LENGTH]))
    if not query:
        return []
    hits = []
    glossary_page = LanguageOfCarePage.objects.live().public().first()
    if glossary_page is not None:
        glossary_url = glossary_page.get_url(request=request)
        live_terms = LanguageTerm.objects.filter(live=True)
        for term in get_search_backend().search(query, live_terms)[:MAX_SEARCH_RESULTS]:
            hits.append(
                SearchHit(
                    # capfirst: str.capitalize lowercases the rest ("BSL" became "bsl").
                    title=f"{capfirst(term.preferred_words)} (not “{term.name}”)",
                    url=f"{glossary_url}#{term.anchor}",
                    summary=term.why,
                    kind="Language of Care glossary",
                )
            )
    for page in Page.objects.live().public().search(query)[:MAX_SEARCH_RESULTS]:
        hits.append(
            SearchHit(
                title=page.title,
                url=page.get_url(request=request),
                summary=page.search_description,
                kind="Page",
            )
        )
    return hits


# --- The Language of Care report --------------------------------------------------------------


@dataclass
class ReportRow:
    object: Model
    title: str
    kind: str
    findings: list[ObjectFinding]
    edit_url: str | None = None  # filled in by the admin view, which knows the user

    @property
    def summary(self) -> str:
        return "; ".join(
            f"“{item.finding.phrase}” in {item.where}: say “{item.finding.preferred_words}”"
            for item in self.findings
        )


def language_of_care_report() -> list[ReportRow]:
    """Every live page and snippet whose text holds a phrase to avoid, with what was found."""
    rows = []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        if findings := check_object(page):
            kind = f"Page: {page.specific_class._meta.verbose_name}"
            rows.append(ReportRow(object=page, title=page.title, kind=kind, findings=findings))
    for model in get_snippet_models():
        if not is_checked(model):
            continue
        queryset = model._default_manager.all()
        if issubclass(model, DraftStateMixin):
            queryset = queryset.filter(live=True)
        children = [
            relation.get_accessor_name()
            for relation in get_all_child_relations(model)
            if relation.related_model._meta.app_label != "wagtailcore"
        ]
        for obj in queryset.prefetch_related(*children):
            if findings := check_object(obj):
                kind = f"Snippet: {model._meta.verbose_name}"
                rows.append(ReportRow(object=obj, title=str(obj), kind=kind, findings=findings))
    return rows
