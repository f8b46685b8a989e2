import yaml

from django.core.management.base import BaseCommand

from cms.services import PROMISE_PLAN_FILE, load_promise_plan


class Command(BaseCommand):
    help = (
        "Load the Promise plan (foundations, priority areas, action codes) from "
        "cms/data/promise_plan.yaml. Safe to run again: corrections made in the admin are kept "
        "unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(PROMISE_PLAN_FILE))
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace corrections made in the admin with the text in the data file.",
        )

    def handle(self, *args, file, overwrite, **options):
        with open(file, encoding="utf-8") as plan_file:
            plan = yaml.safe_load(plan_file)
        report = load_promise_plan(plan=plan, overwrite=overwrite)
        self.stdout.write(
            f"Promise plan: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged."
        )
        if report.kept_admin_corrections:
            self.stdout.write(
                self.style.WARNING(
                    "Kept corrections made in the admin (use --overwrite to replace them): "
                    + ", ".join(report.kept_admin_corrections)
                )
            )
