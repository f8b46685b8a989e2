"""Build static/css/answering.css: the design system's stylesheet cut down to the rules whose
classes the answering pages can write, so a child's phone downloads a quarter of it.

Run after changing an answering template or updating the design system:

    .venv/bin/python scripts/build_answering_css.py

tests/test_answering_css.py fails while the checked-in file differs from what this builds.

A rule is kept when every `ds_` class in one of its selectors is one the answering pages' sources
write (SOURCES); selectors without a `ds_` class (elements, `.visually-hidden`) are kept too. The
design system's minified stylesheet has only style rules, `@media` and `@container` blocks.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGN_SYSTEM = ROOT / "node_modules" / "@scottish-government" / "design-system"
FULL = DESIGN_SYSTEM / "dist" / "css" / "design-system.min.css"
OUTPUT = ROOT / "static" / "css" / "answering.css"

# Everything an answering page is made from: its templates, the components and blocks they
# include, the template tags that write markup, and the script that adds classes.
SOURCES = [
    "templates/base.html",
    "templates/components/*.html",
    "templates/components/blocks/*.html",
    "templates/surveys/*.html",
    "templates/surveys/includes/*.html",
    "templates/surveys/questions/*.html",
    "surveys/templatetags/*.py",
    "cms/templatetags/*.py",
    "static/js/site.js",
]
# A class written with a value put in ("ds_input--fixed-{{ width }}") is a prefix of the real ones.
CLASS = re.compile(r"\bds_[A-Za-z0-9_-]*[A-Za-z0-9](-?\{)?")
SELECTOR_CLASS = re.compile(r"\.(ds_[A-Za-z0-9_-]+)")


def used_classes() -> tuple[set[str], set[str]]:
    """The `ds_` classes the sources write, and the prefixes they write with a value put in."""
    names, prefixes = set(), set()
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for match in CLASS.finditer(path.read_text(encoding="utf-8")):
                name = match.group(0).rstrip("{")
                (prefixes if name.endswith("-") else names).add(name)
    return names, prefixes


def _blocks(css: str):
    """(prelude, body) for each top-level block of `css`, minding strings and nested braces."""
    i, n = 0, len(css)
    while i < n:
        start = i
        while i < n and css[i] != "{":
            if css[i] in "\"'":
                i = css.index(css[i], i + 1)
            i += 1
        if i >= n:
            return
        prelude, depth, i = css[start:i].strip(), 1, i + 1
        body_start = i
        while depth:
            char = css[i]
            if char in "\"'":
                i = css.index(char, i + 1)
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            i += 1
        yield prelude, css[body_start : i - 1]


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(), :not() …)."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def trim(css: str, names: set[str], prefixes: set[str]) -> str:
    def wanted(selector: str) -> bool:
        return all(
            name in names or any(name.startswith(prefix) for prefix in prefixes)
            for name in SELECTOR_CLASS.findall(selector)
        )

    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = trim(body, names, prefixes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        kept = [selector for selector in _selectors(prelude) if wanted(selector)]
        if kept:
            out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def build() -> str:
    version = json.loads((DESIGN_SYSTEM / "package.json").read_text(encoding="utf-8"))["version"]
    names, prefixes = used_classes()
    header = (
        f"/* The Scottish Government Design System {version}, only the rules the answering pages"
        " use. Built by scripts/build_answering_css.py: do not edit. */\n"
    )
    full = FULL.read_text(encoding="utf-8").lstrip("\ufeff")
    return header + trim(full, names, prefixes) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(build(), encoding="utf-8")
    sys.stderr.write(f"Wrote {OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size:,} bytes\n")
