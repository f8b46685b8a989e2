from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The Promise plan, Language of Care content and the site-wide help contacts."""

    name = "cms"
    label = "cms"
    verbose_name = "Content and the Promise plan"
