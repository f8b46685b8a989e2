"""Demo-only help for the survey engine: an invitation to try the carers' evaluation with."""

from surveys import services
from surveys.models import SurveyPage


def demo_invitation_path() -> str:
    """A fresh invitation to the carers' evaluation, for trying it out in development: its path."""
    survey = SurveyPage.objects.get(slug="feeling-supported-carers")
    (new,) = services.make_invitations(survey=survey, cycle=survey.cycle, count=1)
    return survey.step_url("invitation", token=new.token)
