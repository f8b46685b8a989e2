"""Reading a page as a browser would, to find anything typed that became markup that runs."""

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"}
RUNNABLE_URLS = ("javascript:", "data:text", "vbscript:")
NEVER_ON_OUR_PAGES = {"iframe", "object", "embed", "base", "frame", "frameset", "style", "applet"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.problems.append(f"a script that is not one of ours: {attrs}")
        if tag in NEVER_ON_OUR_PAGES:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(RUNNABLE_URLS):
                self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def read(html: str) -> tuple[list[str], str]:
    """What in `html` could run, and the page's text as a person reads it (entities decoded)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.problems, "".join(reader.text)


def assert_shown_as_text(html: str, typed: list[str]) -> None:
    """Nothing in the page runs, and every one of `typed` is there as text, exactly."""
    problems, text = read(html)
    assert problems == [], problems
    missing = [item for item in typed if item.strip() and item.strip() not in text]
    assert missing == [], (missing, text[:3000])
