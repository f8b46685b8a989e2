from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Staff sign in through allauth's pages only (with 2-step verification and rate limits),
    # never through Wagtail's own sign-in form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("accounts/session/", views.staff_session, name="staff_session"),
    path("accounts/no-role/", views.no_role, name="staff_no_role"),
    # The email address is the username: only administrators change it, in the user admin.
    path("accounts/email/", views.not_found),
    path("accounts/", include("allauth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", cms_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "config.views.server_error"
