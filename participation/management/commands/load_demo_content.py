from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, make_demo_administrator
from participation.demo import build_demo_entries, build_demo_responses, build_results_summaries
from participation.models import FeedbackLoopPage
from surveys.demo import demo_invitation_path


class Command(BaseCommand):
    help = (
        "Development only, never under production settings: add demo data to the site that "
        "`setup_site` made (safe to run again): a demo administrator with a known password, and "
        "made-up responses, “you said, we did” entries and results summaries, marked as demo data."
    )

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_CONTENT:
            raise CommandError(
                "These settings do not allow demo content (ALLOW_DEMO_CONTENT is off, as in "
                "production): it has an administrator with a published password and made-up "
                "answers. A real site needs only `manage.py setup_site`."
            )
        feedback_page = FeedbackLoopPage.objects.first()
        if feedback_page is None:
            raise CommandError("Run `manage.py setup_site` first: the demo adds to its site.")
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
