"""Curators work in the product's own pages (issue 18): a queue of what awaits review, a
preview of each item as it will be published, and publish, send back with a comment or
retire, each confirmed. Only staff with `roles.curate` may open them."""

import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from roles.models import (
    CaseStudy,
    CaseStudyStatus,
    RoleTemplate,
    RoleTemplateVersion,
    TemplateStatus,
)
from tests.factories import (
    CaseStudyFactory,
    MembershipFactory,
    RoleFactory,
    RoleTemplateFactory,
    UserFactory,
)
from tests.url_walk import is_curators_page, make_curator, routes

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator():
    return make_curator()


@pytest.fixture
def curator_client(curator):
    """The curator's own browser, beside the `client` of the other people in a test."""
    browser = Client()
    browser.force_login(curator)
    return browser


def text_of(response) -> str:
    """The words of a page, as read (tags out, character references resolved)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# --- Who may open the curators' pages -------------------------------------------------------

CURATORS_ROUTES = [r for r in routes() if is_curators_page(r)]


def test_the_curators_pages_are_found():
    assert {r.name for r in CURATORS_ROUTES} == {
        "curate:queue",
        "curate:case_study",
        "curate:case_study_publish",
        "curate:case_study_send_back",
        "curate:case_study_retire",
        "curate:template",
        "curate:template_publish",
        "curate:template_send_back",
        "curate:template_retire",
    }


def _url(route):
    from tests.url_walk import curators_record

    return route.url(pk=curators_record(route).pk) if "pk" in route.params else route.url()


@pytest.mark.parametrize("route", CURATORS_ROUTES, ids=str)
def test_only_staff_who_may_curate_open_the_curators_pages(client, route, organisation):
    methods = ["get", "post"] if route.accepts_post() else ["get"]
    staff_only = UserFactory(is_staff=True)
    permission_only = UserFactory()
    permission_only.user_permissions.add(Permission.objects.get(codename="curate"))
    lead = MembershipFactory(organisation=organisation, role=MemberRole.LEAD).user
    for method in methods:
        url = _url(route)
        client.logout()
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        for refused in (lead, staff_only, permission_only):
            client.force_login(refused)
            assert getattr(client, method)(url).status_code == 403, (method, refused)
    # Refused requests decided nothing.
    assert not CaseStudy.objects.exclude(status=CaseStudyStatus.IN_REVIEW).exists()
    assert not RoleTemplate.objects.exclude(status=TemplateStatus.IN_REVIEW).exists()
    client.force_login(make_curator())
    assert client.get(_url(route)).status_code in (200, 302)


# --- The queue ------------------------------------------------------------------------------


def test_the_queue_lists_proposals_offered_templates_and_case_studies_due_for_review(
    curator_client,
):
    today = timezone.localdate()
    proposed = CaseStudyFactory(
        title="Peer support in Leeds",
        status=CaseStudyStatus.IN_REVIEW,
        proposed_by=MembershipFactory().organisation,
    )
    offered = RoleTemplateFactory(title="Care navigator package from a trust's plan")
    due = CaseStudyFactory(title="Old but published", last_reviewed=today - timedelta(days=400))
    never = CaseStudyFactory(title="Never reviewed", last_reviewed=None)
    CaseStudyFactory(title="Fresh and published", last_reviewed=today)
    CaseStudyFactory(title="Sent back draft", status=CaseStudyStatus.DRAFT)
    CaseStudyFactory(title="Retired long ago", status=CaseStudyStatus.RETIRED)
    RoleTemplateFactory(title="Declined template", status=TemplateStatus.DRAFT)

    response = curator_client.get(reverse("curate:queue"))
    assert response.status_code == 200
    page = response.content.decode()
    shown = text_of(response)
    for item, url_name in [
        (proposed, "curate:case_study"),
        (offered, "curate:template"),
        (due, "curate:case_study"),
        (never, "curate:case_study"),
    ]:
        assert reverse(url_name, args=[item.pk]) in page, item
    assert f"Proposed by {proposed.proposed_by.name}" in shown
    assert "Never reviewed" in shown
    for absent in (
        "Fresh and published",
        "Sent back draft",
        "Retired long ago",
        "Declined template",
    ):
        assert absent not in shown
    assert "Proposed case studies (1)" in shown
    assert "Role templates offered from plans (1)" in shown
    assert "Case studies due for review (2)" in shown


def test_an_empty_queue_says_so(curator_client):
    shown = text_of(curator_client.get(reverse("curate:queue")))
    assert "No case studies await review." in shown
    assert "No role templates await review." in shown
    assert "No case studies are due for review." in shown


def test_curators_find_their_pages_from_the_header(curator, lead):
    queue = reverse("curate:queue")
    for person, sees_it in ((curator, True), (lead, False)):
        browser = Client()
        browser.force_login(person)
        assert (f'href="{queue}"' in browser.get(reverse("roles:library")).content.decode()) is (
            sees_it
        )


# --- Case studies ---------------------------------------------------------------------------


def test_a_lead_proposal_keeps_its_roles_and_stages_and_arrives_in_review(
    lead_client, organisation, client, curator
):
    navigator = RoleFactory(name="Care navigator")
    response = lead_client.post(
        reverse("roles:propose_case_study"),
        {
            "title": "Navigators in our GP practices",
            "care_setting": "primary_care",
            "summary": "Navigators booked patients into the right service.",
            "source_title": "Board paper",
            "stages": ["setting-a-foundation", "training-and-support"],
            "roles": [navigator.pk],
        },
    )
    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert case_study.status == CaseStudyStatus.IN_REVIEW
    assert list(case_study.roles.all()) == [navigator]
    assert case_study.stages == ["setting-a-foundation", "training-and-support"]

    client.force_login(curator)
    assert "Navigators in our GP practices" in text_of(client.get(reverse("curate:queue")))
    preview = text_of(client.get(reverse("curate:case_study", args=[case_study.pk])))
    assert "Roles Care navigator" in preview
    assert "Not named" not in preview
    assert "Stages of the cycle Setting a Foundation, Training and Support" in preview
    assert f"Proposed by {organisation.name}" in preview
    assert "Status: In review" in preview


def test_roles_named_in_the_library_are_the_catalogues_and_the_local_titles(client):
    navigator = RoleFactory(name="Care navigator")
    case_study = CaseStudyFactory(with_roles=[navigator], role_names="care navigator, Link worker")
    client.force_login(UserFactory())
    page = text_of(client.get(reverse("roles:case_study", args=[case_study.slug])))
    assert "Roles Care navigator, Link worker" in page


def test_publishing_a_proposal_asks_first_then_publishes_it(curator_client, curator):
    proposal = CaseStudyFactory(title="Peer workers on wards", status=CaseStudyStatus.IN_REVIEW)
    review = curator_client.get(reverse("curate:case_study", args=[proposal.pk]))
    publish = reverse("curate:case_study_publish", args=[proposal.pk])
    assert f'href="{publish}"' in review.content.decode()

    confirm = curator_client.get(publish)
    assert confirm.status_code == 200
    assert "Publish “Peer workers on wards”" in text_of(confirm)
    assert '<form method="post"' in confirm.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == CaseStudyStatus.IN_REVIEW  # asking changes nothing

    response = curator_client.post(publish)
    assert response["Location"] == reverse("curate:queue")
    proposal.refresh_from_db()
    assert proposal.status == CaseStudyStatus.PUBLISHED
    assert proposal.curator == curator
    assert proposal.last_reviewed == timezone.localdate()
    shown = text_of(curator_client.get(reverse("curate:queue")))
    assert "“Peer workers on wards” is published." in shown
    assert "No case studies await review." in shown
    library = text_of(curator_client.get(reverse("roles:library")))
    assert "Peer workers on wards" in library


def test_a_case_study_due_for_review_is_marked_as_reviewed(curator_client):
    stale = CaseStudyFactory(
        title="Still right", last_reviewed=timezone.localdate() - timedelta(days=400)
    )
    publish = reverse("curate:case_study_publish", args=[stale.pk])
    assert "Mark “Still right” as reviewed" in text_of(curator_client.get(publish))
    curator_client.post(publish)
    stale.refresh_from_db()
    assert stale.status == CaseStudyStatus.PUBLISHED
    assert not stale.is_review_due
    assert "No case studies are due for review." in text_of(
        curator_client.get(reverse("curate:queue"))
    )


def test_sending_back_needs_a_comment_which_the_proposer_then_sees(
    curator_client, client, organisation, member_of
):
    proposal = CaseStudyFactory(
        title="Our pilot", status=CaseStudyStatus.IN_REVIEW, proposed_by=organisation
    )
    url = reverse("curate:case_study_send_back", args=[proposal.pk])
    page = curator_client.get(url)
    assert page.status_code == 200 and "What should they change?" in text_of(page)

    refused = curator_client.post(url, {"comment": ""})
    assert refused.status_code == 200
    assert "Say what should change before sending it back" in text_of(refused)
    proposal.refresh_from_db()
    assert proposal.status == CaseStudyStatus.IN_REVIEW

    comment = "Add the source's year and who evaluated the pilot."
    response = curator_client.post(url, {"comment": comment})
    assert response["Location"] == reverse("curate:queue")
    proposal.refresh_from_db()
    assert proposal.status == CaseStudyStatus.DRAFT
    assert proposal.curator_comment == comment
    # Kept on the record, shown on the review page...
    review = text_of(curator_client.get(reverse("curate:case_study", args=[proposal.pk])))
    assert f"Comment sent back: {comment}" in review
    # ...and to the organisation that proposed it, on its library page.
    client.force_login(member_of(organisation, MemberRole.LEAD))
    library = text_of(client.get(reverse("roles:library")))
    assert "Our pilot Sent back" in library
    assert f"The curators said: {comment}" in library
    # Not to anyone else.
    client.force_login(MembershipFactory(role=MemberRole.LEAD).user)
    assert "Our pilot" not in text_of(client.get(reverse("roles:library")))


def test_retiring_asks_first_and_takes_the_case_study_out_of_the_library(
    curator_client, curator, lead_client
):
    published = CaseStudyFactory(title="Outdated example")
    retire = reverse("curate:case_study_retire", args=[published.pk])
    confirm = curator_client.get(retire)
    assert "Retire “Outdated example”" in text_of(confirm)
    assert "nhsuk-button--warning" in confirm.content.decode()
    curator_client.post(retire)
    published.refresh_from_db()
    assert published.status == CaseStudyStatus.RETIRED
    assert published.curator == curator
    assert "Outdated example" not in text_of(lead_client.get(reverse("roles:library")))


def test_a_decision_that_no_longer_fits_changes_nothing(curator_client):
    published = CaseStudyFactory(title="Published already")
    url = reverse("curate:case_study_send_back", args=[published.pk])
    for response in (curator_client.get(url), curator_client.post(url, {"comment": "Why?"})):
        assert response["Location"] == reverse("curate:case_study", args=[published.pk])
    published.refresh_from_db()
    assert published.status == CaseStudyStatus.PUBLISHED
    assert published.curator_comment == ""
    review = curator_client.get(reverse("curate:case_study", args=[published.pk]))
    assert "Nothing changed" in text_of(review)
    # The review page offers only what fits: no sending back a published case study.
    assert url not in review.content.decode()

    # A case study another curator sent back meanwhile is not published from an older page.
    sent_back = CaseStudyFactory(status=CaseStudyStatus.DRAFT, curator_comment="Add a source")
    publish = reverse("curate:case_study_publish", args=[sent_back.pk])
    assert curator_client.post(publish)["Location"] == reverse(
        "curate:case_study", args=[sent_back.pk]
    )
    sent_back.refresh_from_db()
    assert sent_back.status == CaseStudyStatus.DRAFT
    review = curator_client.get(reverse("curate:case_study", args=[sent_back.pk]))
    assert "Nothing to decide while it is a draft" in text_of(review)


# --- Role templates offered from plans ------------------------------------------------------


def test_the_preview_highlights_every_replacement_and_escapes_the_text(curator_client):
    template = RoleTemplateFactory(
        summary="<script>alert(1)</script> [organisation] asked [line manager].",
        answers={"setting-a-foundation": {"patient_need": "Carers of [organisation] get lost."}},
        replacements={"[organisation]": 2, "[line manager]": 2},
    )
    response = curator_client.get(reverse("curate:template", args=[template.pk]))
    page = response.content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    marks = re.findall(r'<mark class="app-replacement">([^<]*)</mark>', page)
    # Every placeholder in the text (summary, answer, risk), and the key's example.
    assert sorted(marks) == sorted(
        ["[organisation]", "[line manager]", "[organisation]", "[line manager]", "like this"]
    )
    shown = text_of(response)
    assert "4 names were replaced by the role of the person or body" in shown
    assert "[organisation]: 2 times" in shown
    # The answers read with the workflow's questions.
    assert "What do patients or service users need that they do not get now?" in shown


def test_publishing_an_offered_template_asks_first_and_publishes_it_once(
    curator_client, curator, lead_client
):
    template = RoleTemplateFactory(title="Care navigator package")
    publish = reverse("curate:template_publish", args=[template.pk])
    confirm = text_of(curator_client.get(publish))
    assert "Publish “Care navigator package”" in confirm
    assert "2 names were replaced" in confirm
    assert not RoleTemplateVersion.objects.exists()

    response = curator_client.post(publish)
    assert response["Location"] == reverse("curate:queue")
    template.refresh_from_db()
    assert template.status == TemplateStatus.PUBLISHED
    version = template.current_version
    assert version.number == 1 and version.published_by == curator
    assert "Care navigator package" in text_of(lead_client.get(reverse("roles:template_list")))

    again = curator_client.post(publish)  # a second click, or a resent request
    assert again["Location"] == reverse("curate:template", args=[template.pk])
    assert RoleTemplateVersion.objects.count() == 1


def test_a_template_that_could_not_start_a_plan_is_not_published(curator_client):
    template = RoleTemplateFactory(risks=[{"description": "Half a risk"}])
    response = curator_client.post(reverse("curate:template_publish", args=[template.pk]))
    assert response.status_code == 400
    assert "It cannot be published yet." in text_of(response)
    template.refresh_from_db()
    assert template.status == TemplateStatus.IN_REVIEW
    assert not RoleTemplateVersion.objects.exists()


def test_sending_back_an_offered_template_tells_the_organisation_why(
    curator_client, client, organisation, member_of
):
    template = RoleTemplateFactory(title="Peer support package", offered_by=organisation)
    comment = "The scope of practice names a ward; take it out and offer it again."
    url = reverse("curate:template_send_back", args=[template.pk])
    curator_client.post(url, {"comment": comment})
    template.refresh_from_db()
    assert template.status == TemplateStatus.DRAFT
    assert template.curator_comment == comment
    client.force_login(member_of(organisation, MemberRole.LEAD))
    library = text_of(client.get(reverse("roles:library")))
    assert "Peer support package Sent back" in library
    assert f"The curators said: {comment}" in library


def test_retiring_a_template_stops_new_plans_starting_from_it(curator_client, lead_client):
    template = RoleTemplateFactory(title="Old package")
    curator_client.post(reverse("curate:template_publish", args=[template.pk]))
    retire = reverse("curate:template_retire", args=[template.pk])
    assert "No new plan can start from it" in text_of(curator_client.get(retire))
    curator_client.post(retire)
    template.refresh_from_db()
    assert template.status == TemplateStatus.RETIRED
    assert "Old package" not in text_of(lead_client.get(reverse("roles:template_list")))
    assert lead_client.get(reverse("roles:template", args=[template.slug])).status_code == 404
