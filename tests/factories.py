import factory
import wagtail_factories

from cms.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Our Promise, Our Voice"
    introduction = factory.LazyAttribute(lambda _: "<p>What you tell us changes things.</p>")

    class Meta:
        model = HomePage
