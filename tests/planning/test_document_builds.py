"""Documents are built by the task worker, not in the web request: a download that is not
stored yet queues one build (however many ask), shows its progress, and downloads at once
when it is ready; a failed build says so and can be tried again; nothing waits forever."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from planning.documents import builds, cache
from planning.models import DocumentKind, ImplementationPlan, RenderedDocument
from tests.factories import ImplementationPlanFactory, OrganisationFactory

# The worker commits as it goes, as in production, so these tests cannot run in a rolled-back
# transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support", owner=lead)


@pytest.fixture
def hr_client(client, organisation, member_of):
    client.force_login(member_of(organisation, MemberRole.HR))
    return client


def pdf_url(plan):
    return reverse("documents:pdf", args=[plan.pk])


def ask(client, url):
    """Ask for a document: the progress page's URL it redirects to."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def test_a_download_not_built_yet_is_queued_and_followed_to_the_download(
    hr_client, plan, task_worker
):
    progress_url = ask(hr_client, pdf_url(plan))
    assert progress_url.startswith(f"/plans/{plan.pk}/document/builds/")
    assert not RenderedDocument.objects.exists()  # the web request built nothing

    page = hr_client.get(progress_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Waiting to start" in text
    # Without JavaScript the page refreshes itself; with it, the script updates in place.
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in text
    assert "js/document-build" in text
    assert "Download the" not in text

    task_worker()

    page = hr_client.get(progress_url)
    text = page.content.decode()
    assert "Your document is ready" in text
    assert 'http-equiv="refresh"' not in text  # finished: nothing refreshes any more
    assert f'href="{pdf_url(plan)}"' in text

    download = hr_client.get(pdf_url(plan))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert RenderedDocument.objects.filter(plan=plan, kind=DocumentKind.FULL).count() == 1


def test_people_asking_for_the_same_document_meanwhile_follow_one_build(
    hr_client, other_client, plan, organisation, member_of, task_worker
):
    other_client.force_login(member_of(organisation, MemberRole.LEAD))
    first = ask(hr_client, pdf_url(plan))
    assert ask(other_client, pdf_url(plan)) == first
    assert ask(hr_client, pdf_url(plan)) == first
    # Another kind of document is another build.
    assert ask(hr_client, reverse("documents:word", args=[plan.pk])) != first


def test_a_change_to_the_plan_meanwhile_asks_for_a_new_build(hr_client, plan, task_worker):
    first = ask(hr_client, pdf_url(plan))
    ImplementationPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    second = ask(hr_client, pdf_url(plan))
    assert second != first
    task_worker()
    download = hr_client.get(pdf_url(plan))
    assert download.status_code == 200


def test_a_failed_build_says_so_and_can_be_tried_again(hr_client, plan, task_worker, monkeypatch):
    def broken(plan):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setitem(cache.BUILDERS, DocumentKind.FULL, broken)
    progress_url = ask(hr_client, pdf_url(plan))
    task_worker()

    text = hr_client.get(progress_url).content.decode()
    assert "The document could not be built" in text
    assert "Try again" in text
    assert "WeasyPrint" not in text  # the error is for the logs, not the page
    assert not RenderedDocument.objects.exists()

    monkeypatch.undo()
    retried = hr_client.post(progress_url)
    assert retried.status_code == 302
    new_progress_url = retried["Location"]
    assert new_progress_url != progress_url
    # Pressing "Try again" a second time (a double click) follows the same new build.
    assert hr_client.post(progress_url)["Location"] == new_progress_url
    task_worker()
    assert "Your document is ready" in hr_client.get(new_progress_url).content.decode()
    assert hr_client.get(pdf_url(plan))["Content-Type"] == "application/pdf"


def test_a_build_no_worker_takes_up_offers_another_try_instead_of_waiting_for_ever(
    hr_client, plan, task_worker, monkeypatch
):
    progress_url = ask(hr_client, pdf_url(plan))
    later = timezone.now() + builds.WAITING_TOO_LONG + timedelta(seconds=1)
    monkeypatch.setattr(builds.timezone, "now", lambda: later)
    text = hr_client.get(progress_url).content.decode()
    assert "This is taking longer than it should" in text
    assert "Try again" in text
    assert 'http-equiv="refresh"' not in text
    # Trying again queues a new build even though the first still says it is waiting.
    assert hr_client.post(progress_url)["Location"] != progress_url


def test_a_waiting_build_cannot_be_queued_again_by_posting(hr_client, plan, task_worker):
    progress_url = ask(hr_client, pdf_url(plan))
    assert hr_client.post(progress_url)["Location"] == progress_url


def test_a_stored_document_downloads_at_once_without_a_progress_page(hr_client, plan, task_worker):
    ask(hr_client, pdf_url(plan))
    task_worker()
    response = hr_client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_build_is_only_shown_under_its_own_plan(hr_client, plan, organisation, task_worker):
    progress_url = ask(hr_client, pdf_url(plan))
    task_id = progress_url.rstrip("/").rsplit("/", 1)[1]
    sibling = ImplementationPlanFactory(organisation=organisation, title="Another plan")
    assert hr_client.get(reverse("documents:build", args=[sibling.pk, task_id])).status_code == 404
    assert (
        hr_client.get(reverse("documents:build", args=[plan.pk, "no-such-build"])).status_code
        == 404
    )
    # Another organisation's people cannot see it at all.
    outsider_plan = ImplementationPlanFactory(organisation=OrganisationFactory())
    assert hr_client.get(
        reverse("documents:build", args=[outsider_plan.pk, task_id])
    ).status_code in (
        403,
        404,
    )


def test_the_worker_builds_the_word_file_too(hr_client, plan, task_worker):
    url = reverse("documents:word", args=[plan.pk])
    progress_url = ask(hr_client, url)
    task_worker()
    assert "Implementation plan (Word)" in hr_client.get(progress_url).content.decode()
    response = hr_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('board-paper-v1.docx"')
    assert response.content.startswith(b"PK")  # a .docx is a zip file
