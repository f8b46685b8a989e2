import pytest

from cms.starter import build_site


@pytest.fixture
def home_page(db):
    """The demo site tree: a default site whose root is the home page, with the help contacts."""
    return build_site()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rate-limit counters, used 2-step codes, the
    Language of Care checker's terms and Wagtail's site root paths all live there."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    """The staff groups with their permissions (a flushed test database has lost them)."""
    from accounts.roles import create_roles
    from cms.roles import grant_content_permissions

    create_roles()
    grant_content_permissions()


@pytest.fixture
def make_staff(db, roles):
    """Make a member of staff: `make_staff(ANALYSTS)`, `make_staff(two_step=False)`, ..."""
    from tests.accounts.factories import make_staff_member

    return make_staff_member


@pytest.fixture
def privacy_pages(home_page):
    from cms.starter import build_privacy_pages

    return build_privacy_pages(home_page)


def _read_yaml(path):
    import yaml

    with open(path, encoding="utf-8") as data_file:
        return yaml.load(data_file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@pytest.fixture(scope="session")
def _content_data():
    """The plan and glossary data files, read once per test run (the loaders never change them)."""
    from cms.services import LANGUAGE_OF_CARE_FILE, PROMISE_PLAN_FILE

    return {"plan": _read_yaml(PROMISE_PLAN_FILE), "glossary": _read_yaml(LANGUAGE_OF_CARE_FILE)}


@pytest.fixture
def promise_plan(db, _content_data):
    """Every foundation, priority area and action code, loaded from cms/data/promise_plan.yaml."""
    from cms.services import load_promise_plan

    return load_promise_plan(plan=_content_data["plan"])


@pytest.fixture
def language_of_care(db, _content_data):
    """The seeded Language of Care glossary and allowed phrases (cms/data/language_of_care.yaml)."""
    from cms.services import load_language_of_care

    return load_language_of_care(data=_content_data["glossary"])


@pytest.fixture
def feedback_loop_page(home_page):
    """“You said, we did” at /you-said-we-did/, in the menu and the home page's ways in."""
    from participation.starter import build_feedback_loop

    return build_feedback_loop(home=home_page)


@pytest.fixture
def have_your_say(home_page):
    """“Have your say” with the seven starting surveys, and its way in on the home page."""
    from surveys.starter import build_surveys

    return build_surveys(home=home_page)


@pytest.fixture
def site_content(home_page, promise_plan, language_of_care, feedback_loop_page):
    """The demo site with the plan, the glossary and “you said, we did”, as `make run` serves
    it (without the made-up answers)."""
    return home_page
