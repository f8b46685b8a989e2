import yaml

from django.core.management.base import BaseCommand

from cms.services import LANGUAGE_OF_CARE_FILE, load_language_of_care


class Command(BaseCommand):
    help = (
        "Add the Language of Care glossary terms and allowed phrases from "
        "cms/data/language_of_care.yaml that are not there yet. Safe to run again: terms and "
        "phrases that exist, including ones edited in the admin, are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(LANGUAGE_OF_CARE_FILE))

    def handle(self, *args, file, **options):
        with open(file, encoding="utf-8") as data_file:
            data = yaml.safe_load(data_file)
        report = load_language_of_care(data=data)
        self.stdout.write(
            f"Language of Care: {len(report.created_terms)} terms added, "
            f"{len(report.kept_terms)} already there; "
            f"{len(report.created_allowed_phrases)} allowed phrases added."
        )
