from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.demo import build_site
from surveys.demo import build_surveys, demo_invitation_path

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "promise-demo-admin"  # noqa: S105 - development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Build the demo site (safe to run again). With DEBUG on, also a demo administrator."

    def handle(self, *args, **options):
        home = build_site()
        self.stdout.write(f"Demo site ready: home page “{home.title}”.")
        surveys = build_surveys(home=home)
        self.stdout.write(f"Surveys ready under “{surveys.title}” at {surveys.url}")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo administrator was made.")
            return
        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_EMAIL,
            defaults={"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_ADMIN_PASSWORD)
            admin.save()
        self.stdout.write(
            self.style.SUCCESS(
                "\nSign in to the admin at http://127.0.0.1:8000/admin/\n"
                f"  email:    {DEMO_ADMIN_EMAIL}\n"
                f"  password: {DEMO_ADMIN_PASSWORD}   (development only)\n"
            )
        )
        self.stdout.write(
            "Try the carers' evaluation with this single-use invitation link:\n"
            f"  http://127.0.0.1:8000{demo_invitation_path()}\n"
        )
