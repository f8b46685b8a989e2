"""The feedback loop in the Wagtail admin: “you said, we did” entries (with review before
publishing), indicators, the results dashboard and its exports; and what it adds to the plan's
action code pages; and its starter content."""

from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation import admin_views, selectors
from participation.models import FeedbackEntry, Indicator
from participation.starter import build_feedback_loop


class FeedbackEntryViewSet(SnippetViewSet):
    model = FeedbackEntry
    icon = "openquote"
    menu_label = "You said, we did"
    list_display = ["title", "status", "audience", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = {"status": ["exact"], "audience": ["exact"], "live": ["exact"]}
    search_fields = ["title", "what_you_said", "what_we_did"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return FeedbackEntry.objects.all()


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "doc-full"
    menu_label = "Indicators"
    list_display = ["__str__", "theme", "audience", "question_key"]
    list_filter = ["theme", "action_code__priority_area"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Indicator.objects.select_related("action_code")


class FeedbackLoopViewSetGroup(SnippetViewSetGroup):
    items = (FeedbackEntryViewSet, IndicatorViewSet)
    menu_label = "Feedback loop"
    menu_icon = "openquote"
    menu_order = 240


register_snippet(FeedbackLoopViewSetGroup)


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("results/", admin_views.ResultsView.as_view(), name="participation_results"),
        path(
            "results/across-years/",
            admin_views.QuestionAcrossCyclesView.as_view(),
            name="participation_question_across_cycles",
        ),
        path(
            "results/typed-answers/",
            admin_views.TypedAnswersView.as_view(),
            name="participation_typed_answers",
        ),
        path(
            "results/typed-answers/<int:answer_id>/use/",
            admin_views.StartEntryFromAnswerView.as_view(),
            name="participation_start_entry",
        ),
        path(
            "results/export/results.csv",
            admin_views.ResultsSummaryCSVView.as_view(),
            name="participation_export_results",
        ),
        path(
            "results/export/responses.csv",
            admin_views.RawResponsesCSVView.as_view(),
            name="participation_export_responses_csv",
        ),
        path(
            "results/export/responses.xlsx",
            admin_views.RawResponsesXLSXView.as_view(),
            name="participation_export_responses_xlsx",
        ),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_RESULTS)


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(
        "Results", reverse("participation_results"), icon_name="table", order=230
    )


@hooks.register("action_code_page_sections")
def indicators_and_entries(request, page, action_code) -> str:
    """On each action code's page: its indicators year on year, and its published entries."""
    return render_to_string(
        "participation/includes/action_code_feedback.html",
        {
            "trends": selectors.action_code_indicators(action_code=action_code),
            "entries": selectors.action_code_entries(action_code=action_code),
            "plan_page": page,
            "action_code": action_code,
        },
        request=request,
    )


@hooks.register("setup_site", order=20)
def set_up_feedback_loop(*, home, stdout):
    """Starter content for `manage.py setup_site`: “You said, we did”, after “Have your say”,
    and the indicators that measure the plan's targets (the plan is loaded first)."""
    page = build_feedback_loop(home=home)
    stdout.write(f"“{page.title}” ready at {page.url}")
    call_command("load_indicators", stdout=stdout)
