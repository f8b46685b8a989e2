from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in and 2-step verification (django-allauth), roles, staff sessions,
    invitations and the audit log of what staff do with people's data."""

    default = True  # this module also holds StaffUsersConfig
    name = "accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from accounts import audit, invitations

        # Sign-ins, failed sign-ins and changes to sign-in steps go to the audit log.
        audit.connect_signals()
        invitations.connect_signals()


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, where the email address is the username and new staff are invited;
    and its group admin, where every change to what a role may do is written to the audit log."""

    user_viewset = "accounts.users.StaffUserViewSet"
    group_viewset = "accounts.users.RoleViewSet"
