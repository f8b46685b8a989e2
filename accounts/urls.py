"""Where staff sign in: allauth's pages (with 2-step verification and rate limits) and ours."""

from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views

urlpatterns = [
    # Staff sign in through allauth's pages only, never through Wagtail's own sign-in form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("accounts/session/", views.staff_session, name="staff_session"),
    path("accounts/no-role/", views.no_role, name="staff_no_role"),
    # The email address is the username: only administrators change it, in the user admin.
    path("accounts/email/", views.not_found),
    path("accounts/", include("allauth.urls")),
]
