from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete


class SurveysConfig(AppConfig):
    """The survey engine: surveys, drafts, responses, answers and safeguarding flags."""

    name = "surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from django_tasks.signals import task_finished

        from surveys.models import SafeguardingFlag
        from surveys.models.safeguarding import refuse_to_delete_open_flags
        from surveys.tasks import forget_finished_safeguarding_email, tell_leads_about_new_flag

        pre_delete.connect(
            refuse_to_delete_open_flags, sender=SafeguardingFlag, dispatch_uid="keep-open-flags"
        )
        post_save.connect(
            tell_leads_about_new_flag, sender=SafeguardingFlag, dispatch_uid="tell-leads-new-flag"
        )
        task_finished.connect(
            forget_finished_safeguarding_email, dispatch_uid="forget-safeguarding-email-results"
        )
