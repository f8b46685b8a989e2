"""Every design-system class the site writes is one the installed design system defines: looked
up in its stylesheet, never written from memory."""

import re

from django.conf import settings

DESIGN_SYSTEM_CSS = (
    settings.BASE_DIR
    / "node_modules"
    / "@scottish-government"
    / "design-system"
    / "dist"
    / "css"
    / "design-system.css"
)
# A ds_ class in a template, or in Python that writes markup; one that ends where a value is put
# in ("ds_input--fixed-{{ width }}", f"ds_input--fixed-{width}") is a prefix of the real ones.
CLASS = re.compile(r"\bds_[A-Za-z0-9_-]*[A-Za-z0-9](?P<open>-?\{)?")
SOURCES = [
    *sorted((settings.BASE_DIR / "templates").rglob("*.html")),
    *sorted((settings.BASE_DIR / "accounts" / "templatetags").glob("*.py")),
    *sorted((settings.BASE_DIR / "cms" / "templatetags").glob("*.py")),
    *sorted((settings.BASE_DIR / "surveys" / "templatetags").glob("*.py")),
    *sorted((settings.BASE_DIR / "cms").glob("*.py")),
    *sorted((settings.BASE_DIR / "surveys").glob("*.py")),
    *sorted((settings.BASE_DIR / "participation").glob("*.py")),
    settings.BASE_DIR / "static" / "js" / "site.js",
]


def _defined() -> set[str]:
    return set(re.findall(r"\.(ds_[A-Za-z0-9_-]+)", DESIGN_SYSTEM_CSS.read_text(encoding="utf-8")))


def _used() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in SOURCES:
        for match in CLASS.finditer(path.read_text(encoding="utf-8")):
            name = match.group(0).rstrip("{")
            used.setdefault(name, set()).add(str(path.relative_to(settings.BASE_DIR)))
    return used


def test_every_design_system_class_used_exists_in_the_installed_stylesheet():
    defined = _defined()
    assert len(defined) > 300  # the real stylesheet, not an empty file
    missing = {
        name: sorted(paths)
        for name, paths in _used().items()
        if name not in defined
        and not (name.endswith("-") and any(c.startswith(name) for c in defined))
    }
    assert not missing, f"Not in the design system's CSS: {missing}"


def test_the_check_finds_classes_written_from_memory():
    """The classes a review found written from memory would each fail the check above."""
    defined = _defined()
    for name in [
        "ds_lead",
        "ds_error-message",
        "ds_summary-list__actions-item",
        "ds_site-search__form",
        "ds_input__wrapper--has-icon",
    ]:
        assert name not in defined, name
    assert {"ds_leader", "ds_question__error-message", "ds_summary-list__actions-list-item"} <= (
        defined
    )


def test_prefixes_written_with_a_value_are_read_as_prefixes():
    text = 'class="ds_input--fixed-{{ width }}" f"ds_input--fixed-{width}" ds_tag'
    assert [m.group(0).rstrip("{") for m in CLASS.finditer(text)] == [
        "ds_input--fixed-",
        "ds_input--fixed-",
        "ds_tag",
    ]
