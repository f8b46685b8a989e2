"""Benchmark: the bytes a first visit to a survey's question page costs a phone, gzipped as a
proxy would serve them.

Run against a running site (`make run`, or `manage.py runserver`):

    .venv/bin/python bench/first_visit.py [--base http://127.0.0.1:8000]
                                          [--survey /surveys/your-voice-8-11/]

Starts the survey as a person would (the start page's form), then fetches the first question
page and every stylesheet, script and image it names, each once, as a browser with an empty cache
does. Prints each one's size raw and gzipped (level 6) and the total. Standard library only.
"""

import argparse
import gzip
import http.cookiejar
import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser

BUDGET = 40 * 1024  # bytes, gzipped: what a first visit to a question page may cost


class Assets(HTMLParser):
    """The stylesheets, scripts and images a page names, in order, and the start form's token."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.csrf = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "img" and attrs.get("src") and not attrs["src"].startswith("data:"):
            self.urls.append(attrs["src"])
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = attrs.get("value", "")


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--survey", default="/surveys/your-voice-8-11/")
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base).scheme not in {"http", "https"}:
        sys.exit("--base must be an http(s) address")

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    start_url = urllib.parse.urljoin(args.base, args.survey)
    start = Assets()
    start.feed(opener.open(start_url).read().decode())
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": start.csrf, "action": "start", "answered_with": "on_my_own"}
    ).encode()
    # The address is the --base given, checked to be http(s) above.
    request = urllib.request.Request(start_url, data=form, headers={"Referer": start_url})  # noqa: S310
    with opener.open(request) as response:  # follows the redirect to the first question
        question_url = response.url
        page = response.read()
    if "/question/" not in question_url:
        sys.exit(f"Starting {start_url} did not lead to a question page, but to {question_url}")

    assets = Assets()
    assets.feed(page.decode())
    rows = [(question_url, len(page), gzipped(page))]
    for url in dict.fromkeys(assets.urls):  # each once, as a browser's cache would
        body = opener.open(urllib.parse.urljoin(question_url, url)).read()
        rows.append((url, len(body), gzipped(body)))

    width = max(len(url) for url, _, _ in rows)
    print(f"{'':{width}}  {'raw':>9}  {'gzipped':>9}")
    for url, raw, packed in rows:
        print(f"{url:{width}}  {raw:>9,}  {packed:>9,}")
    total = sum(packed for _, _, packed in rows)
    print(f"{'total':{width}}  {sum(raw for _, raw, _ in rows):>9,}  {total:>9,}")
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"{total / 1024:.1f} KB gzipped: {verdict} the {BUDGET // 1024} KB budget")


if __name__ == "__main__":
    main()
