from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/site_navigation.html", takes_context=True)
def site_navigation(context):
    """The home page and the pages under it marked "show in menus", in the site's order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    root = site.root_page
    pages = [root, *root.get_children().live().in_menu().specific(defer=True)]
    items = []
    for page in pages:
        url = page.get_url(request=request)
        is_current = current is not None and current.pk == page.pk
        items.append(
            {
                "title": "Home" if page.pk == root.pk else page.title,
                "url": url,
                "current": is_current,
            }
        )
    return {"items": items}
