from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.demo import DEMO_ADMIN_EMAIL, build_privacy_pages, build_site, set_up_demo_two_step

DEMO_ADMIN_PASSWORD = "promise-demo-admin"  # noqa: S105 - development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Build the demo site (safe to run again). With DEBUG on, also a demo administrator."

    def handle(self, *args, **options):
        home = build_site()
        build_privacy_pages(home)
        self.stdout.write(f"Demo site ready: home page “{home.title}”.")
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
        setup_key = set_up_demo_two_step(admin)
        self.stdout.write(
            self.style.SUCCESS(
                "\nSign in to the admin at http://127.0.0.1:8000/admin/\n"
                f"  email:    {DEMO_ADMIN_EMAIL}\n"
                f"  password: {DEMO_ADMIN_PASSWORD}   (development only)\n"
                "  code:     run `make sign-in-code` in another terminal for the current 6-digit\n"
                f"            code, or add this setup key to an authenticator app: {setup_key}\n"
            )
        )
