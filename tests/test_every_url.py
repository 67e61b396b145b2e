"""Every URL of the product against the permission matrix (issue 9).

The URL patterns come from the resolver, so a new page is covered without touching this file:
`test_every_url_pattern_is_classified` fails for a pattern it cannot classify or fill, and
`test_access[<url name>]` (one test per URL name: `pytest -k plan_detail`) checks it for

- an anonymous visitor: sent to sign in (public pages: served);
- a viewer, HR, an editor and a lead of the record's organisation: a page or a redirect when the
  matrix allows the view's `required_action` (`required_action_for_post` for a POST), else 403;
- a lead of another organisation: 404 on a page about one organisation's record; on an
  organisation-level page (the plan list, the register...) none of the first organisation's
  data.

Every view either uses `OrganisationMixin` (the expected access is read from the view class) or
is listed below as public or open to anyone signed in, with the reason. Each URL is opened with
GET, and with an empty POST when its view takes one. A refused request writes nothing to the
product's tables, and after the refused POSTs every row of the product is as it was. And what a
view declares must fit what it does: a download needs EXPORT, and a page that needs only VIEW
changes nothing but the audit log. For shared computers (issue 24), no page a signed-in person
gets is kept by the browser (`Cache-Control: no-store`), and every response denies the powerful
browser features the product does not use (`Permissions-Policy`).

The world of records is built once for the module (one organisation with a plan holding one
record of every part) in a transaction rolled back at the end; each test runs in a transaction
of its own inside it, and each allowed request in a savepoint rolled back at once (so an
allowed delete or sign-out does not consume the world).

Django's admin is skipped (it has its own staff permission): `test_admin_is_for_staff_only`
checks it sends anonymous visitors and non-staff members to its sign-in page.
"""

import copy
import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import BinaryField
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.static import serve as static_serve

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.models import Invitation, Membership
from newroles.accounts.permissions import Action, MemberRole, role_can
from planning.documents import word
from tests.conftest import DATABASE_TASKS
from tests.url_walk import is_curators_page, make_curator

# Each test also runs in a transaction of its own, inside the module's (see `world`).
pytestmark = pytest.mark.django_db

# --- What is not walked, and why ------------------------------------------------------------

# Whole URL namespaces left out (included resolvers with this namespace).
SKIPPED_NAMESPACES = {
    "admin": "Django's admin: its own staff permission, not the organisation matrix "
    "(test_admin_is_for_staff_only checks it turns away anonymous visitors and non-staff)",
}
# Unnamed patterns left out, by view function.
SKIPPED_VIEWS = {
    static_serve: "static and media files, served by Django only with DEBUG on",
}
# Patterns left out by the start of their route (debug-only tools, when installed).
SKIPPED_ROUTE_PREFIXES = {
    "__debug__/": "django-debug-toolbar, installed only for development with DEBUG on",
    "__reload__/": "django-browser-reload, installed only for development with DEBUG on",
}

# --- Pages that are not organisation pages, and why ------------------------------------------

# Open to anyone, signed in or not.
PUBLIC = {
    "home": "the start page for visitors (members get their organisation's home page)",
    "health": "the load balancers' health check",
    "accessibility": "the accessibility statement must be readable before signing in",
    "privacy": "the privacy notice must be readable before signing in",
    "help:index": "help on the cycle and its terms: no organisation's data, readable before "
    "signing in and shareable with anyone",
    "help:stage": "a stage's help: no organisation's data, as the help index",
    "accounts:login": "signing in",
    "accounts:logout": "signing out",
    "accounts:password_reset": "asking for a password reset before signing in",
    "accounts:password_reset_done": "the reset email was sent",
    "accounts:password_reset_confirm": "the single-use link of the reset email",
    "accounts:password_reset_complete": "the new password is set",
    "accounts:accept_invitation": "an invitation link: the token is the credential, and the "
    "invitee may have no account yet",
    "calendar_feed": "a calendar subscription: calendar apps cannot sign in; the private "
    "token is the credential (and only while its person may export)",
    "openid_connect_login": "single sign-on: sends the browser to the identity provider",
    "openid_connect_callback": "single sign-on: the identity provider's answer (allauth "
    "checks the state it sent)",
    "socialaccount_login_cancelled": "single sign-on was cancelled at the provider",
    "socialaccount_login_error": "single sign-on failed at the provider",
    "account_inactive": "single sign-on of a closed account",
    "account_login": "allauth's name for the sign-in page: ours (only reversed)",
    "socialaccount_signup": "allauth's sign-up after single sign-on, which ours never reach: "
    "the sign-in page (only reversed)",
    "notifications:unsubscribe": "the link to stop a kind of email, in every email: it works "
    "without signing in (and for a mail client's one-click POST); the signed token is the "
    "credential",
}

