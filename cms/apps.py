from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

    default = True  # this module also holds StaffUsersConfig
    name = "cms"
    label = "cms"
    verbose_name = "Content and the Promise plan"

    def ready(self):
        from cms.language_of_care import forget_rules
        from cms.models import AllowedPhrase, LanguageTerm

        # The checker caches the terms and allowed phrases; any change makes it read them again.
        for model in (LanguageTerm, AllowedPhrase):
            post_save.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-{model}")
            post_delete.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-d-{model}")

        # Staff sign-ins, failed sign-ins and changes to sign-in steps go to the audit log.
        from cms import accounts, audit

        audit.connect_signals()
        accounts.connect_signals()


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, where the email address is the username and new staff are invited."""

    user_viewset = "cms.users.StaffUserViewSet"
