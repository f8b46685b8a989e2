from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail import hooks

from cms.starter import build_site


class Command(BaseCommand):
    help = (
        "Make what every site needs, production included (safe to run again): the site tree "
        "with the home, plan, Language of Care, content, privacy and cookies pages, the pages the "
        "footer links to, the help contacts, the Promise plan and the Language of Care glossary, "
        "then each app's own (“Have your say” and the council's surveys with the Survey "
        "managers' permission, “You said, we did” and the indicators). What exists is kept as "
        "staff have made it. The roles and their permissions are made by `migrate`."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        home = build_site()
        self.stdout.write(f"Site ready: home page “{home.title}”, with the pages it links to.")
        call_command("load_promise_plan", stdout=self.stdout)
        call_command("load_language_of_care", stdout=self.stdout)
        # Each later layer adds its own starter content (surveys, then the feedback loop), so
        # that this layer never imports theirs: `@hooks.register("setup_site", order=...)`.
        for set_up in hooks.get_hooks("setup_site"):
            set_up(home=home, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("The site is set up."))
