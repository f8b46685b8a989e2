from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

    default = True  # this module also holds StaffUsersConfig
    name = "cms"
    label = "cms"
    verbose_name = "Content and the Promise plan"

    def ready(self):
        # Staff sign-ins, failed sign-ins and changes to sign-in steps go to the audit log.
        from cms import accounts, audit

        audit.connect_signals()
        accounts.connect_signals()


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, where the email address is the username and new staff are invited."""

    user_viewset = "cms.users.StaffUserViewSet"
