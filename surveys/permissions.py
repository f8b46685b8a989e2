"""Who may see safeguarding flags: Safeguarding leads, and nobody else, whatever permissions
another group is given by mistake. Not superusers either, unless they join the group, which is
audited and told to the other leads (accounts.audit); see docs/roles.md."""

from django.contrib.auth import get_user_model

from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import SAFEGUARDING_LEADS


def is_safeguarding_lead(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not hasattr(user, "_is_safeguarding_lead"):
        user._is_safeguarding_lead = user.groups.filter(name=SAFEGUARDING_LEADS).exists()
    return user._is_safeguarding_lead


class SafeguardingLeadsOnly(ModelPermissionPolicy):
    """Flags can be looked at and moved on, never made or deleted by hand (retention deletes
    closed ones)."""

    actions = frozenset({"view", "change"})

    def user_has_permission(self, user, action):
        if action not in self.actions or not is_safeguarding_lead(user):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        user_model = get_user_model()
        if not self.actions & set(actions):
            return user_model.objects.none()
        return (
            super()
            .users_with_any_permission(actions)
            .filter(groups__name=SAFEGUARDING_LEADS)
            .distinct()
        )
