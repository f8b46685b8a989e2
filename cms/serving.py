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

Reading the cache is a round trip to Redis, and a question page asked it thirteen times, a fifth of
its time. So a request reads the tree's version once (`tree_version`, remembered until the request
ends or the tree changes), and what is read under a version is also kept in this process's memory
(`kept`) until the version changes: a page then costs one look at Redis, not thirteen.
"""

import threading
import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.http.request import split_domain_port

from wagtail.models import Page, PageViewRestriction, Site

VERSION_KEY = "cms:tree-version"
NO_SITE = "none"


DAY = 60 * 60 * 24

# The version this thread's request read; None outside a request (then every call reads the
# cache, as a management command or a test between requests must).
_this_request = threading.local()


def request_began(**kwargs) -> None:
    """Receiver for `request_started`: the request reads the version afresh, once."""
    _this_request.active = True
    _this_request.version = None


def request_ended(**kwargs) -> None:
    """Receiver for `request_finished`."""
    _this_request.active = False
    _this_request.version = None


def tree_version() -> str:
    """A token that changes whenever the page tree or a site does: part of every cache key that
    holds something read from the tree. Read from the cache once a request."""
    version = getattr(_this_request, "version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    if getattr(_this_request, "active", False):
        _this_request.version = version
    return version


def _new_version() -> None:
    _this_request.version = None
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def forget(**kwargs) -> None:
    """Receiver for every signal that can change an address, a page's type or whether it is live.

    Bumped at once and again when the transaction commits, so a request that read the tree
    between the two cannot keep its old reading under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


# What this process has read under the current version: {"version": ..., "values": {...}}.
_kept = {"version": None, "values": {}}


def kept(name: str, read, *, in_cache: bool = True):
    """What `read()` gives, read once per version of the tree: from this process's memory while
    the version is the same, else from Django's cache (shared by every process; not with
    `in_cache=False`, for what is cheaper to read again than to unpickle, such as a page), else
    read. `name` says what it is, and everything it depends on besides the tree.

    What is kept is shared by every request in the process, so it must never be changed: a
    caller that needs to change it takes a copy."""
    global _kept
    version = tree_version()
    memory = _kept
    if memory["version"] != version:
        memory = _kept = {"version": version, "values": {}}
    try:
        return memory["values"][name]
    except KeyError:
        pass
    key = f"cms:kept:{version}:{name}"
    value = cache.get(key) if in_cache else None
    if value is None:
        value = read()
        if value is None:
            return None  # nothing to keep: read again next time
        if in_cache:
            cache.set(key, value, timeout=DAY)
    memory["values"][name] = value
    return value


def forget_on_page_save(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        forget()


def _routes(site: Site) -> tuple[str, dict[str, tuple[int, str]]]:
    """The site root's url_path, and each live page's address below it (like
    `surveys/your-voice/`) → (page id, "app_label.model")."""

    def read():
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
        return (root.url_path, routes)

    return kept(f"routes:{site.pk}", read)


NOT_FOUND = object()


def _page(pk: int, model_name: str):
    """The live page the map names, read once per version of the tree in each process; with
    what its model reads on every request (its `served_with`: a survey's cycle), which must
    then replace the tree's version when it changes too."""
    model = apps.get_model(model_name)
    related = getattr(model, "served_with", ())
    return kept(
        f"page:{pk}:{model_name}",
        lambda: model.objects.select_related(*related).filter(pk=pk).first(),
        in_cache=False,
    )


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
        page = _page(*found)
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
    name = f"site:{hostname}:{request.get_port()}"
    site = kept(name, lambda: Site._find_for_request(request) or NO_SITE)
    return None if site == NO_SITE else site


def any_view_restrictions() -> bool:
    """Whether any page has a view restriction (a password, a login, groups): kept in the cache
    under the tree's version, which saving or deleting a restriction replaces (cms.apps), as
    does any change to a page."""
    return kept("any-view-restriction", PageViewRestriction.objects.exists)


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
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        # Where Wagtail keeps the sites' root paths for making a page's URL in this request
        # (Page._get_site_root_paths); Wagtail reads them from the cache once a request.
        request._wagtail_cached_site_root_paths = kept("site-root-paths", Site.get_site_root_paths)
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
