"""Where the privacy notices and the cookies page live, for links from the footer and surveys.

Fixed paths, so that a link to them costs no database query (the footer is on every page). The
demo content makes the pages at these paths; tests check that it does.
"""

PRIVACY_NOTICE_PATH = "/privacy/"
YOUNG_PEOPLES_PRIVACY_NOTICE_PATH = "/privacy/young-people/"
COOKIES_PATH = "/cookies/"
