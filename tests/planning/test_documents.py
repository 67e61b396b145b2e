"""The plan as a board-ready document: the PDF, the plan on a page, the print preview, the
PDF cache, approvals that freeze a version's PDF, and what WeasyPrint may fetch."""

import io
import re
import socket
import threading
import time
import urllib.request
from datetime import date, timedelta
from types import SimpleNamespace
from unittest import mock

import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.models import Organisation
from newroles.accounts.permissions import Action, MemberRole
from planning import documents
from planning.models import (
    ChecklistResponse,
    DocumentKind,
    GoodPracticePoint,
    ImplementationPlan,
    PlanApproval,
    PlanStatus,
    PointStatus,
    RenderedDocument,
    Stage,
    StageResponse,
    SupportArrangement,
)
from tests.access import assert_access
from tests.factories import (
    CaseStudyFactory,
    CompetencyFactory,
    FundingSourceFactory,
    ImplementationPlanFactory,
    PlanActionFactory,
    PostFactory,
    RiskFactory,
    TrainingActivityFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://127.0.0.1:9/x">',
    "<style>@import url(http://127.0.0.1:9/y)</style>",
    "url(http://127.0.0.1:9/z)",
]
HOSTILE_TEXT = " ".join(HOSTILE)
HOSTILE_URLS = [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x",
    "http://127.0.0.1:9/y",
    "http://127.0.0.1:9/z",
]


def fill(plan, *, text="", risks=2, training=2):
    """Give a plan something in every part the document shows."""
    StageResponse.objects.update_or_create(
        plan=plan,
        stage=Stage.SETTING_A_FOUNDATION,
        defaults={
            "answers": {
                "patient_need": f"People wait ten days for a first visit. {text}",
                "chosen_option": "new_role",
            }
        },
    )
    for point in GoodPracticePoint.objects.order_by("stage__order", "order")[:6]:
        ChecklistResponse.objects.update_or_create(
            plan=plan, point=point, defaults={"status": PointStatus.DONE}
        )
    for n in range(risks):
        RiskFactory(
            plan=plan,
            description=f"Supervisors lose protected time {n} {text}",
            mitigation=f"Job-plan the sessions {text}",
            owner=f"Service manager {text}"[:120],
            likelihood=4,
            impact=4 - n % 3,
        )
    for n in range(training):
        TrainingActivityFactory(
            plan=plan, title=f"Peer support certificate {n} {text}"[:200], provider=text[:200]
        )
    CompetencyFactory(plan=plan, name="Shares lived experience safely")
    SupportArrangement.objects.update_or_create(
        plan=plan, defaults={"clinical_educator": "Practice educator"}
    )
    FundingSourceFactory(plan=plan, name=f"Transformation fund {text}"[:200])
    PostFactory(plan=plan, title=f"Peer support worker 1 {text}"[:200])
    PlanActionFactory(plan=plan, description="Agree supervision with the team")
    return plan


@pytest.fixture
def plan(organisation, cycle, lead):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        title="Peer support workers in the community team",
        owner=lead,
        target_start_date=date(2027, 4, 1),
    )
    fill(plan)
    plan.refresh_from_db()  # its parts raised its version
    return plan


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def squashed(text: str) -> str:
    """Text without any whitespace: lines may wrap anywhere in a narrow cell."""
    return "".join(text.split())


def download(client, plan, name="documents:pdf"):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


# --- The document --------------------------------------------------------------------------


def test_the_pdf_has_every_section_and_the_plans_content(lead_client, plan):
    pages = pdf_pages(download(lead_client, plan))
    text = "\n".join(pages)
    assert len(pages) > 1
    assert plan.title in text
    titles = documents.section_titles(plan)
    assert "Executive summary" in titles and "Risk register" in titles
    for title in titles:
        assert title in text, title
    flat = squashed(text)
    assert squashed("Supervisors lose protected time 0") in flat
    assert squashed("Peer support certificate 0") in flat
    assert squashed("People wait ten days for a first visit.") in flat
    assert plan.organisation.name in text
    assert "DRAFT" in text


