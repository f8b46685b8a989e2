"""Permission policies shared by the apps' admin views."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, changes or deletes these in the admin, not even a superuser: they are records
    (the staff audit log, survey responses), looked at and never edited by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions, **kwargs):
        if "view" not in actions:
            return self.model._default_manager.none()
        return super().users_with_any_permission(["view"], **kwargs)
