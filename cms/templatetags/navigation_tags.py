from django import template
from django.urls import reverse

from wagtail.models import Site

from cms.serving import kept

register = template.Library()


def _menu_pages(site, request) -> list[tuple[int, str, str]]:
    """(id, title, address) of the home page and the live pages under it shown in menus: kept in
    the cache under the tree's version (cms.serving), so a change to the tree shows at once."""

    def read():
        root = site.root_page
        return [
            (page.pk, "Home" if page.pk == root.pk else page.title, page.get_url(request=request))
            for page in [root, *root.get_children().live().in_menu().specific(defer=True)]
        ]

    return kept(f"menu:{site.pk}", read)


@register.inclusion_tag("components/site_navigation.html", takes_context=True)
def site_navigation(context):
    """The home page and the pages under it marked "show in menus", in the site's order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    items = [
        {"title": title, "url": url, "current": current is not None and current.pk == pk}
        for pk, title, url in _menu_pages(site, request)
    ]
    search_url = reverse("search")
    items.append(
        {
            "title": "Search",
            "url": search_url,
            "current": request is not None and request.path == search_url,
        }
    )
    return {"items": items}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current_title=None):
    """Home, the pages above this one, then where the reader is now (not a link).

    `current_title` names a place below the page itself, such as an action code on the plan page:
    the page then becomes a link above it.
    """
    request = context.get("request")
    page = context.get("page")
    items = []
    if page is not None:
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            title = "Home" if ancestor.depth == 2 else ancestor.title
            items.append({"title": title, "url": ancestor.get_url(request=request)})
        if current_title:
            items.append({"title": page.title, "url": page.get_url(request=request)})
    else:
        items.append({"title": "Home", "url": "/"})
    current = current_title or (page.title if page is not None else "")
    return {"items": items, "current": current}
