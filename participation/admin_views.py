"""The results dashboard in the Wagtail admin: results per survey theme, cycle and group, one
question across cycles, typed answers for the roles allowed to read them, and the exports.

Everyone here has 2-step verification (the roles that can open these views need it). Every
number shown or exported goes through the suppression in `participation.selectors`, except the
raw responses export for Analysts; every export is written to the staff audit log.
"""

import csv
import tempfile
from urllib.parse import urlencode

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.audit import record_staff_event
from cms.spreadsheets import spreadsheet_row
from participation import selectors, services
from surveys.models import AgeBand, Answer, Audience, CarerRole, Cycle, Theme

TYPED_ANSWERS_PER_PAGE = 25
VIEW_RESULTS = "participation.view_results"
READ_TYPED_ANSWERS = "participation.read_typed_answers"
EXPORT_RESPONSES = "participation.export_responses"


class ResultsFilterForm(forms.Form):
    theme = forms.ChoiceField(choices=Theme.choices, label="Survey")
    cycle = forms.ModelChoiceField(
        queryset=Cycle.objects.order_by("-starts_on"), empty_label=None, label="Year"
    )
    audience = forms.ChoiceField(
        choices=[("", "Everyone"), *Audience.choices], required=False, label="Who answered"
    )
    age_band = forms.ChoiceField(
        choices=[("", "Any age"), *AgeBand.choices], required=False, label="Age band"
    )
    role = forms.ChoiceField(
        choices=[("", "Any kind of carer"), *[c for c in CarerRole.choices if c[0]]],
        required=False,
        label="Kind of carer",
    )

    def results_filter(self) -> selectors.ResultsFilter:
        data = self.cleaned_data
        return selectors.ResultsFilter(
            theme=data["theme"],
            cycle=data["cycle"],
            audience=data["audience"],
            age_band=data["age_band"],
            role=data["role"],
        )


def _filter_form(request) -> ResultsFilterForm:
    """The filter from the query string, or the latest cycle's first theme to start with."""
    if "theme" in request.GET:
        return ResultsFilterForm(request.GET)
    cycle = selectors.current_cycle()
    return ResultsFilterForm({"theme": Theme.VOICE, "cycle": cycle.pk if cycle else ""})


class NeedsPermission:
    """Refuse with 403 unless the user has `permission_required` (a "app_label.codename")."""

    permission_required = VIEW_RESULTS

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != ResultsView.page_title:
            items.append({"url": reverse("participation_results"), "label": "Survey results"})
        return [*items, {"url": "", "label": self.page_title}]


class ResultsView(NeedsPermission, WagtailAdminTemplateMixin, TemplateView):
    """Every question's answers for one survey theme, cycle and group, small numbers hidden."""

    template_name = "participation/admin/results.html"
    page_title = "Survey results"
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = _filter_form(self.request)
        context["form"] = form
        if form.is_valid():
            results = selectors.survey_results(results_filter=form.results_filter())
            query = urlencode({name: value for name, value in form.data.items() if value})
            context.update(
                results=results,
                query=query,
                can_read_typed=self.request.user.has_perm(READ_TYPED_ANSWERS),
                can_export_raw=self.request.user.has_perm(EXPORT_RESPONSES),
            )
        return context


class QuestionAcrossCyclesView(NeedsPermission, WagtailAdminTemplateMixin, TemplateView):
    """One question, matched by its key, side by side in every cycle."""

    template_name = "participation/admin/question_across_cycles.html"
    page_title = "One question across the years"
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.request.GET.get("theme", "")
        key = self.request.GET.get("key", "")[:50]
        if theme not in Theme.values or not key:
            raise Http404("Choose a survey and a question")
        audience = self.request.GET.get("audience", "")
        age_band = self.request.GET.get("age_band", "")
        role = self.request.GET.get("role", "")
        if audience not in ["", *Audience.values] or age_band not in ["", *AgeBand.values]:
            raise Http404("No such group")
        if role not in CarerRole.values:
            raise Http404("No such group")
        years = selectors.question_across_cycles(
            theme=theme, key=key, audience=audience, age_band=age_band, role=role
        )
        values = []
        for _, result in years:
            for row in result.choices:
                if row.choice.value not in [v.value for v in values]:
                    values.append(row.choice)
        table = [
            (
                choice,
                [
                    next((r.count for r in result.choices if r.choice.value == choice.value), None)
                    for _, result in years
                ],
            )
            for choice in values
        ]
        context.update(
            years=years,
            table=table,
            question=years[-1][1].question if years else None,
            key=key,
            theme_label=Theme(theme).label,
            back_url=reverse("participation_results") + "?" + self.request.GET.urlencode(),
        )
        return context


class TypedAnswersView(NeedsPermission, WagtailAdminTemplateMixin, TemplateView):
    """What people wrote, for the roles allowed to read it: never in the order it was sent."""

    permission_required = READ_TYPED_ANSWERS
    template_name = "participation/admin/typed_answers.html"
    page_title = "What people wrote"
    header_icon = "openquote"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = _filter_form(self.request)
        key = self.request.GET.get("key", "")[:50]
        context.update(form=form, key=key)
        if form.is_valid():
            results_filter = form.results_filter()
            answers = selectors.typed_answers(results_filter=results_filter, key=key)
            page = Paginator(answers, TYPED_ANSWERS_PER_PAGE).get_page(self.request.GET.get("page"))
            record_staff_event(
                action="results.typed-answers-read",
                description=f"Read typed answers: {results_filter.description}"
                + (f", question “{key}”" if key else "")
                + f" (page {page.number}).",
                user=self.request.user,
            )
            query = self.request.GET.copy()
            query.pop("page", None)
            context.update(
                answers=page,
                filter_description=results_filter.description,
                query=query.urlencode(),
                can_start_entry=self.request.user.has_perm("participation.add_feedbackentry"),
            )
        return context


