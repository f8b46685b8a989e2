from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """The feedback loop: "you said, we did", indicators against the plan, results."""

    name = "participation"
    label = "participation"
    verbose_name = "Participation and feedback"
