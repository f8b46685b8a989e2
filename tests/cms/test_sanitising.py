"""Typed text is cleaned in one place, by one library that can be swapped in one place."""

import re
from pathlib import Path

import pytest

from cms.sanitising import strip_markup

PROJECT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("<b>Hello</b> & goodbye <3", "Hello & goodbye <3"),
        ("<script>alert(1)</script>", "alert(1)"),
        ("&lt;img src=x onerror=alert(1)&gt;", ""),
        ("<!-- hidden -->Visible", "Visible"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("nul\x00 and bell\x07 gone", "nul and bell gone"),
        ("  I am 5 > 3  ", "I am 5 > 3"),
        ("Tom’s “quotes” stay", "Tom’s “quotes” stay"),
    ],
)
def test_strip_markup_leaves_plain_text(typed, stored):
    assert strip_markup(typed) == stored


def test_bleach_is_imported_by_one_module_only():
    importers = [
        path.relative_to(PROJECT).as_posix()
        for folder in ("cms", "surveys", "participation", "config")
        for path in (PROJECT / folder).rglob("*.py")
        if re.search(r"^\s*(import bleach|from bleach)", path.read_text(), re.MULTILINE)
    ]
    assert importers == ["cms/sanitising.py"]


def test_markup_hidden_under_any_number_of_entities_is_still_stripped():
    # The sanitiser once stopped after five passes: nine layers still came through as a tag.
    nested = "<script>alert(1)</script>Hi"
    for _ in range(9):
        nested = nested.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert strip_markup(nested) == "alert(1)Hi"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("my worker said <not allowed> again", "my worker said <not allowed> again"),
        ("fish &amp; chips", "fish &amp; chips"),
        ("<b>Hopeful</b>", "<b>Hopeful</b>"),
        ("  spaces kept  ", "  spaces kept  "),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("nul\x00 and bell\x07 gone", "nul and bell gone"),
    ],
)
def test_typed_text_is_kept_exactly_as_typed_but_for_control_characters(typed, kept):
    from cms.sanitising import clean_typed_text

    assert clean_typed_text(typed) == kept
