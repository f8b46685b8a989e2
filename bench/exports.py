"""Benchmark: the raw responses CSV export, streamed, at growing numbers of responses.

Run after `make setup`:  .venv/bin/python bench/exports.py [--sizes 1000 10000 100000]
Builds a throwaway SQLite database in a temporary folder (or uses DATABASE_URL), fills it with
made-up responses of 20 answers each, then downloads the export through the real view and prints,
for each size, the seconds it took, the rows and bytes written, and the peak memory the download
added (Python's tracemalloc, so the database driver's own buffers are not counted; the process's
peak resident memory is printed too). Memory that does not grow with the rows is the point.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
FOLDER = tempfile.mkdtemp(prefix="export-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER}/bench.sqlite3")

QUESTIONS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    survey, cycle, user = _survey()
    made = 0
    print(
        f"{'responses':>10} {'seconds':>8} {'rows':>8} {'MB written':>10} {'peak MB':>8} "
        f"{'RSS MB':>7}"
    )
    for size in sorted(args.sizes):
        _add_responses(survey, cycle, size - made)
        made = size
        seconds, rows, written, peak = _download(cycle, user)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>10,} {seconds:>8.2f} {rows:>8,} {written / 1e6:>10.1f} "
            f"{peak / 1e6:>8.1f} {rss:>7.0f}"
        )


def _survey():
    import datetime

    from django.contrib.auth import get_user_model

    from cms.starter import build_site
    from surveys.models import Audience, Cycle, SurveyIndexPage, SurveyPage, Theme

    home = build_site()
    cycle, _ = Cycle.objects.get_or_create(
        name="2026–27",
        defaults={"starts_on": datetime.date(2026, 4, 1), "ends_on": datetime.date(2027, 3, 31)},
    )
    index = SurveyIndexPage.objects.first() or home.add_child(
        instance=SurveyIndexPage(title="Have your say", slug="surveys")
    )
    survey = SurveyPage.objects.filter(slug="bench").first() or index.add_child(
        instance=SurveyPage(
            title="Bench",
            slug="bench",
            audience=Audience.STAFF,
            theme=Theme.FEELING_SUPPORTED,
            cycle=cycle,
            introduction="<p>x</p>",
            confidentiality="<p>x</p>",
            thank_you="<p>x</p>",
            questions=[
                {"type": "agreement", "value": {"key": f"q{n}", "text": f"Question {n}"}}
                for n in range(QUESTIONS - 1)
            ]
            + [{"type": "long_text", "value": {"key": "typed", "text": "Anything else?"}}],
        )
    )
    user, _ = get_user_model().objects.get_or_create(
        username="bench@example.com", defaults={"email": "bench@example.com", "is_superuser": True}
    )
    return survey, cycle, user


def _add_responses(survey, cycle, count: int) -> None:
    from django.db import transaction

    from surveys.models import Answer, Response

    values = ["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]
    for start in range(0, count, 5_000):
        with transaction.atomic():
            responses = Response.objects.bulk_create(
                Response(
                    survey=survey,
                    cycle=cycle,
                    audience=survey.audience,
                    theme=survey.theme,
                    submitted_on=cycle.starts_on,
                    submission_id=uuid.uuid4(),
                )
                for _ in range(min(5_000, count - start))
            )
            Answer.objects.bulk_create(
                [
                    Answer(response=r, question_key=f"q{n}", choice=values[(r.pk + n) % 5])
                    for r in responses
                    for n in range(QUESTIONS - 1)
                ]
                + [Answer(response=r, question_key="typed", text="=Typed") for r in responses],
                batch_size=5_000,
            )


def _download(cycle, user):
    from django.test import RequestFactory

    from participation.admin_views import RawResponsesCSVView

    request = RequestFactory().get(
        "/admin/results/export/responses.csv", {"theme": "feeling_supported", "cycle": cycle.pk}
    )
    request.user = user
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    response = RawResponsesCSVView.as_view()(request)
    rows = written = 0
    for chunk in response.streaming_content:
        written += len(chunk)
        rows += 1
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, rows - 1, written, peak


if __name__ == "__main__":
    main()
