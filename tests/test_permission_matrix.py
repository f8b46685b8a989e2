"""Every admin and staff URL the project adds, requested as anonymous and as each role.

Each answer is one of: allowed (200), sign in (sent to the sign-in page), set up 2-step (sent to
set up 2-step verification) or forbidden (Wagtail's "no permission" redirect to the dashboard, or
403). Later issues append their URLs to STAFF_URLS, saying which roles may open them.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from django.urls import reverse

from wagtail.models import Site

from accounts.roles import (
    ADMINISTRATORS,
    ALL_ROLES,
    ANALYSTS,
    EDITORS,
    PARTICIPATION_NETWORK,
    ROLES_REQUIRING_MFA,
    SAFEGUARDING_LEADS,
    SURVEY_MANAGERS,
)

pytestmark = pytest.mark.django_db

ALLOWED = "allowed"
SIGN_IN = "sign in"
SET_UP_TWO_STEP = "set up 2-step"
FORBIDDEN = "forbidden"
NO_ROLE_PAGE = "told they have no role"
SUPERUSER = "superuser"
NO_ROLE = "no role"
EVERY_ROLE = frozenset(ALL_ROLES)
CONTENT = frozenset({EDITORS, ADMINISTRATORS})
SURVEY_ADMIN = frozenset({SURVEY_MANAGERS, ADMINISTRATORS})
SAFEGUARDING_ONLY = frozenset({SAFEGUARDING_LEADS})
RESULTS = frozenset({ANALYSTS, PARTICIPATION_NETWORK, ADMINISTRATORS})


@dataclass(frozen=True)
class StaffURL:
    name: str
    path: str | Callable[[dict], str]
    allowed: frozenset[str]
    # Superusers may open it without being in a role that may (not so for safeguarding flags).
    superusers: bool = True

    def resolve(self, context: dict) -> str:
        return self.path(context) if callable(self.path) else self.path


# Who may open each staff URL. Superusers may open all but the safeguarding flags (docs/roles.md).
# Append, don't reorder.
STAFF_URLS = [
    StaffURL("dashboard", "/admin/", EVERY_ROLE),
    StaffURL("account settings", "/admin/account/", EVERY_ROLE),
    StaffURL("page explorer", lambda c: f"/admin/pages/{c['home'].pk}/", CONTENT),
    StaffURL("edit a page", lambda c: f"/admin/pages/{c['home'].pk}/edit/", CONTENT),
    StaffURL("images", "/admin/images/", CONTENT),
    StaffURL("documents", "/admin/documents/", CONTENT),
    StaffURL(
        "help contacts", lambda c: f"/admin/settings/cms/helpsettings/{c['site'].pk}/", CONTENT
    ),  # noqa: E501
    StaffURL("redirects", "/admin/redirects/", CONTENT),
    StaffURL("users", "/admin/users/", frozenset({ADMINISTRATORS})),
    StaffURL("add a user", "/admin/users/new/", frozenset({ADMINISTRATORS})),
    StaffURL("groups", "/admin/groups/", frozenset({ADMINISTRATORS})),
    StaffURL("staff audit log", "/admin/staff-audit-log/", frozenset({ADMINISTRATORS})),
    # Outside /admin/: the pages where staff manage their own sign-in. Everyone signed in may
    # open them, including someone who has still to set up 2-step verification.
    StaffURL("2-step verification", "/accounts/2fa/", EVERY_ROLE),
    StaffURL("set up an authenticator app", "/accounts/2fa/totp/activate/", EVERY_ROLE),
    StaffURL("change password", "/accounts/password/change/", EVERY_ROLE),
    # The survey engine (surveys issue).
    StaffURL("responses", "/admin/surveys/responses/", frozenset({ANALYSTS, ADMINISTRATORS})),
    StaffURL("invitations", "/admin/surveys/invitations/", SURVEY_ADMIN),
    StaffURL("make invitations", "/admin/surveys/invitations/new/", SURVEY_ADMIN),
    StaffURL("cycles", "/admin/surveys/cycles/", frozenset({*SURVEY_ADMIN, ANALYSTS})),
    StaffURL("add a cycle", "/admin/surveys/cycles/new/", SURVEY_ADMIN),
    StaffURL(
        "safeguarding words",
        "/admin/surveys/safeguarding-words/",
        frozenset({SAFEGUARDING_LEADS, ADMINISTRATORS}),
    ),
    # Flagged answers are for Safeguarding leads alone: not Administrators, not even superusers
    # unless they are in the group too (joining it is audited, and the other leads are told).
    StaffURL(
        "safeguarding flags",
        "/admin/surveys/safeguarding-flags/",
        SAFEGUARDING_ONLY,
        superusers=False,
    ),
    StaffURL(
        "a safeguarding flag",
        lambda c: f"/admin/surveys/safeguarding-flags/edit/{c['flag'].pk}/",
        SAFEGUARDING_ONLY,
        superusers=False,
    ),
    # The feedback loop (participation issue): results for those who turn them into action.
    StaffURL("results", "/admin/results/", RESULTS),
    StaffURL("results filtered", lambda c: f"/admin/results/?{c['results_query']}", RESULTS),
    StaffURL(
        "one question across years",
        "/admin/results/across-years/?theme=feeling_supported&key=feel-supported",
        RESULTS,
    ),
    StaffURL(
        "typed answers", lambda c: f"/admin/results/typed-answers/?{c['results_query']}", RESULTS
    ),
    StaffURL(
        "results CSV (suppressed)",
        lambda c: f"/admin/results/export/results.csv?{c['results_query']}",
        RESULTS,
    ),
    StaffURL(
        "raw responses CSV",
        lambda c: f"/admin/results/export/responses.csv?{c['results_query']}",
        frozenset({ANALYSTS, ADMINISTRATORS}),
    ),
    StaffURL(
        "raw responses XLSX",
        lambda c: f"/admin/results/export/responses.xlsx?{c['results_query']}",
        frozenset({ANALYSTS, ADMINISTRATORS}),
    ),
    StaffURL("you said, we did entries", "/admin/snippets/participation/feedbackentry/", RESULTS),
    StaffURL(
        "add a you said, we did entry",
        "/admin/snippets/participation/feedbackentry/add/",
        frozenset({PARTICIPATION_NETWORK, ADMINISTRATORS}),
    ),
    StaffURL("indicators", "/admin/snippets/participation/indicator/", RESULTS),
    StaffURL(
        "add an indicator",
        "/admin/snippets/participation/indicator/add/",
        frozenset({ANALYSTS, ADMINISTRATORS}),
    ),
]

# URLs under a staff path prefix need 2-step verification for roles in ROLES_REQUIRING_MFA.
STAFF_PREFIXES = ("/admin/",)


def outcome(response) -> str:
    if response.status_code == 200:
        return ALLOWED
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 302:
        location = response["Location"]
        # Some Wagtail views send people to its own sign-in URL, which sends them on to ours.
        if location.startswith((reverse("account_login"), "/admin/login/")):
            return SIGN_IN
        if location.startswith(reverse("mfa_activate_totp")):
            return SET_UP_TWO_STEP
        if location == reverse("staff_no_role"):
            return NO_ROLE_PAGE
        if location.startswith(reverse("wagtailadmin_home")):
            return FORBIDDEN
        # Someone who already has an authenticator app is sent on from the setup page; anyone
        # setting one up first confirms their password (the test client signs in without one).
        if location.startswith((reverse("mfa_deactivate_totp"), reverse("account_reauthenticate"))):
            return ALLOWED
    return f"unexpected {response.status_code} {response.get('Location', '')}"


def expected(principal: str, two_step: bool, url: StaffURL, path: str) -> str:
    if principal == "anonymous":
        return SIGN_IN
    if principal == NO_ROLE:
        # Signed in, but in no role yet: the admin says so, their own sign-in pages still open.
        return NO_ROLE_PAGE if path.startswith(STAFF_PREFIXES) else ALLOWED
    needs_two_step = principal == SUPERUSER or principal in ROLES_REQUIRING_MFA
    if needs_two_step and not two_step and path.startswith(STAFF_PREFIXES):
        return SET_UP_TWO_STEP
    if (principal == SUPERUSER and url.superusers) or principal in url.allowed:
        return ALLOWED
    return FORBIDDEN


PRINCIPALS = [
    ("anonymous", False),
    (NO_ROLE, False),
    *((role, True) for role in ALL_ROLES),
    *((role, False) for role in ALL_ROLES),
    (SUPERUSER, True),
    (SUPERUSER, False),
]


@pytest.mark.parametrize(
    ("principal", "two_step"),
    PRINCIPALS,
    ids=[
        p if p in {"anonymous", NO_ROLE} else f"{p} {'with' if t else 'no'} 2-step"
        for p, t in PRINCIPALS
    ],
)
def test_every_staff_url_answers_each_role_as_it_should(
    client, home_page, make_staff, safeguarding_flag, principal, two_step
):
    if principal == SUPERUSER:
        client.force_login(make_staff(superuser=True, two_step=two_step))
    elif principal == NO_ROLE:
        client.force_login(make_staff(None, two_step=two_step))
    elif principal != "anonymous":
        client.force_login(make_staff(principal, two_step=two_step))
    context = {
        "home": home_page,
        "site": Site.objects.get(is_default_site=True),
        "flag": safeguarding_flag,
        "results_query": f"theme=voice&cycle={safeguarding_flag.response.cycle_id}",
    }

    answers, wanted = {}, {}
    for url in STAFF_URLS:
        path = url.resolve(context)
        response = client.get(path)
        answers[url.name] = outcome(response)
        wanted[url.name] = expected(principal, two_step, url, path)
        if answers[url.name] != ALLOWED:
            assert SAFEGUARDING_ANSWER not in response.content.decode(), (principal, path)
    assert answers == wanted


SAFEGUARDING_ANSWER = "I am not safe at home"


@pytest.fixture
def safeguarding_flag(home_page):
    """A flagged answer, so the flag pages have something to show (or to keep from view)."""
    import uuid

    from surveys.models import SafeguardingFlag
    from surveys.services import submit_response
    from tests.surveys.factories import SurveyIndexPageFactory, SurveyPageFactory

    survey = SurveyPageFactory(parent=SurveyIndexPageFactory(parent=home_page))
    response = submit_response(
        survey=survey, answers={"anything-else": [SAFEGUARDING_ANSWER]}, submission_id=uuid.uuid4()
    ).response
    return SafeguardingFlag.objects.get(response=response)


def test_the_roles_that_need_two_step_are_those_that_see_answers():
    assert {ANALYSTS, PARTICIPATION_NETWORK, SAFEGUARDING_LEADS, ADMINISTRATORS} == set(
        ROLES_REQUIRING_MFA
    )
    assert not {SURVEY_MANAGERS, EDITORS} & ROLES_REQUIRING_MFA
