from allauth.mfa.models import Authenticator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_ADMIN_EMAIL, current_sign_in_code


class Command(BaseCommand):
    help = "Development only: print the demo administrator's current 2-step verification code."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default=DEMO_ADMIN_EMAIL)

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("Only with DEBUG on: real accounts use their own phone.")
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account for {email}: run `make setup` first.")
        try:
            code, seconds_left = current_sign_in_code(user)
        except Authenticator.DoesNotExist as error:
            raise CommandError(f"{email} has not set up an authenticator app.") from error
        self.stdout.write(f"{code}   (for {email}, {seconds_left} more seconds)")