def test_the_contents_give_page_numbers_and_pages_carry_header_and_footer(lead_client, plan):
    pages = pdf_pages(download(lead_client, plan))
    contents = pages[1]
    assert re.search(r"Cover sheet[ .]*\s*3\b", contents), contents
    assert re.search(r"Executive summary[ .]*\s*4\b", contents), contents
    third = pages[2]
    assert plan.title in third  # the running header
    assert plan.organisation.name in third  # the running footer
    assert f"Page 3 of {len(pages)}" in third
    assert "Page 1 of" not in pages[0]  # the cover has neither


def test_only_a_plan_that_is_not_live_carries_the_draft_watermark(lead_client, plan):
    assert all("DRAFT" in page for page in pdf_pages(download(lead_client, plan)))
    ImplementationPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.LIVE, version=plan.version + 1
    )
    for name in ("documents:pdf", "documents:summary_pdf"):
        text = "\n".join(pdf_pages(download(lead_client, plan, name)))
        assert "DRAFT" not in text
        assert plan.title in text


def test_the_plan_on_a_page_is_one_page_however_large_the_plan(lead_client, plan):
    ImplementationPlan.objects.filter(pk=plan.pk).update(need="A long need. " * 400)
    for _ in range(25):
        RiskFactory(plan=plan, description="A long risk " * 40, likelihood=5, impact=5)
        PlanActionFactory(plan=plan, description="A long action " * 20)
    pages = pdf_pages(download(lead_client, plan, "documents:summary_pdf"))
    assert len(pages) == 1
    assert "Plan on a page" in pages[0]
    assert plan.title in pages[0]
    assert "DRAFT" in pages[0]


def test_long_text_wraps_instead_of_being_cut_off(lead_client, plan):
    word = "Unbroken" * 40
    RiskFactory(plan=plan, description=f"Long {word}", mitigation="Mitigated. " * 600)
    pages = pdf_pages(download(lead_client, plan))
    text = "\n".join(pages)
    assert f"Long{word}" in squashed(text)
    # A row taller than a page splits, and the table's header row repeats on each page; the
    # register holds the whole text (the executive summary quotes the start of it).
    spanned = [page for page in pages if "Score Risk Mitigation Owner Status" in page]
    assert len(spanned) > 1
    assert sum(page.count("Mitigated.") for page in spanned) == 600


def test_case_studies_about_the_role_are_in_the_appendix_and_drafts_are_not(lead_client, plan):
    CaseStudyFactory(title="Peer workers in Leeds", with_roles=[plan.role])
    CaseStudyFactory(title="An unpublished draft", with_roles=[plan.role], status="draft")
    text = "\n".join(pdf_pages(download(lead_client, plan)))
    assert "PeerworkersinLeeds" in squashed(text)
    assert "Anunpublisheddraft" not in squashed(text)


def test_at_most_three_case_studies_the_roles_first_then_where_the_gaps_are(plan):
    from planning.documents.content import case_studies_for
    from planning.gaps import Gap

    CaseStudyFactory(title="Zeta: about the role", with_roles=[plan.role])
    for title, stage in [
        ("Alpha: evaluation", "monitor-and-evaluate"),
        ("Beta: training", "training-and-support"),
        ("Gamma: foundation", "setting-a-foundation"),
        ("Delta: resource", "understanding-resource"),
    ]:
        CaseStudyFactory(title=title, stages=[stage])

    def gap(stage):
        return Gap("t", "w", "high", "/", "x", stage_order=Stage.values.index(stage) + 1)

    gaps = [gap("training-and-support")] * 3 + [gap("understanding-resource")] * 2
    chosen = [c.title for c in case_studies_for(plan, gaps)]
    assert chosen == ["Zeta: about the role", "Beta: training", "Delta: resource"]


def test_building_the_document_takes_the_same_queries_however_large_the_plan(plan):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            documents.document_html(plan)
        return len(captured)

    CaseStudyFactory(with_roles=[plan.role], stages=[Stage.values[5]])
    before = queries()
    fill(plan, risks=12, training=12)
    for n in range(4):
        CaseStudyFactory(with_roles=[plan.role], stages=[Stage.values[n]])
    assert queries() == before


