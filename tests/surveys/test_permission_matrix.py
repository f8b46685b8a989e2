"""Every survey URL, for every role: who gets in, and who is turned away."""

import pytest

from django.contrib.auth.models import Group

from cms import roles

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"
EVERYONE = [ANONYMOUS, *roles.ALL_ROLES, SUPERUSER]

# path (with {flag} for a flag's id) -> who may open it
ADMIN_URLS = {
    "/admin/surveys/responses/": {roles.SURVEY_MANAGERS, roles.ANALYSTS, roles.ADMINISTRATORS},
    "/admin/surveys/invitations/": {roles.SURVEY_MANAGERS, roles.ADMINISTRATORS},
    "/admin/surveys/invitations/new/": {roles.SURVEY_MANAGERS, roles.ADMINISTRATORS},
    "/admin/surveys/cycles/": {roles.SURVEY_MANAGERS, roles.ANALYSTS, roles.ADMINISTRATORS},
    "/admin/surveys/cycles/new/": {roles.SURVEY_MANAGERS, roles.ADMINISTRATORS},
    "/admin/surveys/safeguarding-words/": {roles.SAFEGUARDING_LEADS, roles.ADMINISTRATORS},
    "/admin/surveys/safeguarding-flags/": {roles.SAFEGUARDING_LEADS},
    "/admin/surveys/safeguarding-flags/edit/{flag}/": {roles.SAFEGUARDING_LEADS},
}

PUBLIC_URLS = [
    "/surveys/",
    "/surveys/resume/",
    "/surveys/your-voice-12-18/",
    "/surveys/your-voice-12-18/thank-you/",
]


@pytest.fixture
def flag(survey):
    import uuid

    from surveys.models import SafeguardingFlag
    from surveys.services import submit_response

    response = submit_response(
        survey=survey, answers={"anything-else": ["not safe"]}, submission_id=uuid.uuid4()
    ).response
    return SafeguardingFlag.objects.get(response=response)


@pytest.fixture
def signed_in(client, staff_client):
    def sign_in(who):
        if who == ANONYMOUS:
            return client
        if who == SUPERUSER:
            return staff_client(None)
        Group.objects.get_or_create(name=who)
        return staff_client(who)

    return sign_in


@pytest.mark.parametrize("who", EVERYONE)
def test_admin_survey_urls(signed_in, flag, who):
    client = signed_in(who)
    for path, allowed_roles in ADMIN_URLS.items():
        response = client.get(path.format(flag=flag.pk))
        if who == SUPERUSER or who in allowed_roles:
            assert response.status_code == 200, (who, path)
        elif who == ANONYMOUS:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            # Turned away: a permission error, or back to the admin home or sign-in page.
            assert response.status_code in (302, 403), (who, path, response.status_code)
            assert "not safe" not in response.content.decode()


@pytest.mark.parametrize("who", [ANONYMOUS, roles.ANALYSTS, SUPERUSER])
def test_public_survey_urls_are_open_to_everyone(signed_in, survey, who):
    client = signed_in(who)
    for path in PUBLIC_URLS:
        assert client.get(path).status_code == 200, (who, path)
