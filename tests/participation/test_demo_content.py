import io

import pytest

from django.core.management import call_command

from wagtail.models import Page

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def _menu():
    home = HomePage.objects.get()
    return [page.title for page in home.get_children().in_menu()]


def test_the_demo_site_puts_have_your_say_first_and_stays_the_same_when_run_again():
    call_command("load_demo_content", stdout=io.StringIO())
    pages = Page.objects.count()
    assert _menu()[:2] == ["Have your say", "You said, we did"]

    call_command("load_demo_content", stdout=io.StringIO())

    assert _menu()[:2] == ["Have your say", "You said, we did"]
    assert Page.objects.count() == pages
