"""Serving pages without walking the page tree on every request.

Wagtail finds the page for an address by reading the site's root page, then each page on the way
down, one query (or two, with `.specific`) a level: five page queries for a survey's question
page, a third of its time. Here the site's live pages are kept in Django's cache (Redis in
production, so every worker shares it) as a map from address to page id and type; a request reads
the one page it is for, and the page's own `route` handles what follows (a routable page's
`question/<key>/`, or a child too new to be in the map).

The map is only a shortcut, never trusted: the page read must still be live, of the type and at
the address the map says, or the request is routed Wagtail's way. And any change to the tree (a
page published, unpublished, saved, moved or deleted, a site changed) gives the cache a new
version (`forget`, connected in cms.apps), so the next request in any process reads the new
tree. Everything else (view restrictions, the `before_serve_page` hooks, `serve` itself) is
Wagtail's own `wagtail.views.serve`; the site's page models only answer Wagtail's question "what
restricts this page?" without a query while no page has a restriction (`CachedViewRestrictions`).
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.http.request import split_domain_port

from wagtail.models import Page, PageViewRestriction, Site

VERSION_KEY = "cms:tree-version"
ROUTES_KEY = "cms:routes:{version}:{site_id}"
SITE_KEY = "cms:site:{version}:{hostname}:{port}"
NO_SITE = "none"
RESTRICTED_KEY = "cms:any-view-restriction:{version}"


def tree_version() -> str:
    """A token that changes whenever the page tree or a site does: part of every cache key that
    holds something read from the tree."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def forget(**kwargs) -> None:
    """Receiver for every signal that can change an address, a page's type or whether it is live.

    Bumped at once and again when the transaction commits, so a request that read the tree
    between the two cannot keep its old reading under the new version."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def forget_on_page_save(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        forget()


def _routes(site: Site) -> tuple[str, dict[str, tuple[int, str]]]:
    """The site root's url_path, and each live page's address below it (like
    `surveys/your-voice/`) → (page id, "app_label.model")."""
    key = ROUTES_KEY.format(version=tree_version(), site_id=site.pk)
    cached = cache.get(key)
    if cached is None:
        root = Page.objects.only("path", "depth", "url_path").get(pk=site.root_page_id)
        routes = {}
        rows = (
            Page.objects.live()
            .descendant_of(root, inclusive=True)
            .values_list("pk", "url_path", "content_type__app_label", "content_type__model")
        )
        for pk, url_path, app_label, model in rows:
            if url_path.startswith(root.url_path):
                routes[url_path[len(root.url_path) :]] = (pk, f"{app_label}.{model}")
        cached = (root.url_path, routes)
        cache.set(key, cached, timeout=60 * 60 * 24)
    return cached


NOT_FOUND = object()


def route_for_request(request, path: str):
    """What Wagtail's `Page.route_for_request` would give for `path` (page, args, kwargs), from
    one page query; NOT_FOUND for a 404; None when the map cannot say (Wagtail routes it)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_path, routes = _routes(site)
    components = [component for component in path.split("/") if component]
    # The longest address in the map that starts the path: the page itself, or the routable
    # page (or the parent) that handles the rest.
    for length in range(len(components), -1, -1):
        prefix = "".join(f"{component}/" for component in components[:length])
        found = routes.get(prefix)
        if found is None:
            continue
        pk, model_name = found
        model = apps.get_model(model_name)
        # What a page model reads on every request (its `served_with`: a survey's cycle), in
        # the same query.
        related = getattr(model, "served_with", ())
        page = model.objects.select_related(*related).filter(pk=pk).first()
        if page is None or not page.live or page.url_path != root_path + prefix:
            return None  # the map is out of date: Wagtail's way
        try:
            return page.route(request, components[length:])
        except Http404:
            return NOT_FOUND
    return None


def _site_for_request(request) -> Site | None:
    """Wagtail's `Site.find_for_request`, kept in the cache under the tree's version (a query
    with the root page joined, a fifth of a survey page's time otherwise). Only called once
    CommonMiddleware has checked the host against ALLOWED_HOSTS, so the keys are few."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = SITE_KEY.format(version=tree_version(), hostname=hostname, port=request.get_port())
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request) or NO_SITE
        cache.set(key, site, timeout=60 * 60 * 24)
    return None if site == NO_SITE else site


def any_view_restrictions() -> bool:
    """Whether any page has a view restriction (a password, a login, groups): kept in the cache
    under the tree's version, which saving or deleting a restriction replaces (cms.apps), as
    does any change to a page."""
    key = RESTRICTED_KEY.format(version=tree_version())
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, timeout=60 * 60 * 24)
    return found


class CachedViewRestrictions:
    """For a page model: Wagtail asks every page it serves for its view restrictions (its
    `on_serve_page` hook, `check_view_restrictions`), two queries, an eighth of a question
    page's time; while no page anywhere has one, the answer is known without them."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def serve(request, path):
    """Wagtail's `serve`, with the site and the page found from the cache when they can be."""
    from wagtail import views as wagtail_views  # loads models: not importable from cms.models

    if not hasattr(request, "_wagtail_site"):
        # Where Wagtail keeps a request's site (Site.find_for_request), for everything after.
        request._wagtail_site = _site_for_request(request)
    if not hasattr(request, "_wagtail_route_for_request"):
        found = route_for_request(request, path)
        if found is NOT_FOUND:
            request._wagtail_route_for_request = None
            raise Http404
        if found is not None:
            # Where Wagtail keeps a request's route (Page.route_for_request), so that anything
            # else asking for it (the CSRF failure view, Page.find_for_request) gets this one.
            request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)
