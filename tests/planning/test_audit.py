"""The audit log: who viewed, exported and approved which plan, for the organisation's leads."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection
from django.db.models import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import Action, MemberRole, role_can
from planning import audit, panels, services, transfer
from planning.documents import cache
from planning.models import (
    AuditAction,
    DocumentKind,
    ImplementationPlan,
    PlanApproval,
    PlanAuditEvent,
)
from planning.models.audit import AppendOnly
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory, UserFactory

pytestmark = pytest.mark.django_db

DECIDED = date.today() - timedelta(days=3)


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support", owner=lead)


@pytest.fixture(autouse=True)
def quick_pdfs(monkeypatch):
    """The PDF views and approvals get a stand-in PDF: typesetting is tested elsewhere."""

    for kind in DocumentKind:
        monkeypatch.setitem(
            cache.BUILDERS, kind, lambda plan: cache.Built(b"%PDF-1.7 stand-in", 1, 0.0, [])
        )


def later(delta):
    """Pretend `delta` has passed since now, for the audit log's clock."""
    moment = timezone.now() + delta
    return mock.patch.object(audit, "_now", return_value=moment)


def events(plan=None, **filters):
    rows = PlanAuditEvent.objects.for_log()
    if plan is not None:
        rows = rows.filter(plan=plan)
    return list(rows.filter(**filters).values_list("action", "detail"))


def approval_data(plan, **overrides):
    data = {
        "approver": "Trust Board",
        "decided_on_0": str(DECIDED.day),
        "decided_on_1": str(DECIDED.month),
        "decided_on_2": str(DECIDED.year),
        "decision": "approved_with_conditions",
        "notes": "Review supervision at six months.",
        "version": str(plan.version),
    }
    data.update(overrides)
    return data


def subscribe(client):
    client.post(reverse("calendar_feed_manage"), {"action": "renew"})
    return client.get(reverse("calendar_feed_manage")).context["feed_url"]


# --- What is recorded ------------------------------------------------------------------------


def test_opening_the_overview_records_who_viewed_it_once_per_half_hour(lead_client, lead, plan):
    url = reverse("planning:plan_detail", args=[plan.pk])
    assert lead_client.get(url).status_code == 200
    assert lead_client.get(url).status_code == 200  # a reload is the same visit

    event = PlanAuditEvent.objects.get()
    assert (event.action, event.detail) == (AuditAction.VIEWED, "Plan overview")
    assert (event.user, event.user_email, event.user_name) == (
        lead,
        lead.email,
        lead.get_full_name(),
    )
    assert (event.plan, event.organisation) == (plan, plan.organisation)
    assert abs(event.occurred_at - timezone.now()) < timedelta(minutes=1)

    with later(timedelta(minutes=29)):
        lead_client.get(url)
    assert PlanAuditEvent.objects.count() == 1
    with later(timedelta(minutes=31)):
        lead_client.get(url)
    assert events(plan) == [("viewed", "Plan overview")] * 2


def test_each_person_and_each_way_of_reading_counts_separately(
    lead_client, plan, member_of, other_client
):
    viewer = member_of(plan.organisation, MemberRole.VIEWER)
    other_client.force_login(viewer)
    lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    other_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    other_client.get(reverse("documents:preview", args=[plan.pk]))
    other_client.get(reverse("documents:preview", args=[plan.pk]))
    assert PlanAuditEvent.objects.filter(user=viewer).count() == 2
    assert set(events(plan)) == {("viewed", "Plan overview"), ("viewed", "Print preview")}


def test_stage_pages_and_the_log_itself_are_not_recorded(lead_client, plan):
    for url in [
        reverse("planning:stage", args=[plan.pk, "underpinning-approach"]),
        reverse("planning:risk_list", args=[plan.pk]),
        reverse("planning:plan_audit", args=[plan.pk]),
        reverse("documents:approvals", args=[plan.pk]),
    ]:
        assert lead_client.get(url).status_code == 200
    assert events() == []


def test_each_pdf_download_is_recorded_with_its_kind_and_version(lead_client, lead, plan):
    for _ in range(2):
        assert lead_client.get(reverse("documents:pdf", args=[plan.pk])).status_code == 200
    lead_client.get(reverse("documents:summary_pdf", args=[plan.pk]))
    assert events(plan) == [
        ("exported", "Plan on a page PDF (version 1)"),
        ("exported", "PDF (version 1)"),
        ("exported", "PDF (version 1)"),
    ]
    assert set(PlanAuditEvent.objects.values_list("user_id", flat=True)) == {lead.pk}


