from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


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
