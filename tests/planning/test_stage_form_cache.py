"""A stage page's form fields are cached, each under a digest of what it shows
(plan_cache.fragment), and the stage's checklist while the plan's checklist is unchanged: with
the cache as in production, every change to the stage's answers or checklist, wherever it is
made, shows on the next page, and no plan ever sees another's answers. A fresh stakeholder form
is cached likewise, under its initial values."""

import pytest
from django.urls import reverse

from planning.benchmarks.htmlforms import form_with
from planning.models import ChecklistResponse, GoodPracticePoint, PointStatus, Stage
from tests.factories import ImplementationPlanFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

STAGE = Stage.TRAINING_AND_SUPPORT


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def stage_url(plan):
    return reverse("planning:stage", args=[plan.pk, STAGE])


def fields_of(client, plan):
    page = client.get(stage_url(plan)).content.decode()
    fields = form_with(page, "training_route")["fields"]
    fields.pop("csrfmiddlewaretoken")  # new on every page: it is never cached
    return fields


def save(client, plan, **changes):
    fields = fields_of(client, plan)
    fields.update(changes, draft="1")
    response = client.post(stage_url(plan), fields)  # the test client needs no CSRF token
    assert response.status_code == 302, response.content.decode()[:300]


def test_a_saved_answer_and_its_new_version_show_on_the_next_page(
    lead_client, plan, real_plan_cache
):
    before = fields_of(lead_client, plan)
    assert before["training_route"] == ""
    assert fields_of(lead_client, plan) == before  # the second page comes from the cache
    save(lead_client, plan, training_route="Apprenticeship with the local university")
    after = fields_of(lead_client, plan)
    assert after["training_route"] == "Apprenticeship with the local university"
    assert int(after["lock_version"]) > int(before["lock_version"])


def test_a_checklist_change_made_in_the_admin_shows_at_once(
    lead_client, admin_client, plan, real_plan_cache
):
    point = GoodPracticePoint.objects.filter(stage__slug=STAGE).order_by("order").first()
    response = ChecklistResponse.objects.create(plan=plan, point=point)
    assert fields_of(lead_client, plan)[f"status_{point.code}"] == PointStatus.NOT_STARTED
    url = reverse("admin:planning_checklistresponse_change", args=[response.pk])
    data = form_data(admin_client.get(url).context["adminform"].form)
    data.update(status=PointStatus.DONE, note="Met at the steering group")
    assert admin_client.post(url, data).status_code == 302
    fields = fields_of(lead_client, plan)
    assert fields[f"status_{point.code}"] == PointStatus.DONE
    assert fields[f"note_{point.code}"] == "Met at the steering group"


def test_a_curators_change_to_a_point_shows_at_once(lead_client, plan, real_plan_cache):
    point = GoodPracticePoint.objects.filter(stage__slug=STAGE).order_by("order").first()
    lead_client.get(stage_url(plan))
    point.guidance = "Agree protected learning time with the ward manager first."
    point.save()
    assert point.guidance in lead_client.get(stage_url(plan)).content.decode()


def test_plans_never_share_answers(lead_client, organisation, plan, real_plan_cache):
    other = ImplementationPlanFactory(organisation=organisation)
    save(lead_client, plan, training_route="Only for the first plan")
    assert fields_of(lead_client, plan)["training_route"] == "Only for the first plan"
    assert fields_of(lead_client, other)["training_route"] == ""


def test_a_form_sent_back_with_errors_shows_what_was_typed(lead_client, plan, real_plan_cache):
    fields = fields_of(lead_client, plan)
    fields.update(training_route="x" * 20_000, draft="1")
    response = lead_client.post(stage_url(plan), fields)
    assert response.status_code == 200
    assert "x" * 20_000 in response.content.decode()
    assert fields_of(lead_client, plan)["training_route"] == ""


def test_a_case_study_published_after_the_page_was_cached_shows_at_once(
    lead_client, plan, real_plan_cache, django_user_model
):
    from roles.models import CaseStudy, CaseStudyStatus
    from roles.services import set_case_study_status
    from tests.factories import CaseStudyFactory

    draft = CaseStudyFactory(
        title="Peer workers on the discharge ward", stages=[STAGE], status=CaseStudyStatus.DRAFT
    )
    assert draft.title not in lead_client.get(stage_url(plan)).content.decode()
    curator = django_user_model.objects.create(email="curator@example.org", is_staff=True)
    # The curators' bulk action: a queryset update, which sends no signals.
    set_case_study_status(
        CaseStudy.objects.filter(pk=draft.pk), CaseStudyStatus.PUBLISHED, curator=curator
    )
    assert draft.title in lead_client.get(stage_url(plan)).content.decode()