def test_every_csv_and_the_calendar_file_are_recorded(lead_client, plan):
    exports = panels.csv_exports()
    assert len(exports) >= 3
    for export in exports:
        response = lead_client.get(reverse("planning:export_csv", args=[plan.pk, export.key]))
        assert response.status_code == 200
    lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    recorded = events(plan)
    assert sorted(recorded) == sorted(
        [("exported", f"CSV: {export.title}") for export in exports]
        + [("exported", "Calendar (.ics)")]
    )


def test_an_unknown_csv_records_nothing(lead_client, plan):
    response = lead_client.get(reverse("planning:export_csv", args=[plan.pk, "nope"]))
    assert response.status_code == 404
    assert events() == []


def test_the_register_csv_is_recorded_for_each_plan_in_it(lead_client, lead, plan, organisation):
    second = ImplementationPlanFactory(organisation=organisation)
    archived = ImplementationPlanFactory(organisation=organisation, archived_at=timezone.now())
    elsewhere = ImplementationPlanFactory()
    assert lead_client.get(reverse("planning:register_csv")).status_code == 200
    recorded = PlanAuditEvent.objects.values_list("plan_id", "organisation_id", "user_id", "detail")
    assert sorted(recorded) == sorted(
        (p.pk, organisation.pk, lead.pk, "CSV: Register of new roles") for p in (plan, second)
    )
    assert not PlanAuditEvent.objects.filter(plan__in=[archived, elsewhere]).exists()


def test_a_calendar_subscription_is_recorded_per_plan_for_its_owner_once_a_day(
    lead_client, lead, plan, organisation
):
    second = ImplementationPlanFactory(organisation=organisation)
    ImplementationPlanFactory(organisation=organisation, archived_at=timezone.now())
    PlanActionFactory(plan=plan, due_date=date(2027, 1, 10))
    url = subscribe(lead_client)
    calendar_app = Client()
    assert calendar_app.get(url).status_code == 200
    assert calendar_app.get(url).status_code == 200
    recorded = PlanAuditEvent.objects.values_list("plan_id", "user_id", "action", "detail")
    expected = [(p.pk, lead.pk, "exported", "Calendar subscription") for p in (plan, second)]
    assert sorted(recorded) == sorted(expected)

    with later(timedelta(hours=25)):
        calendar_app.get(url)
    assert PlanAuditEvent.objects.count() == 4


def test_an_approval_and_downloading_its_frozen_pdf_are_recorded(lead_client, lead, plan):
    response = lead_client.post(
        reverse("documents:approval_create", args=[plan.pk]), approval_data(plan)
    )
    assert response.status_code == 302
    approval = PlanApproval.objects.get()
    event = PlanAuditEvent.objects.get()
    assert (event.action, event.detail, event.user) == (
        AuditAction.APPROVED,
        "Approved with conditions by Trust Board (version 1)",
        lead,
    )
    lead_client.get(reverse("documents:approval_pdf", args=[plan.pk, approval.pk]))
    assert events(plan)[0] == ("exported", "Approved PDF (version 1, Approved with conditions)")


def test_a_refused_approval_records_nothing(lead_client, plan):
    stale = approval_data(plan, version=str(plan.version))
    ImplementationPlan.objects.filter(pk=plan.pk).update(version=2)
    response = lead_client.post(reverse("documents:approval_create", args=[plan.pk]), stale)
    assert response.status_code == 200
    assert not PlanAuditEvent.objects.filter(action=AuditAction.APPROVED).exists()


def test_refused_requests_record_nothing(client, plan, member_of):
    viewer = member_of(plan.organisation, MemberRole.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("documents:pdf", args=[plan.pk])).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("planning:plan_detail", args=[plan.pk])).status_code == 404
    assert events() == []


# --- Recording costs one query -----------------------------------------------------------------


def _queries(client, url):
    client.get(url)  # warm up: sessions, caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def _without_recording():
    return mock.patch.multiple(
        audit,
        record=mock.DEFAULT,
        record_for_plans=mock.DEFAULT,
        record_view=mock.DEFAULT,
    )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda plan: reverse("planning:plan_detail", args=[plan.pk]),
        lambda plan: reverse("documents:preview", args=[plan.pk]),
        lambda plan: reverse("documents:pdf", args=[plan.pk]),
        lambda plan: reverse("documents:summary_pdf", args=[plan.pk]),
        lambda plan: reverse("planning:export_csv", args=[plan.pk, "risks"]),
        lambda plan: reverse("planning:export_calendar", args=[plan.pk]),
        lambda plan: reverse("planning:register_csv"),
    ],
    ids=["overview", "preview", "pdf", "summary", "csv", "ics", "register"],
)
def test_recording_adds_at_most_a_read_and_an_insert_to_an_audited_page(lead_client, plan, url_for):
    url = url_for(plan)
    with _without_recording():
        before = _queries(lead_client, url)
    for _ in range(2):  # the second time, a view within the window is not recorded again
        after = _queries(lead_client, url)
        assert len(before) < len(after) <= len(before) + 2
        inserts = [q for q in after if q.lstrip().upper().startswith("INSERT")]
        assert len(inserts) <= 1 and all("planauditevent" in q.lower() for q in inserts)