# Public pages whose URL carries the credential: whoever holds the link sees what it is for
# (the organisation that invites, its calendar), so they are not checked for leaks.
CREDENTIAL_IN_URL = {
    "accounts:accept_invitation",
    "calendar_feed",
    "accounts:password_reset_confirm",
    "notifications:unsubscribe",
}

# Open to anyone signed in, whatever their organisation and role.
SIGNED_IN = {
    "accounts:choose_organisation": "a person picks among their own organisations",
    "accounts:no_organisation": "what a signed-in person without an organisation sees",
    "roles:library": "the curated library is site-wide reference material for every member",
    "roles:case_study": "a published case study of the site-wide library",
    "roles:template_list": "the published role templates of the site-wide library",
    "roles:template": "a published role template of the site-wide library",
    "notifications:preferences": "a person chooses the emails they get, whatever their "
    "organisation",
}

# Pages open to anyone signed in whose POST changes that person's own settings and nothing
# else (so they may write, although they need no permission of the matrix).
OWN_SETTINGS = {
    "notifications:preferences": "the person's own choice of emails",
}

# The curators' pages (/curate/) are found by their view (tests/url_walk.is_curators_page): open
# to staff holding `roles.curate`, whatever their organisation, and to no member as such.
CURATORS = "curating the library is site-wide: staff with roles.curate, not the matrix"

# --- How to fill the URL parameters -----------------------------------------------------------

# `pk` (or `slug`) of a view with no `model` or `queryset` to say what it names.
PARAM_MODELS = {
    ("accounts:member_role", "pk"): "accounts.Membership",
    ("accounts:member_remove", "pk"): "accounts.Membership",
    ("accounts:invitation_revoke", "pk"): "accounts.Invitation",
    ("documents:approval_pdf", "pk"): "planning.PlanApproval",
    ("documents:sign_off", "pk"): "planning.SignOffRequest",
    ("planning:record_discussion", "pk"): "planning.Risk",
    ("evaluation:metric_detail", "pk"): "evaluation.Metric",
    ("evaluation:metric_measure", "pk"): "evaluation.Metric",
    ("evaluation:measurements", "pk"): "evaluation.EvaluationCheckpoint",
    ("planning:start_from_template", "slug"): "roles.RoleTemplate",
}
# Parameters that are not a record's key: URL name and parameter -> attribute of the world.
PARAM_VALUES = {
    ("accounts:accept_invitation", "token"): "invitation_token",
    ("calendar_feed", "token"): "feed_token",
    ("accounts:password_reset_confirm", "uidb64"): "reset_uid",
    ("accounts:password_reset_confirm", "token"): "reset_token",
    ("documents:build", "task_id"): "build_task_id",
    ("planning:record_discussion", "kind"): "discussed_kind",
    ("notifications:unsubscribe", "token"): "unsubscribe_token",
    ("openid_connect_login", "provider_id"): "sso_provider_id",
    ("openid_connect_callback", "provider_id"): "sso_provider_id",
}
# Parameters with one meaning wherever they appear.
COMMON_PARAMS = {"plan_pk": "plan_pk", "stage": "stage", "key": "csv_key"}

# What the lead of another organisation must never see on an organisation-level page.
SECRET_PREFIX = "Zq7Secret"

NO_VERSION_CONFLICT = (
    "the record exists and an empty post names no version it was based on, so it is refused "
    "as a conflict (409) rather than overwriting the record unseen"
)

# Statuses besides < 400 that an allowed request may get, and why.
ALLOWED_STATUSES: dict[tuple[str, str], dict[int, str]] = {
    (name, "post"): {409: NO_VERSION_CONFLICT}
    for name in (
        "evaluation:logic_model",
        "governance:arrangement_update",
        "planning:support_update",
        "planning:cost_assumptions",
        "planning:role_documentation",
    )
}
# Any member reads a sign-off request; only the people asked may respond (the world asks the
# HR member), so every other member's response is refused.
# A comment is changed by its author alone (the world's is the lead's), for 15 minutes.
for _method in ("get", "post"):
    ALLOWED_STATUSES[("planning:comment_update", _method)] = {
        403: "only its author may change a comment"
    }
