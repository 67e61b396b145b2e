"""Discussion pages: the comments on a stage or on a record, and adding and correcting one."""

from functools import cached_property

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from newroles.accounts.models import User
from newroles.accounts.permissions import Action
from newroles.accounts.selectors import active_people_in
from newroles.ui.forms import Form
from newroles.ui.mixins import CreateOnceMixin

from .. import discussion, records
from ..forms import VersionedModelForm
from ..mixins import PlanMixin
from ..models import EDIT_MINUTES, Comment, Stage
from .parts import PartUpdateView

TEXT_ERRORS = {
    "required": "Write your comment",
    "max_length": "Keep the comment to 5,000 characters or fewer",
}


class CommentForm(Form):
    text = forms.CharField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=TEXT_ERRORS,
    )
    mentions = forms.ModelMultipleChoiceField(
        label="Mention members (optional)",
        help_text="Each member you choose is emailed a link to this discussion.",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mentions"]
        field.queryset = active_people_in(plan.organisation_id)
        field.label_from_instance = lambda user: f"@{user.display_name}"


class DiscussionView(PlanMixin, CreateOnceMixin, FormView):
    """A discussion: anyone who can see the plan reads it; editors add to it."""

    template_name = "planning/discussion.html"
    form_class = CommentForm
    required_action = Action.VIEW
    required_action_for_post = Action.EDIT

    def subject(self) -> tuple[str, str, str]:
        """(stage, about, what the discussion is about, in words)."""
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def form_valid(self, form):
        stage, about, _ = self.subject()
        comment = discussion.add_comment(
            plan=self.plan,
            author=self.request.user,
            text=form.cleaned_data["text"],
            stage=stage,
            about=about,
            mentions=list(form.cleaned_data["mentions"]),
            url=self.request.path,
        )
        messages.success(self.request, "Comment added.")
        return redirect(f"{self.request.path}#comment-{comment.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stage, about, what = self.subject()
        talk = discussion.Discussion.of(self.plan, stage=stage, about=about)
        context.update(
            discussion=talk,
            editable=talk.editable_by(self.request.user),
            what=what,
            back_url=self.back_url(),
            edit_minutes=EDIT_MINUTES,
            page_title=f"Discussion: {what}",
        )
        return context


class StageDiscussionView(DiscussionView):
    def subject(self):
        if self.kwargs["stage"] not in Stage.values:
            raise Http404
        return self.kwargs["stage"], "", Stage(self.kwargs["stage"]).label

    def back_url(self):
        return reverse("planning:stage", args=[self.plan.pk, self.kwargs["stage"]])


class RecordDiscussionView(DiscussionView):
    @cached_property
    def record(self):
        record = discussion.record_named(self.plan, f"{self.kwargs['kind']}:{self.kwargs['pk']}")
        if record is None:
            raise Http404
        return record

    def subject(self):
        record = self.record
        return "", records.record_key(record), f"{record._meta.verbose_name} “{record}”"

    def back_url(self):
        return reverse("planning:plan_detail", args=[self.plan.pk])


class CommentEditForm(VersionedModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        labels = {"text": "Your comment"}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": TEXT_ERRORS}


class CommentUpdateView(PartUpdateView):
    """Its author corrects a comment, for EDIT_MINUTES after writing it."""

    model = Comment
    form_class = CommentEditForm

    def get_part(self):
        comment = super().get_part()
        if not discussion.can_edit(comment, self.request.user):
            raise PermissionDenied(
                f"Only its author can change a comment, for {EDIT_MINUTES} minutes."
            )
        return comment

    def get_success_url(self):
        comment = self.get_part()
        if comment.stage:
            url = reverse("planning:stage_discussion", args=[self.plan.pk, comment.stage])
        else:
            kind, _, pk = comment.about.partition(":")
            url = reverse("planning:record_discussion", args=[self.plan.pk, kind, pk])
        return f"{url}#comment-{comment.pk}"
