import pytest

from cms.demo import build_site


@pytest.fixture
def home_page(db):
    """The demo site tree: a default site whose root is the home page, with the help contacts."""
    return build_site()
