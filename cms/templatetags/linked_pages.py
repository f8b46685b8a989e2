from django import template

from wagtail.models import Site

from cms.models import LinkedPages

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_pages(context) -> dict[str, str]:
    """The addresses of the pages every page links to, by name (cms.models.LinkedPages): in a
    template, `{% linked_pages as linked %}` then `{{ linked.privacy_notice }}`. No query once
    cached; a page that is not chosen or not live has no address, so its link is left out."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return LinkedPages.urls_for_site(site.pk if site is not None else None)
