"""Staff accounts in the Wagtail admin: the staff audit log (Reports), the session notice and its
dashboard panel, and the account menu's links to 2-step verification and the password."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from accounts.models import StaffEvent
from accounts.permission_policies import ReadOnlyPermissionPolicy
from accounts.staff_sessions import staff_session_ends_at
from accounts.viewsets import ReadOnlyModelViewSet

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
