from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

    name = "cms"
    label = "cms"
    verbose_name = "Content and the Promise plan"

    def ready(self):
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import serving
        from cms.language_of_care import forget_rules
        from cms.models import (
            AllowedPhrase,
            HelpSettings,
            LanguageTerm,
            LinkedPages,
            forget_linked_pages,
        )

        # The checker caches the terms and allowed phrases; any change makes it read them again.
        for model in (LanguageTerm, AllowedPhrase):
            post_save.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-{model}")
            post_delete.connect(forget_rules, sender=model, dispatch_uid=f"forget-rules-d-{model}")

        # The footer's links are cached: any change to where a page is, or whether it is live,
        # or to which pages are chosen, makes the next page read them again.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_linked_pages, dispatch_uid=f"forget-linked-pages-{signal}")
        post_delete.connect(forget_linked_pages, sender=Page, dispatch_uid="forget-linked-pages-d")
        post_save.connect(
            forget_linked_pages, sender=LinkedPages, dispatch_uid="forget-linked-pages-s"
        )

        # The map of addresses to pages (cms.serving) and what is cached with it (the menu)
        # take a new version on any change to the tree, the sites, the help contacts or the
        # pages' view restrictions.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(serving.forget, dispatch_uid=f"forget-tree-{signal}")
        post_save.connect(serving.forget_on_page_save, dispatch_uid="forget-tree-page-s")
        post_delete.connect(serving.forget_on_page_save, dispatch_uid="forget-tree-page-d")
        for model in (Site, HelpSettings, PageViewRestriction):
            post_save.connect(serving.forget, sender=model, dispatch_uid=f"forget-tree-s-{model}")
            post_delete.connect(serving.forget, sender=model, dispatch_uid=f"forget-tree-d-{model}")
