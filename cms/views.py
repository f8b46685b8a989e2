"""The content layer's public pages, reached through routes on its pages (cms/models.py) and
through urls.py (search), and the Language of Care report in the admin. Each reads through
`cms.selectors`."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.selectors import (
    MAX_QUERY_LENGTH,
    action_code_detail,
    glossary,
    language_of_care_report,
    plan_overview,
    search_site,
)
from cms.spreadsheets import SpreadsheetSafeExportMixin

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Site search over pages and glossary terms: a plain GET form, no JavaScript needed."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    hits = search_site(query=query, request=request) if query else []
    results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "pages/search.html",
        {"query": query, "results": results, "hit_count": len(hits)},
    )


def language_of_care_page(request, page):
    """The Language of Care policy and its glossary, filtered by a letter or words (a GET form)."""
    context = page.get_context(request)
    context["glossary"] = glossary(
        letter=request.GET.get("letter", ""), query=request.GET.get("q", "")
    )
    return TemplateResponse(request, page.get_template(request), context)


def action_plan(request, page):
    """The plan: the foundations, and the action codes of each priority area, filtered."""
    overview = plan_overview(
        foundation=request.GET.get("foundation", ""), area=request.GET.get("area", "")
    )
    return page.render(request, context_overrides={"plan": overview})


def action_code(request, page, code_slug: str):
    """One action code's page (/plan/stw-4/), with what later layers add to it."""
    detail = action_code_detail(slug=code_slug)
    if detail is None:
        raise Http404("No action code with that name.")
    # Later layers add to the page through this hook (the feedback loop: indicators and
    # "you said, we did"), so that this layer never imports theirs.
    sections = [
        section(request, page, detail.action_code)
        for section in hooks.get_hooks("action_code_page_sections")
    ]
    return page.render(
        request,
        template="pages/action_code.html",
        context_overrides={
            "detail": detail,
            "action_code": detail.action_code,
            "sections": sections,
        },
    )


class FindingsColumn(Column):
    cell_template_name = "cms/reports/findings_cell.html"


class LanguageOfCareReportView(SpreadsheetSafeExportMixin, ReportView):
    """Live pages and snippets that use words the Language of Care asks us to change; its CSV and
    XLSX exports keep every cell from running as a formula."""

    page_title = "Language of Care"
    header_icon = "openquote"
    index_url_name = "cms_language_of_care_report"
    index_results_url_name = "cms_language_of_care_report_results"
    columns = [
        TitleColumn("title", label="Title", get_url=lambda row: row.edit_url),
        Column("kind", label="Type"),
        FindingsColumn("findings", label="Words to change"),
    ]
    list_export = ["title", "kind", "summary"]
    export_headings = {"title": "Title", "kind": "Type", "summary": "Words to change"}
    no_results_message = (
        "No live page or snippet uses words the Language of Care asks us to change."
    )

    def get_queryset(self):
        rows = language_of_care_report()
        finder = AdminURLFinder(self.request.user)
        for row in rows:
            row.edit_url = finder.get_edit_url(row.object)
        return rows

    def get_filename(self):
        return "language-of-care-report"