# No identity provider is configured in the walk (tests/accounts/test_single_sign_on.py signs
# in through a real one): its pages are not found.
for _name in ("openid_connect_login", "openid_connect_callback"):
    for _method in ("get", "post"):
        ALLOWED_STATUSES[(_name, _method)] = {404: "no identity provider is configured"}
for _method in ("get", "post"):
    ALLOWED_STATUSES[("socialaccount_login_error", _method)] = {
        401: "allauth answers a failed single sign-on with 401 Unauthorized"
    }
ALLOWED_STATUSES[("documents:sign_off", "post")] = {
    403: "only the people asked for sign-off can respond"
}


# --- The walker -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    callback: object
    params: tuple[str, ...]

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    def methods(self) -> list[str]:
        """The methods the test sends: GET when the view takes it, POST when it takes one."""
        view = self.view_class
        if view is None:  # a function view: read-only pages only
            return ["get"]
        return [m for m in ("get", "post") if m in view.http_method_names and hasattr(view, m)]

    def is_organisation_page(self) -> bool:
        return self.view_class is not None and issubclass(self.view_class, OrganisationMixin)

    def is_scoped(self) -> bool:
        """A page about one organisation's record (the organisation comes from the record)."""
        return (
            self.is_organisation_page()
            and self.view_class.get_scoped_object is not OrganisationMixin.get_scoped_object
        )

    def required_action(self, method: str):
        view = self.view_class
        if method == "post" and view.required_action_for_post:
            return view.required_action_for_post
        return view.required_action


@dataclass
class Walk:
    routes: dict[str, Route] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (route, reason)
    problems: list[str] = field(default_factory=list)


def _params_of(pattern) -> tuple[str, ...]:
    """The keyword arguments a pattern captures (a positional group cannot be filled by name)."""
    regex = pattern.regex
    positional = regex.groups - len(regex.groupindex)
    return tuple(regex.groupindex) + ("<positional group>",) * max(positional, 0)


def _walk(patterns, prefix, namespaces, params, walk):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        converters = _params_of(entry.pattern)
        skip = next(
            (reason for start, reason in SKIPPED_ROUTE_PREFIXES.items() if route.startswith(start)),
            None,
        )
        if skip:
            walk.skipped.append((route, skip))
        elif isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                walk.skipped.append((route, SKIPPED_NAMESPACES[entry.namespace]))
                continue
            spaces = [*namespaces, entry.namespace] if entry.namespace else namespaces
            _walk(entry.url_patterns, route, spaces, (*params, *converters), walk)
        elif isinstance(entry, URLPattern):
            if entry.callback in SKIPPED_VIEWS:
                walk.skipped.append((route, SKIPPED_VIEWS[entry.callback]))
            elif not entry.name:
                walk.problems.append(f"{route}: an unnamed pattern cannot be opened by name")
            else:
                name = ":".join([*namespaces, entry.name])
                found = Route(name, route, entry.callback, (*params, *converters))
                if name in walk.routes:
                    walk.problems.append(
                        f"{name}: named twice ({walk.routes[name].route} and {route})"
                    )
                else:
                    walk.routes[name] = found
        else:  # pragma: no cover - Django has only patterns and resolvers
            walk.problems.append(f"{route}: unknown kind of URL entry {entry!r}")


def walk_urls() -> Walk:
    walk = Walk()
    _walk(get_resolver().url_patterns, "", [], (), walk)
    for route in walk.routes.values():
        walk.problems.extend(classification_problems(route))
    for listing, what in (
        (PUBLIC, "PUBLIC"),
        (SIGNED_IN, "SIGNED_IN"),
        (OWN_SETTINGS, "OWN_SETTINGS"),
    ):
        for name in listing:
            if name not in walk.routes:
                walk.problems.append(f"{what} names {name}, which no URL pattern has")
    for name, _ in [*PARAM_MODELS, *PARAM_VALUES]:
        if name not in walk.routes:
            walk.problems.append(f"a parameter rule names {name}, which no URL pattern has")
    return walk


