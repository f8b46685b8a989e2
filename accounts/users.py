"""Wagtail's user and group admin: staff, whose email address is their username, and their roles.

Administrators give a name, an email address and roles; there is no password field. Saving a new
user emails them an invitation to choose their password (accounts.invitations.invite_staff_member).
Every account or role made, changed or deleted here is written to the staff audit log.
"""

import logging
import smtplib

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups as group_views
from wagtail.users.views import users as user_views

from accounts.audit import record_staff_event
from accounts.invitations import invite_staff_member
from accounts.roles import role_names

User = get_user_model()
logger = logging.getLogger(__name__)


class EmailIsUsernameMixin:
    """The email address is the only name a person signs in with; keep `username` equal to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's forms expect a username field; it is filled from the email address.
        self.fields["username"].required = False
        self.fields["username"].widget = forms.HiddenInput()

    def separate_username_field(self):
        return False

    def _clean_username(self):
        return None  # clean_email checks the address is unique; it becomes the username

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("email"):
            cleaned_data["username"] = cleaned_data["email"]
        return cleaned_data

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if len(email) > User._meta.get_field("username").max_length:
            raise forms.ValidationError(_("This email address is too long to sign in with."))
        others = User._default_manager.exclude(pk=self.instance.pk)
        if (
            others.filter(email__iexact=email).exists()
            or others.filter(username__iexact=email).exists()
        ):
            raise forms.ValidationError(
                _("Someone already has an account with this email address.")
            )
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = user.email
        if user.pk is None:
            # They choose their own password from the invitation.
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
            forget_other_email_addresses(user)
        return user


def forget_other_email_addresses(user) -> None:
    """Stop an old address signing in once an administrator has changed someone's email."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()


class StaffUserCreationForm(EmailIsUsernameMixin, UserCreationForm):
    pass


class StaffUserEditForm(EmailIsUsernameMixin, UserEditForm):
    pass


class StaffUserCreateView(user_views.CreateView):
    success_message = _(
        "%(object)s has been added. We have emailed them a link to choose a password."
    )

    def save_instance(self):
        user = super().save_instance()
        try:
            invite_staff_member(request=self.request, user=user, invited_by=self.request.user)
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not email an invitation to a new member of staff")
            self.success_message = _(
                "%(object)s has been added, but the invitation email could not be sent. Ask "
                "them to choose “Forgotten your password?” on the sign-in page."
            )
        return user


class StaffUserEditView(user_views.EditView):
    def save_instance(self):
        user = super().save_instance()
        roles = ", ".join(role_names(user)) or "no role"
        superuser = " Full administrator (superuser)." if user.is_superuser else ""
        record_staff_event(
            action="account.changed",
            description=f"Account changed by {self.request.user.email}: roles {roles}.{superuser}",
            user=user,
        )
        return user


class StaffUserDeleteView(user_views.DeleteView):
    def delete_action(self):
        record_staff_event(
            action="account.deleted",
            description=f"Account deleted by {self.request.user.email}.",
            user=self.object,
        )
        return super().delete_action()


class StaffUserViewSet(user_views.UserViewSet):
    add_view_class = StaffUserCreateView
    edit_view_class = StaffUserEditView
    delete_view_class = StaffUserDeleteView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


# Roles are Django groups: what a role may do decides who reads what people told us.


def _record_role_event(request, group, verb: str) -> None:
    record_staff_event(
        action="role.changed",
        description=f"Role “{group.name}” {verb} by {request.user.email}.",
        user=request.user,
    )


class RoleCreateView(group_views.CreateView):
    def save_instance(self):
        group = super().save_instance()
        _record_role_event(self.request, group, "made")
        return group


class RoleEditView(group_views.EditView):
    def save_instance(self):
        group = super().save_instance()
        _record_role_event(self.request, group, "changed")
        return group


class RoleDeleteView(group_views.DeleteView):
    def delete_action(self):
        _record_role_event(self.request, self.object, "deleted")
        return super().delete_action()


class RoleViewSet(group_views.GroupViewSet):
    add_view_class = RoleCreateView
    edit_view_class = RoleEditView
    delete_view_class = RoleDeleteView
