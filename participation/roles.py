"""What each staff role may do in the feedback loop, and the review workflow for entries.

Run by participation's migration, and by tests after a database flush. “You said, we did”
entries are written by the Participation Network and published only when one of them approves
the entry in the “Participation Network review” workflow: they can add and change entries but not
publish them directly. docs/roles.md is the table for people.
"""

from django.apps import apps as django_apps

from accounts.roles import ADMINISTRATORS, ANALYSTS, PARTICIPATION_NETWORK, grant_permissions

WORKFLOW_NAME = "Participation Network review"

RESULTS = ["participation.view_results", "participation.read_typed_answers"]
PERMISSIONS = {
    ANALYSTS: [
        *RESULTS,
        "participation.export_responses",
        "participation.view_feedbackentry",
        "participation.add_indicator",
        "participation.change_indicator",
        "participation.view_indicator",
    ],
    PARTICIPATION_NETWORK: [
        *RESULTS,
        "participation.add_feedbackentry",
        "participation.change_feedbackentry",
        "participation.view_feedbackentry",
        "participation.view_indicator",
    ],
    ADMINISTRATORS: [
        "participation.export_responses",
        "participation.publish_feedbackentry",
        "participation.delete_feedbackentry",
        "participation.delete_indicator",
    ],
}


def grant_feedback_loop_permissions(apps=None) -> None:
    """Give each role its feedback-loop permissions; safe to run again."""
    if apps is None:
        apps = django_apps
    for role, names in PERMISSIONS.items():
        grant_permissions(apps, role, names)


def make_review_workflow(apps=None) -> None:
    """The “Participation Network review” workflow for entries; made once, safe to run again."""
    if apps is None:
        apps = django_apps
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    entry_type, _ = ContentType.objects.get_or_create(
        app_label="participation", model="feedbackentry"
    )
    if WorkflowContentType.objects.filter(content_type=entry_type).exists():
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    network, _ = Group.objects.get_or_create(name=PARTICIPATION_NETWORK)
    task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    task.groups.set([network])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(content_type=entry_type, workflow=workflow)
