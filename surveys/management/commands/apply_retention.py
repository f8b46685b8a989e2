from django.core.management.base import BaseCommand

from surveys.services import apply_retention
from surveys.tasks import schedule_retention


class Command(BaseCommand):
    help = (
        "Delete survey data whose retention period has passed (typed answers, drafts, "
        "invitations, closed safeguarding flags, expired sessions) and old lines of the staff "
        "audit log, printing counts only. With "
        "--schedule, queue the daily background run instead (safe to repeat)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the daily run through the task worker, instead of running now.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            run_after = schedule_retention()
            if run_after is None:
                self.stdout.write(
                    "Not queued: a run is already queued, or the task backend cannot run tasks "
                    "later (use the database backend with `manage.py db_worker`)."
                )
            else:
                self.stdout.write(
                    f"Daily retention queued, first run at {run_after:%Y-%m-%d %H:%M}."
                )
            return
        report = str(apply_retention())
        self.stdout.write(f"{report[0].upper()}{report[1:]}.")
