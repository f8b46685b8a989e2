from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

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
