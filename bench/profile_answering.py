"""Profile: where an answering page's time goes, in process, as `make bench` serves it.

Run after `make setup`:
    .venv/bin/python bench/profile_answering.py [question|one-page] [--requests 500] [--top 40]

The site as the benchmark runs it (production settings, Redis as the cache, a fresh SQLite
database made by `migrate` and `setup_site` in a temporary folder), a visitor with a draft, then:
the queries one GET makes, the milliseconds per GET over `--requests` (Django's test client, no
server or network), and cProfile's functions by cumulative time over as many more. Times move
with whatever else the machine is doing; the shares and the query count are what to compare.
Needs Redis on 127.0.0.1:6379 (database 5, emptied), as `make bench` does.
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answering_speed import (  # noqa: E402
    ONE_PAGE,
    PYTHON,
    QUESTION_PAGE,
    QUESTION_SURVEY,
    ROOT,
    STAFF_SURVEY,
    expect,
    our_env,
)

PAGES = {"question": (QUESTION_SURVEY, QUESTION_PAGE), "one-page": (STAFF_SURVEY, ONE_PAGE)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", choices=sorted(PAGES), default="question")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=40, help="functions to list")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="profile-answering-") as folder:
        env = our_env(f"sqlite:///{folder}/db.sqlite3")
        subprocess.run(
            ["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True, capture_output=True
        )
        for command in (["collectstatic", "--noinput"], ["migrate"], ["setup_site"]):
            subprocess.run(
                [PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, capture_output=True
            )
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        profile(*PAGES[args.page], requests=args.requests, top=args.top)


def profile(survey: str, page: str, *, requests: int, top: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1")
    expect(client.get(survey).status_code == 200, "the survey's start page")
    expect(client.post(survey, {"answered_with": "on_my_own"}).status_code == 302, "starting")
    for _ in range(50):  # warm every cache, as a running site has them
        expect(client.get(page).status_code == 200, page)
    with CaptureQueriesContext(connection) as queries:
        client.get(page)
    print(f"{page}: {len(queries.captured_queries)} queries")
    for query in queries.captured_queries:
        print(f"  {query['sql'][:110]}")
    started = time.perf_counter()
    for _ in range(requests):
        client.get(page)
    print(f"{(time.perf_counter() - started) / requests * 1000:.2f} ms per GET, in process\n")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(page)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main()
