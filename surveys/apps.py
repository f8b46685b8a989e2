from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class SurveysConfig(AppConfig):
    """The survey engine: surveys, drafts, responses, answers and safeguarding flags."""

    name = "surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from django_tasks.signals import task_finished

        from cms import serving
        from surveys.models import Cycle, SafeguardingFlag
        from surveys.models.safeguarding import refuse_to_delete_open_flags
        from surveys.tasks import forget_finished_safeguarding_email, tell_leads_about_new_flag

        pre_delete.connect(
            refuse_to_delete_open_flags, sender=SafeguardingFlag, dispatch_uid="keep-open-flags"
        )
        post_save.connect(
            tell_leads_about_new_flag, sender=SafeguardingFlag, dispatch_uid="tell-leads-new-flag"
        )
        # A survey page is kept with its cycle (its `served_with`, cms.serving): a cycle
        # changed or deleted gives the tree a new version, so its surveys are read again.
        post_save.connect(serving.forget, sender=Cycle, dispatch_uid="forget-tree-cycle-s")
        post_delete.connect(serving.forget, sender=Cycle, dispatch_uid="forget-tree-cycle-d")
        task_finished.connect(
            forget_finished_safeguarding_email, dispatch_uid="forget-safeguarding-email-results"
        )
