"""What happens when a workflow is approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`)."""


def publish_when_approved(workflow_state, user=None) -> None:
    """Publish what was approved. Approving is the permission: the reviewers named in a
    workflow's tasks (the Participation Network, for “you said, we did”) publish by approving,
    without being able to publish anything directly."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
