import pytest

from cms.demo import build_site


@pytest.fixture
def home_page(db):
    """The demo site tree: a default site whose root is the home page, with the help contacts."""
    return build_site()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and used 2-step codes live in the cache: start every test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    """The staff groups with their permissions (a flushed test database has lost them)."""
    from cms.roles import create_roles

    create_roles()


@pytest.fixture
def make_staff(db, roles):
    """Make a member of staff: `make_staff(ANALYSTS)`, `make_staff(two_step=False)`, ..."""
    from tests.accounts.factories import make_staff_member

    return make_staff_member


@pytest.fixture
def privacy_pages(home_page):
    from cms.demo import build_privacy_pages

    return build_privacy_pages(home_page)
