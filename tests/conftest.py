import pytest

from cms.demo import build_site


@pytest.fixture
def home_page(db):
    """The demo site tree: a default site whose root is the home page, with the help contacts."""
    return build_site()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no cached rows behind
    (the Language of Care checker caches its terms, Wagtail its site root paths)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def promise_plan(db):
    """Every foundation, priority area and action code, loaded from cms/data/promise_plan.yaml."""
    import yaml

    from cms.services import PROMISE_PLAN_FILE, load_promise_plan

    with open(PROMISE_PLAN_FILE, encoding="utf-8") as plan_file:
        return load_promise_plan(plan=yaml.safe_load(plan_file))


@pytest.fixture
def language_of_care(db):
    """The seeded Language of Care glossary and allowed phrases (cms/data/language_of_care.yaml)."""
    import yaml

    from cms.services import LANGUAGE_OF_CARE_FILE, load_language_of_care

    with open(LANGUAGE_OF_CARE_FILE, encoding="utf-8") as data_file:
        return load_language_of_care(data=yaml.safe_load(data_file))


@pytest.fixture
def site_content(home_page, promise_plan, language_of_care):
    """The demo site with the plan and the glossary loaded, as `make run` serves it."""
    return home_page
