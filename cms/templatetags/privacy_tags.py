from django import template

from cms import privacy

register = template.Library()

PATHS = {
    "privacy": privacy.PRIVACY_NOTICE_PATH,
    "young_people": privacy.YOUNG_PEOPLES_PRIVACY_NOTICE_PATH,
    "cookies": privacy.COOKIES_PATH,
}


@register.simple_tag
def privacy_url(name):
    """The path of a privacy page: "privacy", "young_people" or "cookies". No database query."""
    return PATHS[name]