def test_other_apps_add_sections_through_the_registry(lead_client, plan):
    section = documents.DocumentSection(
        key="test-stakeholders",
        title="Stakeholders from a test",
        template="planning/pdf/sections/actions.html",
        context=lambda p: {"actions": []},
        order=20,
    )
    documents.register_section(section)
    try:
        assert documents.section_titles(plan).index("Stakeholders from a test") < (
            documents.section_titles(plan).index("Training and support")
        )
        text = "\n".join(pdf_pages(download(lead_client, plan)))
        assert "Stakeholders from a test" in text
    finally:
        documents.unregister_section("test-stakeholders")


# --- The cache -----------------------------------------------------------------------------


@pytest.fixture
def typesetting():
    """Counts WeasyPrint runs while letting them happen."""
    with mock.patch.object(documents.fetcher, "HTML", wraps=documents.fetcher.HTML) as spy:
        yield spy


def risk_data(description):
    return {
        "description": description,
        "stage": "",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Train two more",
        "owner": "Head of nursing",
        "status": "open",
    }


def test_a_second_download_of_an_unchanged_plan_is_not_typeset_again(
    lead_client, plan, typesetting
):
    first = download(lead_client, plan)
    assert typesetting.call_count == 1
    again = download(lead_client, plan)
    assert typesetting.call_count == 1
    assert again == first
    download(lead_client, plan, "documents:summary_pdf")
    download(lead_client, plan, "documents:summary_pdf")
    assert typesetting.call_count == 2


def test_an_edit_makes_a_new_pdf_and_replaces_the_old_one(lead_client, plan, typesetting):
    first = download(lead_client, plan)
    response = lead_client.post(
        reverse("planning:risk_create", args=[plan.pk]), risk_data("A newly added risk")
    )
    assert response.status_code == 302
    second = download(lead_client, plan)
    assert typesetting.call_count == 2
    assert second != first
    assert squashed("A newly added risk") in squashed("\n".join(pdf_pages(second)))
    stored = RenderedDocument.objects.filter(plan=plan, kind=DocumentKind.FULL)
    assert list(stored.values_list("version", flat=True)) == [plan.version + 1]


def test_a_change_outside_the_plan_that_the_document_shows_is_not_served_stale(
    lead_client, plan, typesetting
):
    download(lead_client, plan)
    Organisation.objects.filter(pk=plan.organisation_id).update(name="Renamed NHS Trust")
    text = "\n".join(pdf_pages(download(lead_client, plan)))
    assert typesetting.call_count == 2
    assert "Renamed NHS Trust" in text


def test_a_pdf_built_while_the_plan_changed_is_not_filed_under_the_old_version(plan):
    real = documents.render_pdf

    def render_while_someone_edits(html, **kwargs):
        ImplementationPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1)
        return real(html, **kwargs)

    with mock.patch.object(documents.fetcher, "render_pdf", render_while_someone_edits):
        documents.get_document(plan)
    assert not RenderedDocument.objects.exists()


@pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite (the embedded default) has no row locks, and its in-memory test database "
    "refuses a second writer at once; production's PostgreSQL runs this test",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_of_a_new_version_typeset_it_once(plan, lead):
    """Five people ask for the PDF of a version nobody has downloaded yet, at once: the
    first typesets it; the others wait for it instead of typesetting it too (each build
    takes seconds and a core)."""
    people, started = 5, threading.Barrier(5)
    real = documents.fetcher.render_pdf
    builds = []

    def slow_render(html, **kwargs):
        builds.append(html)
        time.sleep(0.5)  # long enough for the others to arrive while it is built
        return real(html, **kwargs)

    def download_at_once(results):
        client = Client()
        client.force_login(lead)
        started.wait()
        try:
            response = client.get(reverse("documents:pdf", args=[plan.pk]))
            results.append((response.status_code, response.content))
        finally:
            connection.close()

    results = []
    with mock.patch.object(documents.fetcher, "render_pdf", slow_render):
        threads = [
            threading.Thread(target=download_at_once, args=(results,)) for _ in range(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [status for status, _ in results] == [200] * people
    assert all(content.startswith(b"%PDF") for _, content in results)
    assert len(builds) == 1
    assert len({content for _, content in results}) == 1
    assert RenderedDocument.objects.filter(plan=plan).count() == 1


# --- Approvals -----------------------------------------------------------------------------


DECIDED = date.today() - timedelta(days=3)


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


def test_an_approved_versions_pdf_stays_exactly_as_it_was(lead_client, plan):
    url = reverse("documents:approval_create", args=[plan.pk])
    assert f"version {plan.version}" in lead_client.get(url).content.decode()
    response = lead_client.post(url, approval_data(plan))
    assert response["Location"] == reverse("documents:approvals", args=[plan.pk])
    approval = PlanApproval.objects.get()
    assert (approval.version, approval.approver) == (plan.version, "Trust Board")
    assert approval.decided_on == DECIDED
    frozen = bytes(approval.pdf)
    assert squashed(plan.title) in squashed(pdf_pages(frozen)[0])

    lead_client.post(reverse("planning:risk_create", args=[plan.pk]), risk_data("Later risk"))
    ImplementationPlan.objects.filter(pk=plan.pk).update(title="A retitled plan")
    assert "Laterrisk" in squashed("\n".join(pdf_pages(download(lead_client, plan))))

    approval.refresh_from_db()
    assert bytes(approval.pdf) == frozen
    downloaded = lead_client.get(reverse("documents:approval_pdf", args=[plan.pk, approval.pk]))
    assert downloaded.status_code == 200
    assert downloaded["Content-Type"] == "application/pdf"
    assert downloaded.content == frozen
    assert "Laterrisk" not in squashed("\n".join(pdf_pages(downloaded.content)))

    page = lead_client.get(reverse("documents:approvals", args=[plan.pk])).content.decode()
    assert "Trust Board" in page
    assert "Approved with conditions" in page
    assert f"{DECIDED.day} {DECIDED:%B %Y}" in page
    assert reverse("documents:approval_pdf", args=[plan.pk, approval.pk]) in page


def test_an_approval_is_never_changed(lead_client, plan):
    lead_client.post(reverse("documents:approval_create", args=[plan.pk]), approval_data(plan))
    approval = PlanApproval.objects.get()
    approval.approver = "Someone else"
    with pytest.raises(ValueError):
        approval.save()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"approver": ""}, "Enter who made the decision"),
        ({"approver": "   "}, "Enter who made the decision"),
        ({"approver": "x" * 201}, "200 characters or fewer"),
        ({"decided_on_0": "", "decided_on_1": "", "decided_on_2": ""}, "Enter the date"),
        ({"decided_on_0": "31", "decided_on_1": "2"}, "must be a real date"),
        ({"decided_on_2": str(date.today().year + 1)}, "must be the same as or before"),
        ({"decision": ""}, "Select the decision"),
        ({"decision": "rubber_stamped"}, "Select the decision"),
        ({"notes": ""}, "Enter the conditions of the approval"),
        ({"version": "0"}, "The plan has changed since you opened this page"),
    ],
)
def test_bad_input_on_the_approval_form_saves_nothing(lead_client, plan, overrides, message):
    response = lead_client.post(
        reverse("documents:approval_create", args=[plan.pk]), approval_data(plan, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlanApproval.objects.exists()


def test_an_approval_is_downloaded_only_through_its_own_plan(lead_client, plan, organisation):
    lead_client.post(reverse("documents:approval_create", args=[plan.pk]), approval_data(plan))
    approval = PlanApproval.objects.get()
    other = ImplementationPlanFactory(organisation=organisation)
    response = lead_client.get(reverse("documents:approval_pdf", args=[other.pk, approval.pk]))
    assert response.status_code == 404


# --- Who may do what -----------------------------------------------------------------------


def test_access_to_the_documents(client, plan):
    documents.get_document(plan, DocumentKind.FULL)  # typeset once; the checks read the cache
    documents.get_document(plan, DocumentKind.SUMMARY)
    checks = [
        ("documents:pdf", Action.EXPORT),
        ("documents:summary_pdf", Action.EXPORT),
        ("documents:preview", Action.VIEW),
        ("documents:approvals", Action.VIEW),
        ("documents:approval_create", Action.MANAGE_PLAN),
    ]
    for name, action in checks:
        url = reverse(name, args=[plan.pk])
        assert_access(client, url, organisation=plan.organisation, action=action)


def test_access_to_recording_and_downloading_approvals(client, plan):
    assert_access(
        client,
        reverse("documents:approval_create", args=[plan.pk]),
        organisation=plan.organisation,
        action=Action.MANAGE_PLAN,
        method="post",
        data=approval_data(plan),
    )
    approval = PlanApproval.objects.get()  # only the lead's attempt recorded one
    assert_access(
        client,
        reverse("documents:approval_pdf", args=[plan.pk, approval.pk]),
        organisation=plan.organisation,
        action=Action.EXPORT,
    )


def test_the_links_show_what_each_member_may_do(client, plan, member_of):
    from django.template.loader import render_to_string

    from planning.presenters import PlanPresenter

    def links(**can):
        return render_to_string(
            "planning/documents/links.html", {"plan": PlanPresenter(plan), "can": can}
        )

    viewer = links(view=True, export=False, manage_plan=False)
    assert reverse("documents:preview", args=[plan.pk]) in viewer
    assert reverse("documents:pdf", args=[plan.pk]) not in viewer
    lead = links(view=True, export=True, manage_plan=True)
    for name in ("pdf", "summary_pdf", "preview", "approvals", "approval_create"):
        assert reverse(f"documents:{name}", args=[plan.pk]) in lead


# --- Hostile values and what WeasyPrint may fetch -----------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Records, and stops, any attempt to open a connection or a URL."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    return attempts


@pytest.fixture
def fetches(monkeypatch):
    """Every InternalFetcher WeasyPrint used, to read what it served and refused."""
    made = []
    original = documents.InternalFetcher.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(documents.InternalFetcher, "__init__", init)
    return made


@pytest.fixture
def hostile_plan(organisation, cycle, lead):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        title=f"Plan {HOSTILE[0]}",
        need=HOSTILE_TEXT,
        owner=lead,
        target_start_date=date(2027, 4, 1),
    )
    fill(plan, text=HOSTILE_TEXT)
    StageResponse.objects.create(
        plan=plan,
        stage=Stage.UNDERPINNING_APPROACH,
        answers={"approach": HOSTILE_TEXT, "values_fit": HOSTILE[1]},
    )
    return plan


def test_hostile_text_is_printed_as_text_and_nothing_is_fetched(
    lead_client, hostile_plan, no_network, fetches
):
    for name in ("documents:pdf", "documents:summary_pdf"):
        text = squashed("\n".join(pdf_pages(download(lead_client, hostile_plan, name))))
        assert squashed(HOSTILE[0]) in text
    full = squashed(
        "\n".join(pdf_pages(documents.get_document(hostile_plan, DocumentKind.FULL).content))
    )
    for value in HOSTILE:
        assert squashed(value) in full
    assert len(fetches) == 2
    for fetcher in fetches:
        assert fetcher.served == [] and fetcher.refused == []
    assert no_network == []


def test_the_preview_shows_hostile_text_escaped(lead_client, hostile_plan, no_network):
    response = lead_client.get(reverse("documents:preview", args=[hostile_plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page
    assert "&lt;link rel=stylesheet href=&quot;http://127.0.0.1:9/x&quot;&gt;" in page
    assert "&lt;style&gt;@import url(http://127.0.0.1:9/y)&lt;/style&gt;" in page
    # The only markup is the document's own: one style element, no image, no link.
    assert page.count("<style") == 1
    assert "<img" not in page
    assert "<link" not in page
    assert "@import" not in page.replace("&lt;style&gt;@import", "")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert no_network == []


def test_even_unescaped_markup_could_fetch_nothing(no_network):
    """Defence in depth: if a template ever printed markup unescaped, the fetcher refuses."""
    fetcher = documents.InternalFetcher()
    html = (
        "<html><head>"
        '<link rel="stylesheet" href="http://127.0.0.1:9/x">'
        "<style>@import url(http://127.0.0.1:9/y); p { background: url(http://127.0.0.1:9/z) }"
        "</style></head><body><p>Text</p>"
        '<img src="file:///etc/passwd"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<img src="https://newroles.invalid/media/../../../etc/passwd.png">'
        "</body></html>"
    )
    rendered = documents.render_pdf(html, fetcher=fetcher)
    assert set(HOSTILE_URLS) <= set(fetcher.refused)
    assert any(url.startswith("data:") for url in fetcher.refused)
    assert fetcher.served == []
    assert no_network == []
    assert "root:" not in "\n".join(pdf_pages(rendered.pdf))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.com/static/css/app.css",
        "https://newroles.invalid.example.com/static/css/app.css",
        "https://newroles.invalid:8443/static/css/app.css",
        "https://user@newroles.invalid/static/css/app.css",
        "http://newroles.invalid/static/css/app.css",
        "file:///etc/passwd",
        "data:text/css,p{color:red}",
        "ftp://newroles.invalid/static/css/app.css",
        "https://newroles.invalid/etc/passwd.png",
        "https://newroles.invalid/static/../newroles/settings.py",
        "https://newroles.invalid/static/%2e%2e/%2e%2e/etc/passwd.css",
        "https://newroles.invalid/media/../../etc/passwd.png",
        "https://newroles.invalid/media/%2e%2e/secret.png",
        "https://newroles.invalid/media//etc/passwd.png",
        "https://newroles.invalid/static//etc/passwd.css",
        "https://newroles.invalid/media/..%5c..%5csecret.png",
        "https://newroles.invalid/media/logo.png%00.png",
        "https://newroles.invalid/media/notes.txt",
        "https://newroles.invalid/static/js/app.js",
    ],
)
def test_the_fetcher_refuses_everything_but_the_projects_own_files(
    url, settings, tmp_path, no_network
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "notes.txt").write_text("private")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    fetcher = documents.InternalFetcher()
    with pytest.raises(documents.RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.served == []
    assert no_network == []


def test_the_fetcher_serves_static_and_media_files_and_refuses_a_symlink_out(settings, tmp_path):
    media = tmp_path / "media"
    (media / "logos").mkdir(parents=True)
    (media / "logos" / "trust.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n")
    (media / "logos" / "escape.png").symlink_to(tmp_path / "outside.png")
    settings.MEDIA_ROOT = media
    fetcher = documents.InternalFetcher()
    logo = fetcher.fetch("https://newroles.invalid/media/logos/trust.png")
    assert (logo.read(), logo.content_type) == (b"\x89PNG\r\n", "image/png")
    css = fetcher.fetch("https://newroles.invalid/static/css/app.css")
    assert css.content_type == "text/css"
    with pytest.raises(documents.RefusedURL):
        fetcher.fetch("https://newroles.invalid/media/logos/escape.png")
    assert fetcher.refused == ["https://newroles.invalid/media/logos/escape.png"]


PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101009c2a2e2c0000000049454e44ae426082"
)


def test_the_organisations_logo_is_on_the_cover_when_it_has_one(
    plan, settings, tmp_path, monkeypatch, fetches
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "trust.png").write_bytes(PNG_1X1)
    document = documents.get_document(plan)
    assert not fetches[-1].served  # no logo attribute: no image
    logo = SimpleNamespace(name="logos/trust.png", url="/media/logos/trust.png")
    monkeypatch.setattr(Organisation, "logo", logo, raising=False)
    with_logo = documents.get_document(plan)
    assert not with_logo.cached  # the logo is part of the fingerprint
    assert fetches[-1].served == ["https://newroles.invalid/media/logos/trust.png"]
    assert with_logo.content != document.content
    preview = documents.document_html(plan, preview=True)
    assert 'src="/media/logos/trust.png"' in preview


def test_viewers_read_the_preview_but_cannot_download(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert plan.title in page
    assert "Executive summary" in page
    assert reverse("documents:pdf", args=[plan.pk]) not in page
