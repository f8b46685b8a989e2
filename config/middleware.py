"""Headers every response gets, whoever asks: the features the site never uses, and the
Content Security Policy (strict everywhere but the Wagtail admin). Staff sessions and sign-in
steps are `accounts.middleware`."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.conf import settings

ADMIN_PREFIX = "/admin/"


class PermissionsPolicyMiddleware:
    """Switch off, for every response, the browser features the site never uses
    (settings.PERMISSIONS_POLICY): a page, or anything injected into it, cannot ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy everywhere, except inside the Wagtail admin.

    Wagtail 8's admin still renders inline scripts (date choosers, inline panels) and inline styles,
    which a strict policy blocks. The admin is for signed-in staff only; every public page keeps the
    strict policy with no 'unsafe-inline'.
    """

    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIX) and not hasattr(response, "_csp_update"):
            response._csp_update = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
        return super().process_response(request, response)
