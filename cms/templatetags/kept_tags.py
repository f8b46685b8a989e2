"""`{% kept "name" %}…{% endkept %}`: a part of every page that is the same for every reader of
a site, rendered once per version of the page tree in each process (cms.serving.kept).

For the help contacts and the footer, on every page: about a tenth of a question page's time
otherwise. What is inside must depend on nothing but the site and what the tree's version
covers (the pages, the sites, the help contacts, the footer's chosen pages): never on the
reader, the request's address or the page being shown. Kept only in the process's memory, so a
release with new templates starts afresh.
"""

from django import template

from wagtail.models import Site

from cms.serving import kept

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        if site is None:  # an error page without a site: rendered as it is
            return self.nodelist.render(context)
        return kept(
            f"fragment:{self.name}:{site.pk}",
            lambda: self.nodelist.render(context),
            in_cache=False,
        )


@register.tag("kept")
def do_kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% kept "name" %}…{% endkept %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1][1:-1], nodelist)
