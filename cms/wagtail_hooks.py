from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.models import StaffEvent
from cms.staff_sessions import staff_session_ends_at


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, changes or deletes audit lines in the admin, not even a superuser."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions, **kwargs):
        if "view" not in actions:
            return self.model._default_manager.none()
        return super().users_with_any_permission(["view"], **kwargs)


register_permission_policy(StaffEvent, ReadOnlyPermissionPolicy(StaffEvent))


class StaffEventViewSet(ModelViewSet):
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
