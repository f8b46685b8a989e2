from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, make_demo_administrator
from cms.demo import build_privacy_pages, build_site, put_first_in_menu
from participation.demo import (
    build_demo_entries,
    build_demo_responses,
    build_feedback_loop,
    build_results_summaries,
)
from surveys.demo import build_surveys, demo_invitation_path


class Command(BaseCommand):
    help = (
        "Build the demo site (safe to run again). With DEBUG on, also a demo administrator and "
        "made-up responses and “you said, we did” entries, marked as demo data."
    )

    def handle(self, *args, **options):
        home = build_site()
        build_privacy_pages(home)
        self.stdout.write(f"Demo site ready: home page “{home.title}”.")
        surveys = build_surveys(home=home)
        # What most people come for goes first: have your say, then what changed because of it.
        feedback_page = build_feedback_loop(home=home)
        put_first_in_menu(surveys)
        self.stdout.write(f"Surveys ready under “{surveys.title}” at {surveys.url}")
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG is off, so no demo administrator or made-up answers were made."
            )
            return
        admin, setup_key = make_demo_administrator()
        responses = build_demo_responses()
        entries = build_demo_entries(user=admin)
        summaries = build_results_summaries(feedback_page=feedback_page)
        self.stdout.write(
            f"Made-up answers: {responses} responses, {entries} “you said, we did” entries and "
            f"{len(summaries)} results summaries (marked as demo data)."
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nSign in to the admin at http://127.0.0.1:8000/admin/\n"
                f"  email:    {DEMO_ADMIN_EMAIL}\n"
                f"  password: {DEMO_ADMIN_PASSWORD}   (development only)\n"
                "  code:     run `make sign-in-code` in another terminal for the current 6-digit\n"
                f"            code, or add this setup key to an authenticator app: {setup_key}\n"
            )
        )
        self.stdout.write(
            "Try the carers' evaluation with this single-use invitation link:\n"
            f"  http://127.0.0.1:8000{demo_invitation_path()}\n"
        )
