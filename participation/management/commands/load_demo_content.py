from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.demo import (
    DEMO_ADMIN_EMAIL,
    build_privacy_pages,
    build_site,
    put_first_in_menu,
    set_up_demo_two_step,
)
from participation.demo import (
    build_demo_entries,
    build_demo_responses,
    build_feedback_loop,
    build_results_summaries,
)
from surveys.demo import build_surveys, demo_invitation_path

DEMO_ADMIN_PASSWORD = "promise-demo-admin"  # noqa: S105 - development only, refused when DEBUG is off


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
        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_EMAIL,
            defaults={"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_ADMIN_PASSWORD)
            admin.save()
        setup_key = set_up_demo_two_step(admin)
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
