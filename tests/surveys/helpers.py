"""Walking through a survey with Django's test client, as a person with a browser would."""

from surveys.models import Draft


def start(client, survey, answered_with="on_my_own"):
    response = client.post(survey.url, {"action": "start", "answered_with": answered_with})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def answer(client, survey, key, *values, action="next", **extra):
    data = {"action": action, **extra}
    if values:
        data[f"q-{key}"] = list(values)
    return client.post(f"{survey.url}question/{key}/", data)


def current_draft(client, survey) -> Draft:
    draft_id = client.session["survey_drafts"][str(survey.pk)]
    return Draft.objects.get(pk=draft_id)


def send(client, survey, **extra):
    draft = current_draft(client, survey)
    data = {"action": "send", "submission_id": str(draft.submission_id), "website": "", **extra}
    return client.post(f"{survey.url}check/", data), draft