def test_a_point_marked_done_moves_the_progress_on_every_stage_page_at_once(
    lead_client, plan, real_plan_cache
):
    points = GoodPracticePoint.objects.filter(stage__slug=STAGE)
    other_stage = reverse("planning:stage", args=[plan.pk, Stage.UNDERPINNING_APPROACH])

    def progress_of_stage(url):
        page = lead_client.get(url)
        return next(p for p in page.context["progress"] if p.stage.slug == STAGE).done

    assert progress_of_stage(other_stage) == 0
    assert progress_of_stage(other_stage) == 0  # now from the cache
    save(lead_client, plan, **{f"status_{point.code}": PointStatus.DONE for point in points})
    assert progress_of_stage(other_stage) == points.count()
    assert progress_of_stage(stage_url(plan)) == points.count()


def test_saving_only_an_answer_keeps_what_reads_only_the_checklist(
    lead_client, plan, real_plan_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    overview = reverse("planning:plan_detail", args=[plan.pk])
    lead_client.get(overview)
    save(lead_client, plan, training_route="Apprenticeship with the local university")
    with CaptureQueriesContext(connection) as queries:
        page = lead_client.get(overview)
    assert page.status_code == 200
    # (The bin's count, one sum over every kind of record, is counted anew.)
    assert not [q for q in queries if '"planning_checklistresponse"."status"' in q["sql"]]


def test_a_curators_edit_of_a_point_reaches_the_stage_page_at_once(
    lead_client, plan, real_plan_cache
):
    point = GoodPracticePoint.objects.filter(stage__slug=STAGE).order_by("order").first()
    assert point.text in lead_client.get(stage_url(plan)).content.decode()
    assert point.text in lead_client.get(stage_url(plan)).content.decode()  # now cached
    point.text = "Agree protected time for training before the first post starts"
    point.save()  # as the admin does: raises the reference generation
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "Agree protected time for training before the first post starts" in page


def test_saving_only_an_answer_keeps_the_stages_checklist_and_its_other_fields(
    lead_client, plan, real_plan_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    point = GoodPracticePoint.objects.filter(stage__slug=STAGE).order_by("order").first()
    save(lead_client, plan, **{f"status_{point.code}": PointStatus.IN_PROGRESS})
    save(lead_client, plan, training_route="Apprenticeship with the local university")
    with CaptureQueriesContext(connection) as queries:
        fields = fields_of(lead_client, plan)
    assert fields["training_route"] == "Apprenticeship with the local university"
    assert fields[f"status_{point.code}"] == PointStatus.IN_PROGRESS
    assert not [q for q in queries if '"planning_checklistresponse"."status"' in q["sql"]]


def test_a_fresh_page_whose_fields_are_all_cached_is_the_same_without_building_the_form(
    lead_client, plan, real_plan_cache, monkeypatch
):
    import re

    from planning import forms

    save(lead_client, plan, training_route="Apprenticeship with the local university")
    lead_client.get(stage_url(plan))  # shows "Saved as a draft." once
    first = lead_client.get(stage_url(plan)).content.decode()
    built = []
    original = forms.StageForm.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(forms.StageForm, "__init__", counting)
    second = lead_client.get(stage_url(plan)).content.decode()
    assert built == []

    def without_tokens(page):  # the CSRF token and the CSP nonce are new on every page
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        return re.sub(r'nonce="[^"]+"', "", page)

    assert without_tokens(second) == without_tokens(first)


def test_a_fresh_stakeholder_form_is_cached_under_its_initial_values(
    lead_client, plan, real_plan_cache
):
    import re

    def page(query=""):
        url = reverse("governance:stakeholder_create", args=[plan.pk]) + query
        html = lead_client.get(url).content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r'nonce="[^"]+"', "", html)

    first, second = page(), page()
    assert second == first
    chosen = '<option value="sponsor" selected>'
    assert chosen in page("?group=sponsor")
    assert chosen not in page()
    refused = lead_client.post(reverse("governance:stakeholder_create", args=[plan.pk]), {})
    assert "Enter the stakeholder&#x27;s name" in refused.content.decode()
