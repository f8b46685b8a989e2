"""The survey engine in the Wagtail admin, under one “Surveys” menu; and its starter content."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from accounts.permission_policies import ReadOnlyPermissionPolicy
from accounts.viewsets import ReadOnlyModelViewSet
from cms.starter import put_first_in_menu
from surveys.admin_views import MakeInvitationsView, SafeguardingFlagEditView
from surveys.models import Cycle, Invitation, Response, SafeguardingFlag, SafeguardingTerm
from surveys.permissions import SafeguardingLeadsOnly
from surveys.starter import build_surveys


class CycleViewSet(ModelViewSet):
    model = Cycle
    name = "survey_cycles"
    url_prefix = "surveys/cycles"
    icon = "date"
    menu_label = "Cycles"
    form_fields = ["name", "starts_on", "ends_on"]
    list_display = ["name", "starts_on", "ends_on"]
    copy_view_enabled = False


class InvitationIndexView(generic.IndexView):
    add_item_label = "Make invitation links"


class InvitationViewSet(ModelViewSet):
    """Invitations are listed here; new ones are made in batches and downloaded as a CSV.

    Whether an invitation has been used is not shown, nor filtered on: everyone who sees this list
    can make the mail-merge CSV, which names the carer behind each invitation, so it would tell
    them which carers answered (and, watched over time, when).
    """

    model = Invitation
    index_view_class = InvitationIndexView
    name = "survey_invitations"
    url_prefix = "surveys/invitations"
    icon = "mail"
    menu_label = "Invitations"
    form_fields = ["label"]
    list_display = ["__str__", "cycle", "label", "created_on"]
    list_filter = ["cycle", "label"]
    copy_view_enabled = False

    @property
    def add_view(self):
        return MakeInvitationsView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
        )


# A response is what someone sent: nobody makes, changes or deletes one by hand, and deleting one
# would take its safeguarding flags with it.
register_permission_policy(Response, ReadOnlyPermissionPolicy(Response))


class ResponseViewSet(ReadOnlyModelViewSet):
    """Responses counted per survey and cycle, read-only: nothing here shows what anyone
    answered."""

    model = Response
    name = "survey_responses"
    url_prefix = "surveys/responses"
    icon = "form"
    menu_label = "Responses"
    list_display = ["survey", "cycle", "audience", "age_band", "role", "submitted_on"]
    list_filter = ["cycle", "audience", "theme", "age_band"]
    copy_view_enabled = False
    inspect_view_enabled = False


class SafeguardingTermViewSet(ModelViewSet):
    model = SafeguardingTerm
    name = "safeguarding_words"
    url_prefix = "surveys/safeguarding-words"
    icon = "warning"
    menu_label = "Safeguarding words"
    form_fields = ["phrase", "active"]
    list_display = ["phrase", "active"]
    list_filter = ["active"]
    search_fields = ["phrase"]
    copy_view_enabled = False


register_permission_policy(SafeguardingFlag, SafeguardingLeadsOnly(SafeguardingFlag))


class SafeguardingFlagViewSet(ModelViewSet):
    """The flag queue: for Safeguarding leads (and superusers) only."""

    model = SafeguardingFlag
    name = "safeguarding_flags"
    url_prefix = "surveys/safeguarding-flags"
    icon = "warning"
    menu_label = "Safeguarding flags"
    edit_view_class = SafeguardingFlagEditView
    list_display = ["__str__", "raised_on", "matched_terms", "status", "handled_on"]
    list_filter = ["status"]
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = False


class SurveysViewSetGroup(ViewSetGroup):
    menu_label = "Surveys"
    menu_icon = "form"
    menu_order = 250
    items = (
        ResponseViewSet,
        InvitationViewSet,
        CycleViewSet,
        SafeguardingFlagViewSet,
        SafeguardingTermViewSet,
    )


@hooks.register("register_admin_viewset")
def register_surveys_viewsets():
    return SurveysViewSetGroup()


# Invitations are written to the staff audit log now (surveys.services.make_invitations); the
# name stays registered so that lines Wagtail's log holds from before still read as words.
@hooks.register("register_log_actions")
def register_survey_log_actions(actions):
    actions.register_action(
        "surveys.make_invitations", "Make invitation links", "Made invitation links"
    )


class ResponsesSummaryItem(SummaryItem):
    """On the admin home page: how many responses each open cycle has so far."""

    order = 250
    template_name = "surveys/admin/responses_summary.html"

    def get_context_data(self, parent_context):
        return {
            "total": Response.objects.count(),
            "by_cycle": Cycle.objects.annotate(count=Count("responses")).filter(count__gt=0),
        }

    def is_shown(self):
        return self.request.user.has_perm("surveys.view_response")


@hooks.register("construct_homepage_summary_items")
def add_responses_summary(request, items):
    items.append(ResponsesSummaryItem(request))


# Responses are never lost: a survey with answers (or a page above one) cannot be deleted.


def _has_responses(pages) -> bool:
    paths = [page.path for page in pages]
    if not paths:
        return False
    query = Q()
    for page_path in paths:
        query |= Q(survey__path__startswith=page_path)
    return Response.objects.filter(query).exists()


def _refuse_deletion(request, redirect_to):
    messages.error(
        request,
        "This page has survey responses under it, so it cannot be deleted: the answers must be "
        "kept for comparing years. Unpublish it instead, to stop new answers.",
    )
    return redirect(redirect_to)


@hooks.register("before_delete_page")
def keep_surveys_with_responses(request, page):
    if _has_responses([page]):
        return _refuse_deletion(
            request, reverse("wagtailadmin_explore", args=[page.get_parent().pk])
        )
    return None


@hooks.register("before_bulk_action")
def keep_surveys_with_responses_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        if _has_responses(objects):
            return _refuse_deletion(request, reverse("wagtailadmin_explore_root"))
    return None


@hooks.register("setup_site", order=10)
def set_up_surveys(*, home, stdout):
    """Starter content for `manage.py setup_site`: “Have your say”, first in the menu, with the
    council's surveys and the Survey managers' permission to build them."""
    index = build_surveys(home=home)
    put_first_in_menu(index)
    stdout.write(f"Surveys ready under “{index.title}” at {index.url}")