def classification_problems(route: Route) -> list[str]:
    name, view = route.name, route.view_class
    if name in PUBLIC and name in SIGNED_IN:
        return [f"{name} is listed both as PUBLIC and SIGNED_IN"]
    if name in PUBLIC or name in SIGNED_IN:
        if route.is_organisation_page():
            return [f"{name} is listed as not an organisation page but uses OrganisationMixin"]
        return []
    if is_curators_page(route):
        if route.is_organisation_page():
            return [f"{name}: a curators' page is site-wide and cannot use OrganisationMixin"]
        return []
    if not route.is_organisation_page():
        what = view.__name__ if view else getattr(route.callback, "__name__", route.callback)
        return [
            f"{name} ({what}) does not use OrganisationMixin and is not listed as PUBLIC or "
            "SIGNED_IN: give it a required_action through OrganisationMixin, or list it with "
            "the reason"
        ]
    if {"plan_pk", "pk"} & set(route.params) and not route.is_scoped():
        return [
            f"{name}: {view.__name__} takes a record's key but does not override "
            "get_scoped_object, so the organisation is not taken from the record"
        ]
    if view.get_required_action is not OrganisationMixin.get_required_action:
        return [
            f"{name}: {view.__name__} overrides get_required_action, so this test cannot read "
            "what it requires; declare it with required_action/required_action_for_post"
        ]
    return []


WALK = walk_urls()
ROUTE_NAMES = sorted(WALK.routes)


# --- The world --------------------------------------------------------------------------------


@dataclass
class World:
    organisation: object
    plan: object
    members: dict  # MemberRole -> user
    outsider: object  # a lead of another organisation
    curator: object  # staff with roles.curate, in no organisation
    records: dict  # model -> the record URL parameters name
    secrets: list[str]
    cookies: dict = field(default_factory=dict)  # user pk -> a signed-in browser's cookies
    plan_pk: int = 0
    stage: str = ""
    csv_key: str = ""
    invitation_token: str = ""
    feed_token: str = ""
    reset_uid: str = ""
    reset_token: str = ""
    build_task_id: str = ""
    unsubscribe_token: str = ""
    discussed_kind: str = "planning.risk"
    sso_provider_id: str = "nhsmail"

    def params_for(self, route: Route) -> tuple[dict, list[str]]:
        """The URL's keyword arguments, and what could not be filled."""
        kwargs, missing = {}, []
        for param in route.params:
            value = self._param(route, param)
            if value is None:
                missing.append(param)
            else:
                kwargs[param] = value
        return kwargs, missing

    def _param(self, route, param):
        if (route.name, param) in PARAM_VALUES:
            return getattr(self, PARAM_VALUES[(route.name, param)]) or None
        if param in COMMON_PARAMS:
            return getattr(self, COMMON_PARAMS[param]) or None
        if param in ("pk", "slug"):
            model = _model_named(route, param)
            record = self.records.get(model) if model else None
            return getattr(record, param, None) if record is not None else None
        return None


def _model_named(route: Route, param: str):
    if (route.name, param) in PARAM_MODELS:
        return apps.get_model(PARAM_MODELS[(route.name, param)])
    view = route.view_class
    if getattr(view, "model", None) is not None:
        return view.model
    queryset = getattr(view, "queryset", None)
    return queryset.model if queryset is not None else None


