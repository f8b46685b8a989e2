"""The public pages of the feedback loop: “you said, we did”, its feed, receipt codes and the
results summaries. Each is reached through a route on a page in `participation.models.pages`,
works without JavaScript, and reads through `participation.selectors` only."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import feedgenerator
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from cms.models import ActionPlanPage
from cms.sanitising import strip_markup
from participation import selectors
from participation.models.entries import STATUS_MEANINGS, EntryStatus, FeedbackEntry
from surveys.codes import format_receipt_code
from surveys.selectors import receipt_for_code

ENTRIES_PER_PAGE = 10
FEED_LENGTH = 20


@require_GET
def feedback_loop(request, page):
    """Every published entry, newest first, filtered by a plain GET form, ten to a page."""
    listing = selectors.published_entries(filters=selectors.EntryFilters.from_query(request.GET))
    entries = Paginator(listing.entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    options = listing.options
    return TemplateResponse(
        request,
        "participation/feedback_loop_page.html",
        {
            "page": page,
            "plan_page": ActionPlanPage.objects.live().first(),
            "listing": listing,
            "entries": entries,
            "entry_rows": [(entry, page.entry_url(entry)) for entry in entries],
            "action_code_options": [
                (code.slug, f"{code.code}: {code.priority_area.name}")
                for code in options.action_codes
            ],
            "foundation_options": [
                (str(f.number), f"{f.number}. {f.name}") for f in options.foundations
            ],
            "area_options": [(area.prefix.lower(), area.name) for area in options.areas],
            "year_options": [(cycle.name, cycle.name) for cycle in options.cycles],
            "filter_query": query.urlencode(),
            "status_key": [
                (EntryStatus(s).label, meaning) for s, meaning in STATUS_MEANINGS.items()
            ],
            "summaries": page.get_children().live().specific().order_by("-first_published_at"),
        },
    )


@require_GET
def feedback_entry(request, page, entry_id: int):
    """One published entry on its own page: the feed links here."""
    entry = selectors.live_entries().filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No published entry with that number")
    return TemplateResponse(
        request,
        "participation/feedback_entry_page.html",
        {"page": page, "entry": entry, "plan_page": ActionPlanPage.objects.live().first()},
    )


@require_GET
def receipt(request, page):
    """A receipt code from a thank-you page: what came of that survey's answers, and when the
    results will be published. A code names a survey and a year, never a person."""
    typed = request.GET.get("code", "")[:30]
    found = receipt_for_code(typed=typed) if typed.strip() else None
    error = ""
    if typed.strip() and found is None:
        error = (
            "We could not find that code. Check it and try again: it has 6 letters and "
            "numbers, like K7M 4QP."
        )
    context = {
        "page": page,
        "typed": typed,
        "error": error,
        "receipt": found,
        "heading": "What came of your answers",
    }
    if found is not None:
        survey = found.survey.specific
        code = format_receipt_code(found.code)
        context.update(
            survey=survey,
            code=code,
            heading=f"What came of “{survey.title}”, {found.cycle.name}",
            heading_label=f"Receipt code {code}",
            entries=selectors.entries_from_survey(theme=survey.theme, cycle=found.cycle),
            summary=next(
                (
                    summary
                    for summary in page.get_children().live().specific()
                    if summary.theme == survey.theme and summary.cycle_id == found.cycle_id
                ),
                None,
            ),
        )
    return TemplateResponse(
        request, "participation/receipt.html", context, status=400 if error else 200
    )


@require_GET
def results_summary(request, page, *, easy_read: bool):
    """“What you told us”: one theme's results in one cycle, small numbers hidden, in plain
    words and simple charts; typed answers are never shown, only how many wrote something."""
    results = selectors.survey_results(
        results_filter=selectors.ResultsFilter(
            theme=page.theme, cycle=page.cycle, audience=page.audience
        )
    )
    return TemplateResponse(
        request,
        "participation/results_summary_easy_read.html"
        if easy_read
        else "participation/results_summary_page.html",
        {
            "page": page,
            "results": results,
            "choice_questions": [q for q in results.questions if not q.is_text],
            "typed_questions": [q for q in results.questions if q.is_text],
            "entries": selectors.entries_from_survey(
                theme=page.theme, cycle=page.cycle, audience=page.audience
            ),
        },
    )


class EntriesFeed(Feed):
    """The newest published entries as an Atom feed, for anyone who follows the page."""

    feed_type = feedgenerator.Atom1Feed

    def __init__(self, page, request):
        super().__init__()
        self.page = page
        self.request = request
        self.page_url = request.build_absolute_uri(page.url)

    def title(self):
        return f"{self.page.title} – Our Promise, Our Voice"

    def link(self):
        return self.page_url

    def subtitle(self):
        return "What changed because of what children, young people, families and carers said."

    def items(self):
        return selectors.live_entries().order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: FeedbackEntry):
        return f"{item.title} ({item.get_status_display()})"

    def item_description(self, item: FeedbackEntry):
        # An Atom summary is type="html": a feed reader reads it as markup, so what editors typed
        # is escaped here (and the rich text read as plain text first, its entities as characters).
        parts = [("You said", item.what_you_said), ("We did", strip_markup(item.what_we_did))]
        if item.why_not:
            parts.append(("Why we can’t do this", item.why_not))
        return format_html_join("\n", "<p>{}: {}</p>", parts)

    def item_link(self, item: FeedbackEntry):
        return self.request.build_absolute_uri(self.page.entry_url(item))

    def item_pubdate(self, item: FeedbackEntry):
        return item.first_published_at

    def item_updateddate(self, item: FeedbackEntry):
        return item.last_published_at


@require_GET
def feedback_feed(request, page):
    return EntriesFeed(page, request)(request)
