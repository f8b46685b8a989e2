"""allauth's forms with messages that say what to do, in the words of the design system."""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.totp import forms as mfa_totp_forms

REQUIRED_MESSAGES = {
    "login": "Enter your email address",
    "email": "Enter the email address you sign in with",
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a new password",
    "password2": "Enter the new password again",
    "code": "Enter the 6-digit code from your authenticator app",
}


class ClearMessagesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in REQUIRED_MESSAGES:
                field.error_messages = {**field.error_messages, "required": REQUIRED_MESSAGES[name]}
            if name == "code":
                field.widget.attrs.update(inputmode="numeric", spellcheck="false")


class StaffLoginForm(ClearMessagesMixin, account_forms.LoginForm):
    pass


class StaffResetPasswordForm(ClearMessagesMixin, account_forms.ResetPasswordForm):
    pass


class StaffResetPasswordKeyForm(ClearMessagesMixin, account_forms.ResetPasswordKeyForm):
    pass


class StaffChangePasswordForm(ClearMessagesMixin, account_forms.ChangePasswordForm):
    pass


class StaffReauthenticateForm(ClearMessagesMixin, account_forms.ReauthenticateForm):
    pass


class StaffAuthenticateForm(ClearMessagesMixin, mfa_base_forms.AuthenticateForm):
    pass


class StaffMFAReauthenticateForm(ClearMessagesMixin, mfa_base_forms.ReauthenticateForm):
    pass


class StaffActivateTOTPForm(ClearMessagesMixin, mfa_totp_forms.ActivateTOTPForm):
    pass
