"""Documents built in the background, by the task worker (`manage.py db_worker`).

A large plan's PDF takes seconds of both cores; built in the web request it would hold a
web worker all that time, and a few people exporting at once would stall the site. So a
download asks `request_document`: the stored document if this version was built before,
else a build queued for the worker (one per plan, kind, version and fingerprint however
many ask), whose progress the person follows on a page (`BuildProgress`) until the download
is ready. Django's task framework (the `django-tasks` backport) with its database backend
keeps the queue in our own database: nothing else to run or to back up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from ..models import DocumentBuild, DocumentKind
from . import cache, content

# A build still waiting after this long most likely has no worker to run it; one "running"
# for longer than this lost its worker. Either way, the person can ask again.
WAITING_TOO_LONG = timedelta(minutes=2)
RUNNING_TOO_LONG = timedelta(minutes=10)
PENDING = {TaskResultStatus.READY, TaskResultStatus.RUNNING}


@task()
def build_document(plan_pk: int, kind: str) -> int:
    """Build and store the plan's document as it is now; returns the version built."""
    return cache.get_document(plan_pk, kind).version


@dataclass(frozen=True)
class Requested:
    """What a download gets: the document now (`document`), or the build to follow."""

    document: cache.Document | None = None
    task_id: str = ""


def request_document(plan, kind, *, retrying: str = "") -> Requested:
    """The stored document of the plan as it is now, or the queued build that will store it:
    the one already queued for this version, else a new one. `retrying` names a build that
    failed or stalled: a new one is queued even if it is still said to be pending (it lost
    its worker), but only while it is still the latest, so pressing "Try again" twice
    queues one build."""
    kind = DocumentKind(kind)
    plan = content.load_plan(plan)
    version = plan.version
    fingerprint = cache.document_fingerprint(plan, kind)
    stored = cache.stored_document(plan.pk, version, kind, fingerprint)
    if stored is not None:
        return Requested(document=cache.Document.stored(stored))
    with transaction.atomic():
        DocumentBuild.objects.get_or_create(plan_id=plan.pk, kind=kind)
        build = DocumentBuild.objects.select_for_update().get(plan_id=plan.pk, kind=kind)
        same_request = (build.version, build.fingerprint) == (version, fingerprint)
        if build.task_id and same_request and build.task_id != retrying:
            pending = _result(build.task_id)
            if pending is not None and pending.status in PENDING:
                return Requested(task_id=build.task_id)
        result = build_document.enqueue(plan.pk, kind.value)
        if result.is_finished:  # built already (the tests' immediate backend)
            stored = cache.stored_document(plan.pk, version, kind, fingerprint)
            if result.status == TaskResultStatus.SUCCESSFUL and stored is not None:
                return Requested(document=cache.Document.stored(stored))
        build.task_id, build.version, build.fingerprint = result.id, version, fingerprint
        build.save(update_fields=["task_id", "version", "fingerprint"])
    return Requested(task_id=result.id)


def _result(task_id):
    try:
        return build_document.get_result(task_id)
    except (TaskResultDoesNotExist, NotImplementedError, ValueError):
        return None


@dataclass(frozen=True)
class BuildProgress:
    """A build as its progress page shows it."""

    state: str  # waiting, building, ready, failed, stalled
    plan_pk: int
    kind: DocumentKind
    enqueued_at: object = None

    @classmethod
    def of(cls, task_id, plan_pk) -> BuildProgress | None:
        """The build `task_id` of this plan's documents, or None (no such build, or another
        plan's: the URL names the plan, and a build is only ever shown under its own)."""
        result = _result(task_id)
        if result is None or result.task.module_path != build_document.module_path:
            return None
        if list(result.args[:1]) != [plan_pk] or result.args[1] not in DocumentKind.values:
            return None
        now = timezone.now()
        state = {
            TaskResultStatus.READY: "waiting",
            TaskResultStatus.RUNNING: "building",
            TaskResultStatus.SUCCESSFUL: "ready",
        }.get(result.status, "failed")
        if state == "waiting" and now - result.enqueued_at > WAITING_TOO_LONG:
            state = "stalled"
        if state == "building" and now - (result.started_at or now) > RUNNING_TOO_LONG:
            state = "stalled"
        return cls(state, plan_pk, DocumentKind(result.args[1]), result.enqueued_at)

    @property
    def finished(self) -> bool:
        return self.state in {"ready", "failed", "stalled"}

    @property
    def can_retry(self) -> bool:
        return self.state in {"failed", "stalled"}

    @property
    def heading(self) -> str:
        return {
            "waiting": "Waiting to start",
            "building": "Building your document",
            "ready": "Your document is ready",
            "failed": "The document could not be built",
            "stalled": "This is taking longer than it should",
        }[self.state]

    @property
    def explanation(self) -> str:
        return {
            "waiting": "Your document is in the queue and will start in a moment.",
            "building": "A large plan can take up to a minute.",
            "ready": "",
            "failed": (
                "Something went wrong while building it. Try again; if it fails again, "
                "contact the NewRoles service desk and tell them which plan it was."
            ),
            "stalled": (
                "The document builder may not be running. Try again; if it still does not "
                "start, contact the NewRoles service desk."
            ),
        }[self.state]
