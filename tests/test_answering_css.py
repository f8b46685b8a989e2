"""static/css/answering.css is the design system's stylesheet cut down to what the answering
pages use (scripts/build_answering_css.py): checked in, so it must match what the script builds
from the installed design system and today's templates."""

import importlib.util

from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "build_answering_css.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_answering_css", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_checked_in_stylesheet_is_up_to_date():
    builder = _builder()
    assert builder.OUTPUT.read_text(encoding="utf-8") == builder.build(), (
        "static/css/answering.css is out of date: run "
        "`.venv/bin/python scripts/build_answering_css.py` and commit it"
    )


def test_it_keeps_what_the_pages_use_and_drops_what_they_do_not():
    builder = _builder()
    css = builder.trim(
        ".ds_radio{a:1}.ds_tabs{b:2}.ds_radio,.ds_tabs__tab{c:3}p{d:4}"
        "@media (min-width:48rem){.ds_tabs{e:5}.ds_radio__label:is(.x,.y){f:6}}"
        ".ds_input--fixed-10{g:7}",
        names={"ds_radio", "ds_radio__label"},
        prefixes={"ds_input--fixed-"},
    )
    assert css == (
        ".ds_radio{a:1}.ds_radio{c:3}p{d:4}"
        "@media (min-width:48rem){.ds_radio__label:is(.x,.y){f:6}}"
        ".ds_input--fixed-10{g:7}"
    )
    built = builder.OUTPUT.read_text(encoding="utf-8")
    for used in [".ds_radio__label", ".ds_error-summary", ".ds_button", ".ds_site-footer"]:
        assert used in built
    for unused in [".ds_tabs", ".ds_date-picker", ".ds_side-navigation"]:
        assert unused not in built
