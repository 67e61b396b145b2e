"""Discussion on each stage of a plan and on each record: comments with their author and
time, which the author may correct for 15 minutes; kept in the plan's history; binned and
restored with their record; shown as text whatever they contain; members mentioned are
emailed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from planning import records
from planning.models import Comment
from tests.factories import ImplementationPlanFactory, RiskFactory

pytestmark = pytest.mark.django_db

STAGE = "training-and-support"


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, title="PSW plan", owner=lead)


@pytest.fixture
def colleague(organisation, member_of):
    user = member_of(organisation, MemberRole.EDITOR)
    user.first_name, user.last_name = "Priya", "Shah"
    user.save()
    return user


def stage_url(plan):
    return reverse("planning:stage_discussion", args=[plan.pk, STAGE])


def test_an_editor_comments_on_a_stage_with_author_and_time(lead_client, plan, lead):
    response = lead_client.post(stage_url(plan), {"text": "Who supervises at weekends?"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.stage, comment.about, comment.author) == (STAGE, "", lead)
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "Who supervises at weekends?" in page
    assert lead.display_name in page
    assert comment.history.count() == 1  # in the plan's history


def test_a_comment_on_a_record_is_found_from_its_page(lead_client, plan):
    risk = RiskFactory(plan=plan, description="Supervisors leave")
    edit = lead_client.get(reverse("planning:risk_update", args=[plan.pk, risk.pk]))
    url = reverse("planning:record_discussion", args=[plan.pk, "planning.risk", risk.pk])
    assert url in edit.content.decode()
    lead_client.post(url, {"text": "Raised at the workforce committee"})
    assert Comment.objects.get().about == f"planning.risk:{risk.pk}"
    page = lead_client.get(url).content.decode()
    assert "Discussion: risk “Supervisors leave”" in page


def test_markup_in_a_comment_is_shown_as_text(lead_client, plan):
    lead_client.post(stage_url(plan), {"text": "<script>alert(1)</script>"})
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_viewers_read_but_do_not_comment(client, plan, organisation, member_of):
    client.force_login(member_of(organisation, MemberRole.VIEWER))
    assert client.get(stage_url(plan)).status_code == 200
    assert client.post(stage_url(plan), {"text": "Me too"}).status_code == 403
    assert not Comment.objects.exists()


def test_an_empty_comment_is_explained(lead_client, plan):
    response = lead_client.post(stage_url(plan), {"text": "  "})
    assert response.status_code == 200
    assert "Write your comment" in response.content.decode()
    assert not Comment.objects.exists()


def test_only_its_author_may_correct_a_comment_and_only_for_15_minutes(
    lead_client, client, plan, colleague
):
    lead_client.post(stage_url(plan), {"text": "Typo hre"})
    comment = Comment.objects.get()
    url = reverse("planning:comment_update", args=[plan.pk, comment.pk])
    response = lead_client.post(url, {"text": "Typo here", "lock_version": comment.lock_version})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Typo here"

    client.force_login(colleague)
    assert client.get(url).status_code == 403

    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert lead_client.get(url).status_code == 403


def test_a_records_discussion_goes_to_the_bin_and_back_with_it(lead_client, plan, lead):
    risk = RiskFactory(plan=plan)
    url = reverse("planning:record_discussion", args=[plan.pk, "planning.risk", risk.pk])
    lead_client.post(url, {"text": "Keep an eye on this"})
    records.move_to_bin(risk, lead)
    assert not Comment.objects.exists()  # in the bin with the risk
    assert lead_client.get(url).status_code == 404
    risk.refresh_from_db()
    records.restore_from_bin(risk)
    assert Comment.objects.get().text == "Keep an eye on this"


def test_another_organisations_record_has_no_discussion_here(lead_client, plan, cycle):
    elsewhere = RiskFactory()  # another plan, another organisation
    url = reverse("planning:record_discussion", args=[plan.pk, "planning.risk", elsewhere.pk])
    assert lead_client.get(url).status_code == 404


def test_members_mentioned_are_emailed(
    lead_client, plan, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            stage_url(plan), {"text": "Can you check the rota?", "mentions": [colleague.pk]}
        )
    (email,) = mailoutbox
    assert email.to == [colleague.email]
    assert "mentioned you in PSW plan" in email.subject
    assert "Can you check the rota?" in email.body
    assert stage_url(plan) in email.body


def test_an_authors_two_tabs_cannot_overwrite_each_other(lead_client, plan):
    lead_client.post(stage_url(plan), {"text": "First words"})
    comment = Comment.objects.get()
    url = reverse("planning:comment_update", args=[plan.pk, comment.pk])
    version = comment.lock_version
    assert lead_client.post(url, {"text": "Tab one", "lock_version": version}).status_code == 302
    stale = lead_client.post(url, {"text": "Tab two", "lock_version": version})
    assert stale.status_code == 409
    comment.refresh_from_db()
    assert comment.text == "Tab one"
