from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.selectors import MAX_QUERY_LENGTH, language_of_care_report, search_site
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