def test_recording_adds_one_insert_to_the_frozen_pdf_and_the_feed(lead_client, plan):
    lead_client.post(reverse("documents:approval_create", args=[plan.pk]), approval_data(plan))
    approval = PlanApproval.objects.get()
    feed_url = subscribe(lead_client)
    for client, url in [
        (lead_client, reverse("documents:approval_pdf", args=[plan.pk, approval.pk])),
        (Client(), feed_url),
    ]:
        with _without_recording():
            before = _queries(client, url)
        assert len(_queries(client, url)) == len(before) + 1


# --- The log ------------------------------------------------------------------------------------


def test_a_lead_reads_the_plans_log_newest_first(lead_client, plan, member_of, other_client):
    hr = member_of(plan.organisation, MemberRole.HR)
    hr.first_name, hr.last_name = "Harriet", "Rowe"
    hr.save()
    other_client.force_login(hr)
    other_client.get(reverse("planning:export_csv", args=[plan.pk, "risks"]))
    with later(timedelta(minutes=5)):
        other_client.get(reverse("documents:pdf", args=[plan.pk]))
    other_plan = ImplementationPlanFactory(organisation=plan.organisation, title="Elsewhere")
    other_client.get(reverse("documents:pdf", args=[other_plan.pk]))

    response = lead_client.get(reverse("planning:plan_audit", args=[plan.pk]))
    assert response.status_code == 200
    rows = response.context["events"]
    assert [(r.who, r.detail) for r in rows] == [
        ("Harriet Rowe", "PDF (version 1)"),
        ("Harriet Rowe", "CSV: Risk register"),
    ]
    page = response.content.decode()
    assert hr.email in page
    assert "Exported" in page
    assert rows[1].when in page
    assert "Elsewhere" not in page


def test_the_log_filters_by_action(lead_client, plan):
    lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    lead_client.get(reverse("documents:pdf", args=[plan.pk]))
    url = reverse("planning:plan_audit", args=[plan.pk])
    response = lead_client.get(url, {"action": "exported"})
    assert [r.detail for r in response.context["events"]] == ["PDF (version 1)"]
    assert response.context["filtered"]
    response = lead_client.get(url, {"action": "approved"})
    assert response.context["events"] == []
    assert "Nothing of this kind recorded yet" in response.content.decode()
    response = lead_client.get(url, {"action": "made-up"})  # ignored, not an error
    assert len(response.context["events"]) == 2


def test_an_empty_log_says_so(lead_client, plan):
    response = lead_client.get(reverse("planning:plan_audit", args=[plan.pk]))
    assert "Nothing recorded yet" in response.content.decode()


def _fill_log(plan, user, count):
    PlanAuditEvent.objects.bulk_create(
        PlanAuditEvent(
            organisation=plan.organisation,
            plan=plan,
            user=user,
            user_email=user.email,
            user_name=user.get_full_name(),
            action=AuditAction.EXPORTED,
            detail=f"CSV: number {n}",
        )
        for n in range(count)
    )


def test_the_log_is_paginated_keeping_the_filter(lead_client, lead, plan):
    _fill_log(plan, lead, 120)
    url = reverse("planning:plan_audit", args=[plan.pk])
    response = lead_client.get(url, {"action": "exported"})
    assert len(response.context["events"]) == 50
    assert response.context["page_obj"].paginator.count == 120
    assert "?action=exported&amp;page=2" in response.content.decode()
    response = lead_client.get(url, {"action": "exported", "page": 3})
    assert len(response.context["events"]) == 20


