"""The content layer in the Wagtail admin: the plan and the glossary as snippets, the Language of
Care warning on save, and its report."""

from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.language_of_care import check_object
from cms.models import ActionCode, AllowedPhrase, Foundation, LanguageTerm, PriorityArea
from cms.views import LanguageOfCareReportView

MAX_FINDINGS_IN_MESSAGE = 8


class FoundationViewSet(SnippetViewSet):
    model = Foundation
    icon = "pick"
    menu_label = "Foundations"
    list_display = ["__str__", "child_friendly_description"]
    copy_view_enabled = False


class PriorityAreaViewSet(SnippetViewSet):
    model = PriorityArea
    icon = "folder-open-inverse"
    menu_label = "Priority areas"
    list_display = ["name", "prefix", "order"]
    copy_view_enabled = False


class ActionCodeViewSet(SnippetViewSet):
    model = ActionCode
    icon = "list-ol"
    menu_label = "Action codes"
    list_display = ["code", "outcome", "priority_area"]
    list_filter = ["priority_area", "foundations"]
    search_fields = ["code", "outcome"]
    list_per_page = 50
    copy_view_enabled = False

    def get_queryset(self, request):
        return ActionCode.objects.select_related("priority_area")


class PromisePlanViewSetGroup(SnippetViewSetGroup):
    items = (FoundationViewSet, PriorityAreaViewSet, ActionCodeViewSet)
    menu_label = "Promise plan"
    menu_icon = "list-ol"
    menu_order = 210


class LanguageTermViewSet(SnippetViewSet):
    model = LanguageTerm
    icon = "openquote"
    menu_label = "Terms"
    list_display = ["name", "preferred_words", LiveStatusTagColumn(), UpdatedAtColumn()]
    copy_view_enabled = False


class AllowedPhraseViewSet(SnippetViewSet):
    model = AllowedPhrase
    icon = "tick"
    menu_label = "Allowed phrases"
    list_display = ["phrase", "reason"]
    search_fields = ["phrase", "reason"]
    copy_view_enabled = False


class LanguageOfCareViewSetGroup(SnippetViewSetGroup):
    items = (LanguageTermViewSet, AllowedPhraseViewSet)
    menu_label = "Language of Care"
    menu_icon = "openquote"
    menu_order = 220


register_snippet(PromisePlanViewSetGroup)
register_snippet(LanguageOfCareViewSetGroup)


# --- The warning on save ----------------------------------------------------------------------


def warn_about_language(request, obj) -> None:
    """Tell the editor which words the Language of Care asks them to change. Never blocks."""
    if not request.accepts("text/html"):
        return  # the editor's autosave: the warning comes with the next real save
    findings = check_object(obj)
    if not findings:
        return
    shown = findings[:MAX_FINDINGS_IN_MESSAGE]
    items = format_html_join(
        "",
        "<li>“{}” in {}: say “{}” instead. <span>Where: “{}”</span></li>",
        (
            (item.finding.phrase, item.where, item.finding.preferred_words, item.finding.context)
            for item in shown
        ),
    )
    more = len(findings) - len(shown)
    messages.warning(
        request,
        format_html(
            "Language of Care: {} to think about. You can still publish.<ul>{}</ul>{}",
            "1 word" if len(findings) == 1 else f"{len(findings)} words",
            items,
            f"And {more} more: see the Language of Care report." if more > 0 else "",
        ),
        buttons=[
            messages.button(reverse("cms_language_of_care_report"), "Language of Care report")
        ],
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_page_language(request, page):
    warn_about_language(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_snippet_language(request, instance):
    warn_about_language(request, instance)


# --- The report -------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_language_of_care_report_urls():
    return [
        path(
            "reports/language-of-care/",
            LanguageOfCareReportView.as_view(),
            name="cms_language_of_care_report",
        ),
        path(
            "reports/language-of-care/results/",
            LanguageOfCareReportView.as_view(results_only=True),
            name="cms_language_of_care_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_language_of_care_report_menu_item():
    return MenuItem(
        "Language of Care",
        reverse("cms_language_of_care_report"),
        icon_name="openquote",
        order=700,
    )
