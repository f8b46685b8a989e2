"""The public survey URLs are open to everyone. The staff survey URLs are in the project's one
permission matrix, tests/test_permission_matrix.py."""

import pytest

from django.contrib.auth.models import Group

from accounts import roles

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"
EVERYONE = [ANONYMOUS, *roles.ALL_ROLES, SUPERUSER]

PUBLIC_URLS = [
    "/surveys/",
    "/surveys/resume/",
    "/surveys/your-voice-12-18/",
    "/surveys/your-voice-12-18/thank-you/",
]


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


@pytest.mark.parametrize("who", [ANONYMOUS, roles.ANALYSTS, SUPERUSER])
def test_public_survey_urls_are_open_to_everyone(signed_in, survey, who):
    client = signed_in(who)
    for path in PUBLIC_URLS:
        assert client.get(path).status_code == 200, (who, path)
