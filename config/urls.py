"""The site's addresses: the one module in config/ that imports the apps."""

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from cms import serving as cms_serving
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

# Wagtail's own addresses, but pages are served by cms.serving: Wagtail's view, with the page found
# from a cached map of the site's addresses instead of a walk down the tree.
urlpatterns += [
    path("", include(wagtail_urls.urlpatterns[:-1])),
    re_path(wagtail_urls.serve_pattern, cms_serving.serve, name="wagtail_serve"),
]

handler500 = "config.views.server_error"