class StartEntryFromAnswerView(NeedsPermission, View):
    """“Use in a you-said entry”: a draft entry holding the answer, opened for editing."""

    permission_required = "participation.add_feedbackentry"
    http_method_names = ["post"]

    def post(self, request, answer_id):
        if not request.user.has_perm(READ_TYPED_ANSWERS):
            raise PermissionDenied
        answer = get_object_or_404(
            Answer.objects.select_related("response__cycle").exclude(text=""), pk=answer_id
        )
        entry = services.start_entry_from_answer(answer=answer, user=request.user)
        messages.success(
            request,
            "A draft entry has been started with what this person wrote. Shorten it, take out "
            "anything that could tell who they are, say what we did, then send it for review.",
        )
        return redirect(AdminURLFinder(request.user).get_edit_url(entry))


# --- Exports ----------------------------------------------------------------------------------


class _Echo:
    """A file that hands back what is written to it, for streaming CSV rows."""

    def write(self, value):
        return value


def _attachment_name(results_filter: selectors.ResultsFilter, what: str, extension: str) -> str:
    return (
        f"{what}-{results_filter.theme}-{results_filter.cycle.name}-"
        f"{timezone.localdate():%Y-%m-%d}.{extension}"
    ).replace("–", "-")


class _ExportView(NeedsPermission, View):
    http_method_names = ["get"]

    def filter_or_404(self, request) -> selectors.ResultsFilter:
        form = ResultsFilterForm(request.GET)
        if not form.is_valid():
            raise Http404("Choose a survey and a year to export")
        return form.results_filter()


class ResultsSummaryCSVView(_ExportView):
    """The dashboard's numbers as a CSV, small numbers hidden exactly as on the screen."""

    def get(self, request):
        results_filter = self.filter_or_404(request)
        results = selectors.survey_results(results_filter=results_filter)
        rows = [["question key", "question", "answer", "people", "share"]]
        rows.append(["", "Responses", "", results.responses.label, ""])
        for result in results.questions:
            rows.append(
                [result.question.key, result.question.text, "(answered)", result.answered.label, ""]
            )
            for choice in result.choices:
                rows.append(
                    [
                        result.question.key,
                        result.question.text,
                        choice.choice.label,
                        choice.count.label,
                        choice.count.percentage_label,
                    ]
                )
        services.record_export(
            user=request.user,
            what=f"the results summary (small numbers hidden): {results_filter.description}",
        )
        writer = csv.writer(_Echo())
        lines = [writer.writerow(spreadsheet_row(row)) for row in rows]
        response = StreamingHttpResponse(
            ["\ufeff", *lines],  # the mark tells spreadsheet programs the file is UTF-8
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{_attachment_name(results_filter, "results", "csv")}"'
        )
        response["Cache-Control"] = "no-store"
        return response


class RawResponsesCSVView(_ExportView):
    """Every response of a group, one row each, streamed: memory does not grow with the rows.
    For Analysts only; logged."""

    permission_required = EXPORT_RESPONSES

    def get(self, request):
        results_filter = self.filter_or_404(request)
        keys = selectors.raw_response_columns(results_filter=results_filter)
        count = results_filter.responses().count()
        services.record_export(
            user=request.user,
            what=f"raw responses as CSV: {results_filter.description}",
            rows=count,
        )
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff" + writer.writerow([*selectors.RAW_FIXED_COLUMNS, *keys])
            for row in selectors.raw_response_rows(results_filter=results_filter, keys=keys):
                yield writer.writerow(spreadsheet_row(row))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{_attachment_name(results_filter, "responses", "csv")}"'
        )
        response["Cache-Control"] = "no-store"
        return response


class RawResponsesXLSXView(_ExportView):
    """The raw responses as a spreadsheet, written a row at a time to a temporary file. For
    Analysts only; logged."""

    permission_required = EXPORT_RESPONSES

    def get(self, request):
        results_filter = self.filter_or_404(request)
        keys = selectors.raw_response_columns(results_filter=results_filter)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Responses")
        sheet.append([*selectors.RAW_FIXED_COLUMNS, *keys])
        count = 0
        for row in selectors.raw_response_rows(results_filter=results_filter, keys=keys):
            cells = []
            for value in spreadsheet_row(row):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                cells.append(cell)
            sheet.append(cells)
            count += 1
        output = tempfile.TemporaryFile()
        workbook.save(output)
        output.seek(0)
        services.record_export(
            user=request.user,
            what=f"raw responses as XLSX: {results_filter.description}",
            rows=count,
        )
        response = FileResponse(
            output,
            as_attachment=True,
            filename=_attachment_name(results_filter, "responses", "xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Cache-Control"] = "no-store"
        return response
