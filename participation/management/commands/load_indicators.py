import yaml

from django.core.management.base import BaseCommand

from participation.services import INDICATORS_FILE, load_indicators


class Command(BaseCommand):
    help = (
        "Add the indicators that measure the plan's targets, from participation/data/"
        "indicators.yaml. Safe to run again: indicators already there are kept as they are."
    )

    def handle(self, *args, **options):
        with open(INDICATORS_FILE, encoding="utf-8") as data_file:
            loaded = load_indicators(data=yaml.safe_load(data_file))
        self.stdout.write(f"{len(loaded)} indicators ready.")
