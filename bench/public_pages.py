"""Benchmark: how long each public page takes to render, and how many queries it makes.

Run after `make setup`:  .venv/bin/python bench/public_pages.py [--requests 50]
Prints one line per page: median and 95th-percentile milliseconds, and the query count.
It measures the Django side only (in-process test client, the dev SQLite database), so the
numbers compare one change with another on the same machine; they are not a load test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # one "Not Found" line per request would bury the numbers
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    paths = [
        page.get_url(current_site=site)
        for page in Page.objects.live().public().filter(depth__gte=2).specific()
    ]
    paths += ["/healthz", "/this-page-does-not-exist/"]

    client = Client(HTTP_HOST="localhost")
    print(f"{'page':<45} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'status':>7}")
    for path in paths:
        client.get(path)  # warm caches, as a running site has them
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{path:<45} {statistics.median(timings):>10.1f} {p95:>8.1f} "
            f"{len(queries):>8} {response.status_code:>7}"
        )


if __name__ == "__main__":
    main()
