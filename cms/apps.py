from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

    name = "cms"
    label = "cms"
    verbose_name = "Content and the Promise plan"

    def ready(self):
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import serving
        from cms.language_of_care import forget_rules
        from cms.models import (
            AllowedPhrase,
            HelpSettings,
            LanguageTerm,
            LinkedPages,
        )

        # The checker caches the terms and allowed phrases; any change makes it read them again.
        for model in (LanguageTerm, AllowedPhrase):
            post_save.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-{model}")
            post_delete.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-d-{model}")

        # The map of addresses to pages (cms.serving) and what is kept with it (the pages, the
        # menu, the footer's links, the help contacts) take a new version on any change to the
        # tree, the sites, the help contacts, the footer's chosen pages or the pages' view
        # restrictions. A request reads the version once (cms.serving.request_began).
        request_started.connect(serving.request_began, dispatch_uid="tree-version-request-began")
        request_finished.connect(serving.request_ended, dispatch_uid="tree-version-request-ended")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(serving.forget, dispatch_uid=f"forget-tree-{signal}")
        post_save.connect(serving.forget_on_page_save, dispatch_uid="forget-tree-page-s")
        post_delete.connect(serving.forget_on_page_save, dispatch_uid="forget-tree-page-d")
        for model in (Site, HelpSettings, LinkedPages, PageViewRestriction):
            post_save.connect(serving.forget, sender=model, dispatch_uid=f"forget-tree-s-{model}")
            post_delete.connect(serving.forget, sender=model, dispatch_uid=f"forget-tree-d-{model}")