@pytest.mark.parametrize(
    "url_for",
    [lambda plan: reverse("planning:plan_audit", args=[plan.pk]), lambda plan: "/plans/audit/"],
    ids=["plan", "organisation"],
)
def test_the_log_runs_the_same_queries_for_5_and_100_events(
    lead_client, lead, plan, url_for, django_assert_max_num_queries
):
    url = url_for(plan)
    assert url.startswith("/plans/")
    _fill_log(plan, lead, 5)
    lead_client.get(url)
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    _fill_log(plan, lead, 95)
    _fill_log(ImplementationPlanFactory(organisation=plan.organisation), lead, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = lead_client.get(url)
    assert len(response.context["events"]) == 50


def test_the_organisations_log_covers_its_plans_and_no_one_elses(lead_client, lead, plan):
    second = ImplementationPlanFactory(organisation=plan.organisation, title="Care navigators")
    elsewhere = ImplementationPlanFactory(title="Another trust's plan")
    audit.record(lead, plan, AuditAction.EXPORTED, "CSV: Risk register")
    audit.record(lead, second, AuditAction.VIEWED, "Plan overview")
    audit.record(UserFactory(), elsewhere, AuditAction.VIEWED, "Plan overview")
    response = lead_client.get(reverse("planning:audit_log"))
    assert [r.plan_title for r in response.context["events"]] == ["Care navigators", "Peer support"]
    page = response.content.decode()
    assert reverse("planning:plan_detail", args=[second.pk]) in page
    assert "Another trust" not in page


def test_the_log_keeps_who_it_was_after_their_account_is_deleted(lead_client, plan, member_of):
    editor = member_of(plan.organisation, MemberRole.EDITOR)
    editor.first_name, editor.last_name = "Ed", "Itor"
    editor.save()
    audit.record(editor, plan, AuditAction.EXPORTED, "Calendar (.ics)")
    editor.delete()
    event = PlanAuditEvent.objects.get()
    assert (event.user_id, event.user_name) == (None, "Ed Itor")
    page = lead_client.get(reverse("planning:plan_audit", args=[plan.pk])).content.decode()
    assert "Ed Itor" in page
    assert "Account since deleted" in page


# --- Who may read it ----------------------------------------------------------------------------


def test_only_leads_may_read_the_log():
    assert {r.value for r in MemberRole if role_can(r, Action.VIEW_AUDIT)} == {"lead"}


def test_access_to_the_plans_log(client, plan):
    assert_access(
        client,
        reverse("planning:plan_audit", args=[plan.pk]),
        organisation=plan.organisation,
        action=Action.VIEW_AUDIT,
    )


def test_access_to_the_organisations_log(client, organisation):
    assert_access(
        client,
        reverse("planning:audit_log"),
        organisation=organisation,
        action=Action.VIEW_AUDIT,
        scoped=False,
    )


def test_only_leads_see_the_links_to_the_log(client, plan, member_of):
    plan_log = reverse("planning:plan_audit", args=[plan.pk])
    organisation_log = reverse("planning:audit_log")
    for role in MemberRole:
        client.force_login(member_of(plan.organisation, role))
        overview = client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
        plans = client.get(reverse("planning:plan_list")).content.decode()
        shown = role == MemberRole.LEAD
        assert (plan_log in overview, organisation_log in plans) == (shown, shown), role


# --- The record itself ------------------------------------------------------------------------


def test_an_event_is_never_changed_or_deleted(lead, plan):
    event = audit.record(lead, plan, AuditAction.VIEWED, "Plan overview")
    event.detail = "Something else"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        PlanAuditEvent.objects.filter(pk=event.pk).update(detail="x")
    with pytest.raises(AppendOnly):
        PlanAuditEvent.objects.all().delete()
    assert PlanAuditEvent.objects.get().detail == "Plan overview"


def test_the_database_refuses_an_unknown_action(lead, plan):
    with pytest.raises(IntegrityError):
        PlanAuditEvent.objects.create(organisation=plan.organisation, plan=plan, action="deleted")


def test_a_plan_with_events_is_kept(lead, plan):
    audit.record(lead, plan, AuditAction.VIEWED, "Plan overview")
    services.archive_plan(plan)
    assert PlanAuditEvent.objects.filter(plan=plan).count() == 1
    with pytest.raises(ProtectedError):
        plan.delete()


def test_the_admin_lists_events_but_cannot_change_them(client, lead, plan):
    from django.contrib import admin

    audit.record(lead, plan, AuditAction.EXPORTED, "PDF (version 1)")
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("admin:planning_planauditevent_changelist")
    response = client.get(url, {"q": lead.email})
    assert response.status_code == 200
    assert "PDF (version 1)" in response.content.decode()
    model_admin = admin.site._registry[PlanAuditEvent]
    request = response.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_events_do_not_travel_or_get_copied_with_a_plan(lead, plan):
    audit.record(lead, plan, AuditAction.EXPORTED, "PDF (version 1)")
    data = transfer.export_plan(plan)
    assert "planauditevent" not in transfer.to_json(data).lower()
    imported = transfer.import_plan(data)
    copy = services.copy_plan(plan, title="Copy", user=lead)
    assert not PlanAuditEvent.objects.filter(plan__in=[imported, copy]).exists()
