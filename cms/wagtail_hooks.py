"""The content layer in the Wagtail admin: the plan and the glossary as snippets, the Language of
Care warning on save and report, the staff audit log and the staff session notice."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.language_of_care import check_object
from cms.models import ActionCode, AllowedPhrase, Foundation, LanguageTerm, PriorityArea, StaffEvent
from cms.permission_policies import ReadOnlyPermissionPolicy
from cms.staff_sessions import staff_session_ends_at
from cms.views import LanguageOfCareReportView
from cms.viewsets import ReadOnlyModelViewSet

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


register_permission_policy(StaffEvent, ReadOnlyPermissionPolicy(StaffEvent))


class StaffEventViewSet(ReadOnlyModelViewSet):
    """The staff audit log, for Administrators: sign-ins, failures, 2-step changes, exports."""

    model = StaffEvent
    icon = "list-ul"
    menu_label = "Staff audit log"
    add_to_admin_menu = False
    url_prefix = "staff-audit-log"
    inspect_view_enabled = True  # so that "view" appears among a group's permissions
    copy_view_enabled = False
    form_fields = ["description"]  # never used: nobody can add or edit
    list_display = ["occurred_at", "account", "description", "action"]
    list_filter = ["action"]
    search_fields = ["account", "description"]
    list_per_page = 50


staff_event_viewset = StaffEventViewSet("staff_audit_log")


@hooks.register("register_admin_viewset")
def register_staff_event_viewset():
    return staff_event_viewset


@hooks.register("register_reports_menu_item")
def register_staff_audit_log_menu_item():
    class StaffAuditLogMenuItem(MenuItem):
        def is_shown(self, request):
            return staff_event_viewset.permission_policy.user_has_permission(request.user, "view")

    return StaffAuditLogMenuItem(
        "Staff audit log",
        reverse(staff_event_viewset.get_url_name("index")),
        name="staff-audit-log",
        icon_name="list-ul",
        order=900,
    )


@hooks.register("insert_global_admin_js")
def staff_session_notice_script():
    """Warn before the session times out, on every admin page (no inline script)."""
    return format_html(
        '<script src="{}" data-status-url="{}" defer></script>',
        static("js/staff_session.js"),
        reverse("staff_session"),
    )


@hooks.register("insert_global_admin_css")
def staff_session_notice_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("css/staff_admin.css"))


class StaffSessionPanel(Component):
    """The dashboard says when the session will end, even with JavaScript off."""

    name = "staff_session"
    order = 10

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
        ends_at = staff_session_ends_at(self.request)
        return format_html(
            '<section class="panel staff-session-panel" aria-labelledby="staff-session-heading">'
            '<h2 id="staff-session-heading" class="w-h3">Your session</h2>'
            "<p>For your security, you will be signed out after {} minutes without activity, "
            "and at {} at the latest. A message warns you {} minutes before.</p>"
            '<p><a href="{}">Change your password or 2-step verification</a></p>'
            "</section>",
            minutes,
            ends_at.strftime("%H:%M"),
            settings.STAFF_SESSION_WARNING_SECONDS // 60,
            reverse("mfa_index"),
        )


@hooks.register("construct_homepage_panels")
def add_staff_session_panel(request, panels):
    panels.append(StaffSessionPanel(request))


@hooks.register("register_account_menu_item")
def two_step_verification_account_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": "2-step verification",
        "help_text": "Your authenticator app and recovery codes.",
    }


@hooks.register("register_account_menu_item")
def change_password_account_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": "Change your password",
        "help_text": "You will need your current password.",
    }
