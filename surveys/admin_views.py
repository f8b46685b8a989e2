"""Admin views that are not plain model forms: making invitation links as a CSV download, and
looking at a safeguarding flag."""

import csv
import logging

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from accounts.audit import record_staff_event
from cms.spreadsheets import spreadsheet_safe
from surveys import services
from surveys.models import CarerRole, Cycle, SafeguardingFlag, SurveyPage

logger = logging.getLogger(__name__)


class MakeInvitationsForm(forms.Form):
    survey = forms.ModelChoiceField(
        queryset=SurveyPage.objects.filter(requires_invitation=True).order_by("title"),
        help_text="Only surveys that are by invitation are listed.",
    )
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.all(), empty_label=None)
    count = forms.IntegerField(
        label="How many links",
        min_value=1,
        max_value=services.MAX_INVITATIONS_AT_ONCE,
        initial=10,
    )
    label = forms.ChoiceField(
        choices=CarerRole.choices,
        required=False,
        help_text="Optional: kept with each response, so results can be split by kind of "
        "carer. Never linked to the person.",
    )

    def clean(self):
        cleaned = super().clean()
        survey, cycle = cleaned.get("survey"), cleaned.get("cycle")
        if survey and cycle and survey.cycle_id != cycle.pk:
            self.add_error(
                "cycle", f"“{survey.title}” is answered in the {survey.cycle} cycle just now."
            )
        return cleaned


class MakeInvitationsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Make single-use invitation links and download them at once as a CSV for a mail merge.

    The links exist only in this download: the site keeps a hash of each token, so a lost CSV
    cannot be downloaded again (make new links instead).
    """

    permission_policy = None
    permission_required = "add"
    index_url_name = None
    form_class = MakeInvitationsForm
    template_name = "surveys/admin/make_invitations.html"
    page_title = "Make invitation links"
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Invitations"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label="Make links and download CSV",
            submit_button_active_label="Making links…",
        )
        return context

    def form_valid(self, form):
        survey, cycle = form.cleaned_data["survey"], form.cleaned_data["cycle"]
        label = form.cleaned_data["label"] or ""
        made = services.make_invitations(
            survey=survey,
            cycle=cycle,
            count=form.cleaned_data["count"],
            label=label,
            by=self.request.user,
        )
        logger.info("%d invitation links made for survey %d", len(made), survey.pk)

        filename = f"invitations-{survey.slug}-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(["number", "survey", "cycle", "label", "link"])
        for number, new in enumerate(made, start=1):
            link = self.request.build_absolute_uri(survey.step_url("invitation", token=new.token))
            writer.writerow(
                [
                    number,
                    spreadsheet_safe(survey.title),
                    spreadsheet_safe(cycle.name),
                    new.invitation.get_label_display() if label else "",
                    link,
                ]
            )
        return response


class FlagStatusForm(WagtailAdminModelForm):
    """A new status for a flag, with a note: saved through services.record_flag_status."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What you did or decided. Kept with the flag's history.",
    )

    class Meta:
        model = SafeguardingFlag
        fields = ["status"]


class SafeguardingFlagEditView(generic.EditView):
    """The flag with the answer it was raised for, its history, and a form to move it on."""

    template_name = "surveys/admin/safeguarding_flag.html"

    def get_form_class(self):
        return FlagStatusForm

    def get_object(self, queryset=None):
        flags = SafeguardingFlag.objects.select_related("response__survey", "handled_by")
        return get_object_or_404(
            flags.prefetch_related("response__answers", "events__by"),
            pk=self.args[0] if self.args else self.kwargs["pk"],
        )

    def save_instance(self):
        services.record_flag_status(
            flag=self.object,
            status=self.form.cleaned_data["status"],
            note=self.form.cleaned_data["note"],
            by=self.request.user,
        )
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flag = self.object
        # Each time the answer is shown. Not which flag: see services.record_flag_status.
        record_staff_event(
            action="safeguarding-flag.read",
            description="Read a flagged answer.",
            user=self.request.user,
        )
        survey = flag.response.survey.specific
        question = survey.question_by_key.get(flag.question_key)
        context.update(
            flag=flag,
            survey=survey,
            question_text=question.text if question else flag.question_key,
            answer_texts=flag.answer_texts,
            events=list(flag.events.all()),
        )
        return context