def build_world() -> World:
    from newroles.notifications import services as notifications
    from newroles.notifications.models import NotificationKind
    from planning import documents, panels, records, services, sign_off
    from planning.documents import builds
    from planning.models import (
        ApprovalDecision,
        Comment,
        CostAssumptions,
        DocumentKind,
        PlanApproval,
        RenderedDocument,
        RoleDocumentation,
        SignOffRequest,
        Stage,
        SupportArrangement,
    )
    from planning.reference import load_cycle
    from roles.models import CaseStudy, RoleTemplate
    from tests.evaluation.factories import LogicModelFactory, MeasurementFactory
    from tests.factories import (
        AppraisedOptionFactory,
        CompetencyFactory,
        FundingSourceFactory,
        ImplementationPlanFactory,
        MembershipFactory,
        OrganisationFactory,
        PlanActionFactory,
        PostFactory,
        RiskFactory,
        SkillMixLineFactory,
        TrainingActivityFactory,
        UserFactory,
    )
    from tests.governance import factories as governance

    load_cycle()
    call_command("load_reference_data", verbosity=0)

    def secret(what):
        return f"{SECRET_PREFIX}{what}"

    organisation = OrganisationFactory(name=secret("Trust"))
    members = {
        role: MembershipFactory(
            organisation=organisation,
            role=role,
            user=UserFactory(email=f"{secret(role.value).lower()}@example.nhs.uk"),
        ).user
        for role in MemberRole
    }
    lead = members[MemberRole.LEAD]
    # The member the member pages act on (changing their role, removing them).
    subject = MembershipFactory(
        organisation=organisation,
        role=MemberRole.VIEWER,
        user=UserFactory(email=f"{secret('subject').lower()}@example.nhs.uk"),
    )

    # Another organisation with a plan of its own and its lead.
    elsewhere = OrganisationFactory(name="Elsewhere NHS Trust")
    outsider = MembershipFactory(organisation=elsewhere, role=MemberRole.LEAD).user
    ImplementationPlanFactory(organisation=elsewhere, title="Elsewhere's own plan")

    plan = ImplementationPlanFactory(organisation=organisation, title=secret("Plan"), owner=lead)
    stakeholder = governance.StakeholderFactory(plan=plan, name=secret("Stakeholder"))
    measurement = MeasurementFactory(metric__plan=plan)
    binned = RiskFactory(plan=plan, description=secret("BinnedRisk"))
    records.move_to_bin(binned, lead)
    parts = [
        stakeholder,
        governance.CommunicationItemFactory(plan=plan),
        governance.GovernanceArrangementFactory(plan=plan),
        governance.ScopeActivityFactory(plan=plan),
        governance.ImpactAssessmentFactory(plan=plan),
        governance.PolicyRequirementFactory(plan=plan),
        PlanActionFactory(plan=plan, stakeholder=stakeholder),
        RiskFactory(plan=plan, description=secret("Risk")),
        AppraisedOptionFactory(plan=plan, title=secret("Option")),
        Comment.objects.create(
            plan=plan, stage=Stage.values[0], author=lead, text=secret("Comment")
        ),
        SkillMixLineFactory(plan=plan),
        TrainingActivityFactory(plan=plan),
        CompetencyFactory(plan=plan),
        SupportArrangement.objects.create(plan=plan),
        FundingSourceFactory(plan=plan),
        CostAssumptions.objects.create(plan=plan),
        PostFactory(plan=plan),
        RoleDocumentation.objects.create(plan=plan),
        LogicModelFactory(plan=plan),
        measurement.metric.objective,
        measurement.metric,
        measurement.checkpoint,
    ]
    stage = Stage.values[0]

    invitation = Invitation.objects.create(
        organisation=organisation,
        email=f"{secret('invitee').lower()}@example.nhs.uk",
        role=MemberRole.VIEWER,
        invited_by=lead,
        token=secrets.token_urlsafe(32),
    )
    feed = services.renew_calendar_feed(user=members[MemberRole.HR], organisation=organisation)
    # The documents as if typeset before (typesetting is slow and not what is tested here):
    # an approval with its frozen PDF and this version's PDFs in the cache.
    plan.refresh_from_db()
    pdf = b"%PDF-1.4 stands in for a typeset plan"
    approval = PlanApproval.objects.create(
        plan=plan,
        version=plan.version,
        approver="Workforce committee",
        decided_on=datetime.date(2027, 1, 15),
        decision=ApprovalDecision.APPROVED,
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=lead,
    )
    for kind in DocumentKind:
        RenderedDocument.objects.create(
            plan=plan,
            version=plan.version,
            kind=kind,
            fingerprint=documents.document_fingerprint(documents.load_plan(plan), kind),
            content=pdf,
            page_count=1,
        )

    # A build of the plan's Word file, waiting in the worker's queue (the walk's requests use
    # the database queue, as production does: see `_database_tasks`).
    with override_settings(TASKS=DATABASE_TASKS):
        build_task_id = builds.build_document.enqueue(plan.pk, DocumentKind.WORD.value).id

    sign_off_request = sign_off.request_sign_off(
        plan=plan, approvers=[members[MemberRole.HR]], message=secret("SignOff"), user=lead
    )
    viewer = members[MemberRole.VIEWER]
    world_records = {type(p): p for p in parts}
    world_records.update(
        {
            Membership: subject,
            Invitation: invitation,
            PlanApproval: approval,
            SignOffRequest: sign_off_request,
            CaseStudy: CaseStudy.objects.published().first(),
            RoleTemplate: RoleTemplate.objects.published().first(),
        }
    )
    assert all(world_records.values()), world_records
    return World(
        organisation=organisation,
        plan=plan,
        members=members,
        outsider=outsider,
        curator=make_curator(),
        records=world_records,
        secrets=[
            organisation.name,
            plan.title,
            stakeholder.name,
            viewer.email,
            invitation.email,
            secret("Risk"),
            secret("Option"),
            secret("Comment"),
        ],
        plan_pk=plan.pk,
        stage=stage,
        csv_key=panels.csv_exports()[0].key,
        invitation_token=invitation.token,
        feed_token=feed.token,
        reset_uid=urlsafe_base64_encode(force_bytes(viewer.pk)),
        reset_token=default_token_generator.make_token(viewer),
        build_task_id=build_task_id,
        unsubscribe_token=notifications.unsubscribe_token(
            user=viewer, kind=NotificationKind.OVERDUE
        ),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, in a transaction rolled back at its end (each test runs in a
    transaction of its own inside it, and each request in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        with override_settings(PASSWORD_HASHERS=fast):
            built = build_world()
        # Sign everyone in once; each test's browsers start from these cookies.
        for user in [*built.members.values(), built.outsider, built.curator]:
            client = Client()
            client.force_login(user)
            built.cookies[user.pk] = client.cookies
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    # The build's progress page reads the queue: the walk uses the one production uses.
    settings.TASKS = DATABASE_TASKS


# --- Requests ---------------------------------------------------------------------------------

FINGERPRINT_APPS = {"accounts", "planning", "governance", "evaluation", "roles"}
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
DOWNLOAD_TYPES = {"application/pdf", "text/csv", "text/calendar", word.WORD_CONTENT_TYPE}
# Recording who viewed a plan is what opening it does (planning/audit.py).
AUDIT_TABLE = "planning_planauditevent"
# Tables a refused request may write: the session (a member opening a record of their own
# organisation switches to it first) and django-axes' records of sign-in attempts.
NOT_THE_PRODUCTS = ("django_session", "axes_")


def fingerprint() -> dict:
    """Every row of every model of the product (the world is small): what refused requests
    must not change."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in FINGERPRINT_APPS:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        if any(isinstance(f, BinaryField) for f in model._meta.concrete_fields):
            # PostgreSQL returns memoryviews; compare their bytes.
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows]
        found[model._meta.label] = rows
    return found


def changed_models(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


@dataclass
class Outcome:
    status: int
    location: str
    content: bytes
    writes: list[str]  # statements that wrote the product's tables (INSERT, UPDATE, DELETE)
    content_type: str = ""
    disposition: str = ""
    cache_control: str = ""
    permissions_policy: str = ""

    def signs_in(self) -> bool:
        return self.status == 302 and self.location.startswith(reverse("accounts:login"))

    def is_download(self) -> bool:
        kind = self.content_type.split(";")[0].strip()
        return self.disposition.startswith("attachment") or kind in DOWNLOAD_TYPES


def send(client: Client, method: str, url: str, *, keep: bool = False) -> Outcome:
    """One request with no data. Unless `keep`, it runs in a savepoint rolled back afterwards
    (so an allowed delete or sign-out leaves the world as it was), and the browser's cookies
    are put back. Refused requests are kept, so that a fingerprint taken after them shows
    anything they changed."""
    cookies = copy.deepcopy(client.cookies)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        response = getattr(client, method)(url, {})
        if not keep:
            transaction.set_rollback(True)
    client.cookies = cookies
    writes = [
        q["sql"][:120]
        for q in queries.captured_queries
        if WRITE.match(q["sql"]) and not any(t in q["sql"] for t in NOT_THE_PRODUCTS)
    ]
    content = b"" if response.streaming else response.content
    return Outcome(
        response.status_code,
        response.get("Location", ""),
        content,
        writes,
        response.get("Content-Type", ""),
        response.get("Content-Disposition", ""),
        response.get("Cache-Control", ""),
        response.get("Permissions-Policy", ""),
    )


def browser() -> Client:
    # A view's exception is a 500 in the report (and logged with its traceback), not the end
    # of the test.
    return Client(raise_request_exception=False)


@dataclass
class Browsers:
    """One browser per person, signed in."""

    anonymous: Client
    members: dict  # MemberRole -> Client
    outsider: Client
    curator: Client

    @classmethod
    def of(cls, world: World):
        def signed_in(user):
            client = browser()
            client.cookies = copy.deepcopy(world.cookies[user.pk])
            return client

        return cls(
            anonymous=browser(),
            members={role: signed_in(user) for role, user in world.members.items()},
            outsider=signed_in(world.outsider),
            curator=signed_in(world.curator),
        )


# --- Tests ------------------------------------------------------------------------------------


def test_every_url_pattern_is_classified(world):
    unfilled = []
    for route in WALK.routes.values():
        _, missing = world.params_for(route)
        if missing:
            unfilled.append(
                f"{route.name} ({route.route}): cannot fill {', '.join(missing)}; add the "
                "record to the world or a rule to PARAM_MODELS / PARAM_VALUES"
            )
    assert not WALK.problems + unfilled, "\n".join(WALK.problems + unfilled)
    assert len(WALK.routes) > 80  # the walker found the product's pages
    skipped = {reason for _, reason in WALK.skipped}
    assert SKIPPED_NAMESPACES["admin"] in skipped


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_access(world, name):
    route = WALK.routes[name]
    kwargs, missing = world.params_for(route)
    if missing:
        pytest.fail(f"cannot fill {missing} (see test_every_url_pattern_is_classified)")
    url = reverse(name, kwargs=kwargs)
    if name in PUBLIC:
        expectations = public_expectations
    elif name in SIGNED_IN:
        expectations = signed_in_expectations
    elif is_curators_page(route):
        expectations = curators_page_expectations
    elif route.is_organisation_page():
        expectations = organisation_page_expectations
    else:
        pytest.fail(f"{name} is not classified (see test_every_url_pattern_is_classified)")
    browsers = Browsers.of(world)
    failures = []
    for method in route.methods():
        failures += check(world, route, url, method, expectations(route, method, browsers))
    assert not failures, f"{name} ({url}):\n" + "\n".join(failures)


def _csv_keys() -> list[str]:
    from planning import panels

    return [export.key for export in panels.csv_exports()]


@pytest.mark.parametrize("key", _csv_keys())
def test_access_to_every_spreadsheet(world, key):
    """test_access opens one of a plan's spreadsheets; the others are the same URL pattern
    with another key, each checked the same way (another organisation's lead gets 404)."""
    route = WALK.routes["planning:export_csv"]
    url = reverse(route.name, kwargs={"plan_pk": world.plan_pk, "key": key})
    expectations = organisation_page_expectations(route, "get", Browsers.of(world))
    failures = check(world, route, url, "get", expectations)
    assert not failures, f"{url}:\n" + "\n".join(failures)


# What each person must get: (who, browser, expected) with expected one of
ALLOWED = "a page or a redirect"
SIGN_IN = "sent to sign in"
FORBIDDEN = "403"
NOT_FOUND = "404"
SERVED = "anything but a server error"


def public_expectations(route, method, browsers):
    yield "anonymous", browsers.anonymous, ALLOWED
    for role, client in browsers.members.items():
        yield role.label, client, SERVED
    yield "another organisation's lead", browsers.outsider, SERVED


def signed_in_expectations(route, method, browsers):
    yield "anonymous", browsers.anonymous, SIGN_IN
    for role, client in browsers.members.items():
        yield role.label, client, ALLOWED
    yield "another organisation's lead", browsers.outsider, ALLOWED


def curators_page_expectations(route, method, browsers):
    yield "anonymous", browsers.anonymous, SIGN_IN
    for role, client in browsers.members.items():
        yield role.label, client, FORBIDDEN
    yield "another organisation's lead", browsers.outsider, FORBIDDEN
    yield "a curator", browsers.curator, ALLOWED


def organisation_page_expectations(route, method, browsers):
    action = route.required_action(method)
    yield "anonymous", browsers.anonymous, SIGN_IN
    for role, client in browsers.members.items():
        yield (
            f"{role.label} ({action}: {role_can(role, action)})",
            client,
            (ALLOWED if role_can(role, action) else FORBIDDEN),
        )
    # On a record's page the organisation comes from the record: not theirs, so not found.
    # On an organisation-level page they act in their own organisation.
    yield (
        "another organisation's lead",
        browsers.outsider,
        (NOT_FOUND if route.is_scoped() else ALLOWED),
    )


REFUSED = {SIGN_IN, FORBIDDEN, NOT_FOUND}


def check(world, route, url, method, expectations) -> list[str]:
    """Refused requests first, kept (not rolled back), then one comparison of the whole
    database for POSTs; then the allowed ones, each rolled back."""
    failures, verb = [], method.upper()
    action = route.required_action(method) if route.is_organisation_page() else None
    if is_curators_page(route):
        action = CURATORS  # curators' decisions change the library: that is what they are for
    expectations = sorted(expectations, key=lambda e: e[2] not in REFUSED)
    before = fingerprint() if method == "post" else None
    fingerprinted = False
    for who, client, expected in expectations:
        if expected not in REFUSED and before is not None and not fingerprinted:
            fingerprinted = True
            changed = changed_models(before, fingerprint())
            if changed:
                failures.append(f"refused {verb}s changed {changed}")
        outcome = send(client, method, url, keep=expected in REFUSED)
        if not meets(route, method, outcome, expected):
            where = f" to {outcome.location}" if outcome.location else ""
            failures.append(f"{who} {verb}: expected {expected}, got {outcome.status}{where}")
        if expected in REFUSED and outcome.writes:
            failures.append(f"{who}'s refused {verb} wrote: {outcome.writes}")
        failures += shared_computer_problems(who, verb, outcome)
        if expected not in REFUSED:
            failures += matrix_problems(route, action, who, verb, outcome)
        if who == "another organisation's lead" and route.name not in CREDENTIAL_IN_URL:
            text = outcome.content.decode("utf-8", errors="replace")
            leaked = [secret for secret in world.secrets if secret in text]
            if leaked:
                failures.append(f"{who} {verb} sees the first organisation's {leaked}")
    return failures


def shared_computer_problems(who, verb, outcome) -> list[str]:
    """A page a signed-in person got is not kept by the browser for the next person at the
    computer; every response denies the browser features the product does not use."""
    problems = []
    signed_in_page = who != "anonymous" and verb == "GET" and outcome.status == 200
    if signed_in_page and "no-store" not in outcome.cache_control:
        problems.append(
            f"{who} {verb}: a signed-in page without Cache-Control no-store "
            f"({outcome.cache_control!r})"
        )
    if "camera=()" not in outcome.permissions_policy:
        problems.append(f"{who} {verb}: no Permissions-Policy denying the camera")
    return problems


def matrix_problems(route, action, who, verb, outcome) -> list[str]:
    """What a view declares must fit what it does: a download is an export, and a page that
    needs only reading (or no organisation permission at all) changes nothing but the audit
    log."""
    if route.name in CREDENTIAL_IN_URL or outcome.status >= 400:
        return []
    problems = []
    if outcome.is_download() and action in (None, Action.VIEW):
        problems.append(
            f"{who} {verb} got a download ({outcome.content_type}) from a view that needs only "
            f"{action or 'signing in'}: exports need {Action.EXPORT}"
        )
    writes = [w for w in outcome.writes if AUDIT_TABLE not in w]
    if writes and action in (None, Action.VIEW) and route.name not in OWN_SETTINGS:
        problems.append(
            f"{who} {verb} changed records through a view that needs only "
            f"{action or 'signing in'}: {writes}"
        )
    return problems


def meets(route, method, outcome, expected) -> bool:
    if expected == ALLOWED:
        if route.name == "accounts:logout" and outcome.signs_in():
            return True  # signing out ends on the sign-in page
        return not outcome.signs_in() and (
            outcome.status < 400 or outcome.status in ALLOWED_STATUSES.get((route.name, method), {})
        )
    if expected == SIGN_IN:
        return outcome.signs_in()
    if expected == FORBIDDEN:
        return outcome.status == 403
    if expected == NOT_FOUND:
        return outcome.status == 404
    return outcome.status < 500  # SERVED


def test_admin_is_for_staff_only(world):
    """Every admin page without parameters, and each app's index, sends anonymous visitors and
    members who are not staff (a lead here) to the admin's sign-in page."""
    login = reverse("admin:login")
    admin_resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "admin"
    )
    walk = Walk()
    _walk(admin_resolver.url_patterns, "admin/", ["admin"], (), walk)
    urls = [
        reverse(r.name)
        for r in walk.routes.values()
        if not r.params and r.name not in ("admin:login", "admin:logout")
    ]
    app_labels = {model._meta.app_label for model in admin_site._registry}
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    assert len(urls) > 20
    failures = []
    browsers = Browsers.of(world)
    for who, client in [("anonymous", browsers.anonymous), ("a lead", browsers.members["lead"])]:
        for url in urls:
            outcome = send(client, "get", url)
            if not (outcome.status == 302 and outcome.location.startswith(login)):
                failures.append(f"{who} GET {url} got {outcome.status} {outcome.location}")
    assert not failures, "\n".join(failures)
