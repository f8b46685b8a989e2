"""Every admin URL that takes an id answers 404 when nothing has that id: never a 500, never a
page. Walked from the URLconf, so admin views added later are walked too."""

import re

import pytest

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from accounts.roles import SAFEGUARDING_LEADS

pytestmark = pytest.mark.django_db

MISSING_ID = "987654"
# Parameters that name a thing by its id; a URL with any other kind of parameter (a model name,
# an action, an image filter) is not about a missing id and is not walked here.
ID_PARAMETER = re.compile(r"^(pk|id|[a-z_]*_(id|pk))$")
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Two of Wagtail's own URLs answer otherwise, and show nothing either way.
WAGTAILS_OWN_ANSWERS = {
    # The beacon a browser sends as an editor leaves a page: 200 and an empty reply, any id.
    f"/admin/editing-sessions/release/{MISSING_ID}/": 200,
    # Form submissions (the site has no form pages): refused before the page is looked for.
    f"/admin/forms/submissions/{MISSING_ID}/delete/": "refused",
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue  # regular expressions: the revision comparisons, Wagtail's catch-all 404
        route = prefix + pattern.pattern._route
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def admin_urls_with_missing_ids() -> list[str]:
    urls = []
    for route in _routes(get_resolver().url_patterns):
        parameters = [match["name"] for match in PARAMETER.finditer(route)]
        if not route.startswith("admin/") or not parameters:
            continue
        if all(ID_PARAMETER.match(name) for name in parameters):
            urls.append("/" + PARAMETER.sub(MISSING_ID, route))
    return sorted(set(urls))


def test_the_walk_covers_the_projects_own_admin_views():
    urls = admin_urls_with_missing_ids()
    assert f"/admin/surveys/safeguarding-flags/edit/{MISSING_ID}/" in urls
    assert f"/admin/surveys/responses/edit/{MISSING_ID}/" in urls
    assert f"/admin/staff-audit-log/inspect/{MISSING_ID}/" in urls
    assert len(urls) > 100


def test_every_admin_url_with_a_missing_id_answers_404(client, home_page, make_staff):
    # Someone who may open everything, safeguarding flags included.
    client.force_login(make_staff(SAFEGUARDING_LEADS, superuser=True))
    client.raise_request_exception = False  # collect every 500, not only the first
    answers = {}
    for url in admin_urls_with_missing_ids():
        response = client.get(url, follow=True)
        if response.status_code == 405:  # a form's target: what it does with a missing id
            response = client.post(url, follow=True)
        if response.redirect_chain == [("/admin/", 302)]:
            answers[url] = "refused"
        elif response.status_code != 404:
            answers[url] = response.status_code
    assert answers == WAGTAILS_OWN_ANSWERS
