"""The site's addresses: the one module in config/ that imports the apps."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from cms import views as cms_views
from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs: its sign-in page goes to allauth's.
    path("", include(accounts_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", cms_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "config.views.server_error"
