"""The feedback loop's starter content, which `manage.py setup_site` makes: the “You said, we
did” page, in the home page's ways in and the menu, and the indicators that measure the plan's
targets (participation/data/indicators.yaml). Nothing made up: the demo adds that. Safe to run
again."""

from django.db import transaction
from django.utils import timezone

from cms.models import HomePage
from cms.starter import add_way_in, put_first_in_menu, put_in_menu_after
from participation.models import FeedbackLoopPage
from surveys.models import SurveyIndexPage

FEEDBACK_LOOP_INTRODUCTION = (
    "<p>What changed because of what children, young people, families and carers told us. The "
    "Participation Network checks every update first, so that nobody can be recognised.</p>"
)


@transaction.atomic
def build_feedback_loop(*, home: HomePage) -> FeedbackLoopPage:
    """The “You said, we did” page under `home`, in the home page's ways in and the menu, with
    no entries: the Participation Network writes them."""
    page = FeedbackLoopPage.objects.first()
    if page is None:
        # The first demo sites had a plain content page here: the real page takes its place.
        home.get_children().filter(slug="you-said-we-did").delete()
        now = timezone.now()
        page = home.add_child(
            instance=FeedbackLoopPage(
                title="You said, we did",
                slug="you-said-we-did",
                introduction=FEEDBACK_LOOP_INTRODUCTION,
                show_in_menus=True,
                first_published_at=now,
                last_published_at=now,
                search_description="What changed because of what people told us in our surveys.",
            )
        )
    add_way_in(
        home,
        page,
        heading="You said, we did",
        text="See what changed because of what children, young people and families told us.",
        position=1,  # after “Have your say”
    )
    # In the menu after “Have your say”, what most people come for; first without it.
    survey_index = SurveyIndexPage.objects.child_of(home).first()
    if survey_index is not None:
        put_in_menu_after(page, survey_index)
    else:
        put_first_in_menu(page)
    return page
