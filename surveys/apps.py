from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """The survey engine: surveys, drafts, responses, answers and safeguarding flags."""

    name = "surveys"
    label = "surveys"
    verbose_name = "Surveys"
