"""How a page hands a request to its view without importing it.

The views import the page models (and the selectors, which import the models); were a page's
module to import its views too, each would import the other. So a page names its views' module
in a route table, as urls.py names views, and the module is imported when a route is first
served. Every routable page on the site dispatches this one way.
"""

from importlib import import_module


class RouteTable:
    """The views of one module, found by name when a route is served.

    `views = RouteTable("surveys.views")` beside the page, then `return views.start(request, self)`
    in a route: the name is looked up in the module on each call (Python keeps the module once
    imported), so the views module never has to exist when the models are loaded.
    """

    def __init__(self, module: str):
        self.module = module

    def __getattr__(self, name: str):
        return getattr(import_module(self.module), name)

    def __repr__(self):
        return f"RouteTable({self.module!r})"
