"""Benchmark: survey results, indicators and the public results summary at growing numbers of
responses, beside the way a Wagtail form builder site counts the same answers.

Run after `make setup`:  .venv/bin/python bench/results_scale.py [--sizes 1000 10000 100000]
With DATABASE_URL set (PostgreSQL), it runs there; otherwise in a throwaway SQLite database in a
temporary folder. Each size adds responses of 20 answers (19 agreement questions and a typed
one) to one survey, and as many Wagtail form submissions (`wagtail.contrib.forms`) of the same
answers as JSON. Then, for each size, the median of --repeat runs of:

- results: `participation.selectors.survey_results` (every question of the survey, suppressed);
- indicators: `participation.selectors.indicator_trends` for an indicator on that survey;
- summary page: the public “what you told us” page, rendered by the test client;
- peer: the form builder's way, a Python loop over every submission's JSON counting each answer.

It prints seconds for each, the peer ÷ ours ratio, and the seconds per 1,000 responses.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
if "DATABASE_URL" not in os.environ:
    FOLDER = tempfile.mkdtemp(prefix="results-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{FOLDER}/bench.sqlite3"

QUESTIONS = 20
VALUES = ["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    survey, cycle, summary, indicator, form_page = _build()
    print(f"database: {connection.vendor}; median of {args.repeat} runs; seconds")
    print(
        f"{'responses':>10} {'results':>8} {'indicators':>10} {'summary':>8} {'peer':>8} "
        f"{'peer/results':>12} {'results/1k':>10}"
    )
    made = 0
    for size in sorted(args.sizes):
        _add(survey, cycle, form_page, size - made)
        made = size
        ours = _median(args.repeat, lambda: _results(survey, cycle))
        indicators = _median(args.repeat, lambda: _indicators(indicator))
        page = _median(args.repeat, lambda: _summary_page(summary))
        peer = _median(max(1, args.repeat // 2), lambda: _peer(form_page))
        print(
            f"{size:>10,} {ours:>8.3f} {indicators:>10.3f} {page:>8.3f} {peer:>8.3f} "
            f"{peer / ours:>12.1f} {ours / size * 1000:>10.4f}"
        )


def _median(repeat, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _build():
    from wagtail.models import Page

    from cms.models import ActionCode, PriorityArea
    from cms.starter import build_site
    from participation.models import Indicator, ResultsSummaryPage
    from participation.starter import build_feedback_loop
    from surveys.models import Audience, Cycle, SurveyIndexPage, SurveyPage, Theme

    home = build_site()
    feedback = build_feedback_loop(home=home)
    cycle, _ = Cycle.objects.get_or_create(
        name="2026–27",
        defaults={"starts_on": datetime.date(2026, 4, 1), "ends_on": datetime.date(2027, 3, 31)},
    )
    index = SurveyIndexPage.objects.first() or home.add_child(
        instance=SurveyIndexPage(title="Have your say", slug="surveys")
    )
    questions = [
        {"type": "agreement", "value": {"key": f"q{n}", "text": f"Question {n}"}}
        for n in range(QUESTIONS - 1)
    ] + [{"type": "long_text", "value": {"key": "typed", "text": "Anything else?"}}]
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
            questions=questions,
        )
    )
    summary = ResultsSummaryPage.objects.filter(slug="bench").first() or feedback.add_child(
        instance=ResultsSummaryPage(
            title="Bench", slug="bench", theme=Theme.FEELING_SUPPORTED, cycle=cycle
        )
    )
    area, _ = PriorityArea.objects.get_or_create(prefix="STW", defaults={"name": "S", "order": 3})
    code, _ = ActionCode.objects.get_or_create(
        code="STW 3", defaults={"slug": "stw-3", "priority_area": area, "number": 3, "outcome": "x"}
    )
    indicator, _ = Indicator.objects.get_or_create(
        action_code=code,
        name="Bench",
        defaults={
            "statement": "agree",
            "theme": Theme.FEELING_SUPPORTED,
            "audience": Audience.STAFF,
            "question_key": "q0",
            "positive_answers": "strongly-agree, agree",
        },
    )
    # The peer: a page whose submissions hold the same answers as JSON, as a form page's do.
    form_page = Page.objects.filter(slug="bench-form").first() or home.add_child(
        instance=Page(title="Bench form", slug="bench-form")
    )
    return survey, cycle, summary, indicator, form_page


def _add(survey, cycle, form_page, count: int) -> None:
    from django.db import transaction

    from wagtail.contrib.forms.models import FormSubmission

    from surveys.models import Answer, Response
    from surveys.services import rebuild_tallies

    for start in range(0, count, 5_000):
        batch = min(5_000, count - start)
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
                for _ in range(batch)
            )
            answers = []
            submissions = []
            for number, response in enumerate(responses, start=start):
                data = {}
                for n in range(QUESTIONS - 1):
                    value = VALUES[(number * 7 + n * 3) % 5]
                    data[f"q{n}"] = value
                    answers.append(
                        Answer(response=response, question_key=f"q{n}", choice=value, number=3)
                    )
                data["typed"] = "Some typed words"
                answers.append(Answer(response=response, question_key="typed", text=data["typed"]))
                submissions.append(FormSubmission(page=form_page, form_data=data))
            Answer.objects.bulk_create(answers, batch_size=5_000)
            FormSubmission.objects.bulk_create(submissions, batch_size=5_000)
    rebuild_tallies(cycle=cycle)  # as submit_response would have kept them


def _results(survey, cycle):
    from participation.selectors import ResultsFilter, survey_results

    return survey_results(results_filter=ResultsFilter(theme=survey.theme, cycle=cycle))


def _indicators(indicator):
    from participation.selectors import indicator_trends

    return indicator_trends(indicators=[indicator])


def _summary_page(summary):
    from django.test import Client

    response = Client().get(summary.url, HTTP_HOST="localhost")
    if response.status_code != 200:
        raise SystemExit(f"The summary page answered {response.status_code}")


def _peer(form_page):
    from wagtail.contrib.forms.models import FormSubmission

    counts: dict[str, Counter] = defaultdict(Counter)
    for submission in FormSubmission.objects.filter(page=form_page).iterator(chunk_size=2000):
        for key, value in submission.form_data.items():
            counts[key][value] += 1
    return counts


if __name__ == "__main__":
    main()
