"""The document cache: a plan's PDF (or Word file) is built once per version (and
fingerprint), then served from `RenderedDocument` until the plan or something else the
document shows changes. `get_document` builds it there and then (the task worker and
approvals call it); `request_document` is what a download asks for: the stored document, or
a build queued for the worker (see `builds`)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.template import loader
from django.utils import timezone

from ..models import (
    DocumentBuild,
    DocumentKind,
    GoodPracticePoint,
    ImplementationPlan,
    RenderedDocument,
)
from . import content, fetcher, word
from .registry import registered_sections


@dataclass(frozen=True)
class Built:
    content: bytes
    page_count: int
    seconds: float
    refused: list[str]


def _typeset(html_of):
    def build(plan) -> Built:
        rendered = fetcher.render_pdf(html_of(plan))
        return Built(rendered.pdf, rendered.page_count, rendered.seconds, rendered.fetcher.refused)

    return build


def _word(plan) -> Built:
    started = time.perf_counter()
    return Built(word.word_document(plan), 0, time.perf_counter() - started, [])


BUILDERS = {
    DocumentKind.FULL: _typeset(content.document_html),
    DocumentKind.SUMMARY: _typeset(content.summary_html),
    DocumentKind.WORD: _word,
}


@lru_cache(maxsize=8)
def _layout_digest(template_names: tuple[str, ...]) -> str:
    """Changes when a deployment changes any template the documents are built from."""
    digest = hashlib.sha256()
    for name in template_names:
        template = loader.get_template(name)
        digest.update(name.encode())
        digest.update(getattr(template.template, "source", "").encode())
    return digest.hexdigest()


def _template_names(kind) -> tuple[str, ...]:
    names = [content.BASE_CSS_TEMPLATE]
    if kind == DocumentKind.SUMMARY:
        names += [content.SUMMARY_CSS_TEMPLATE, content.SUMMARY_TEMPLATE]
    else:
        names += [content.DOCUMENT_CSS_TEMPLATE, content.DOCUMENT_TEMPLATE]
        names += sorted(s.template for s in registered_sections())
    return tuple(names)


def document_fingerprint(plan, kind) -> str:
    """What a document shows beyond the plan and its parts (whose changes raise
    `plan.version`): today's date (overdue actions, checkpoints and estimates without a start
    date depend on it), names of the organisation, owner, role and category, the logo, the
    library's published case studies, the good-practice points, the templates, the release's
    code (`settings.CODE_VERSION`: what a document says is partly composed in Python), and the
    plan's approvals (the paper's version reads "Approved version n" once this version is
    approved). Three queries."""
    from roles.models import CaseStudy

    studies = CaseStudy.objects.published().aggregate(count=Count("pk"), latest=Max("updated_at"))
    points = hashlib.sha256(
        repr(
            list(GoodPracticePoint.objects.values_list("pk", "code", "text", "risk", "severity"))
        ).encode()
    ).hexdigest()
    parts = [
        timezone.localdate().isoformat(),
        plan.organisation.name,
        content.logo_url(plan.organisation, preview=False),
        str(plan.owner) if plan.owner_id else "",
        plan.role_name,
        str(plan.category) if plan.category_id else "",
        str(studies["count"]),
        str(studies["latest"]),
        points,
        repr(list(plan.approvals.order_by("pk").values_list("pk", "version", "decision"))),
        _layout_digest(_template_names(kind)),
        settings.CODE_VERSION,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class Document:
    content: bytes
    version: int
    page_count: int
    cached: bool
    refused: list[str] = field(default_factory=list)

    @classmethod
    def stored(cls, row: RenderedDocument) -> Document:
        return cls(bytes(row.content), row.version, row.page_count, cached=True)


class VersionChanged(Exception):
    """The plan changed after the person opened the page: they approved something else."""

    def __init__(self, current_version):
        super().__init__(f"The plan is now at version {current_version}.")
        self.current_version = current_version


def _current_version(plan_pk) -> int | None:
    return ImplementationPlan.objects.filter(pk=plan_pk).values_list("version", flat=True).first()


def get_document(plan, kind=DocumentKind.FULL) -> Document:
    """The document of the plan as it is now: from the cache when this version (and
    fingerprint) was built before, else built and stored (replacing older versions of this
    kind).

    Building a large plan's PDF takes seconds and both cores, so it happens once per version
    however many ask at once: the builder holds the plan's `DocumentBuild` row locked until
    its transaction commits; others wait on that lock, then find the stored document.
    (SQLite has no row locks; there builds may overlap.)"""
    kind = DocumentKind(kind)
    plan = content.load_plan(plan)
    version = plan.version
    fingerprint = document_fingerprint(plan, kind)
    stored = stored_document(plan.pk, version, kind, fingerprint)
    if stored is None:
        with transaction.atomic():
            DocumentBuild.objects.get_or_create(plan_id=plan.pk, kind=kind)
            DocumentBuild.objects.select_for_update().get(plan_id=plan.pk, kind=kind)
            stored = stored_document(plan.pk, version, kind, fingerprint)
            if stored is None:
                return _build(plan, kind, version, fingerprint)
    return Document.stored(stored)


def stored_document(plan_pk, version, kind, fingerprint) -> RenderedDocument | None:
    return RenderedDocument.objects.filter(
        plan_id=plan_pk, version=version, kind=kind, fingerprint=fingerprint
    ).first()


def _build(plan, kind, version, fingerprint) -> Document:
    built = BUILDERS[kind](plan)
    # Store it only if nobody changed the plan while it was being built: else the bytes
    # could show something newer (or older) than the version they would be filed under.
    if _current_version(plan.pk) == version:
        try:
            with transaction.atomic():
                RenderedDocument.objects.filter(
                    plan_id=plan.pk, kind=kind, version__lte=version
                ).delete()
                RenderedDocument.objects.create(
                    plan_id=plan.pk,
                    version=version,
                    kind=kind,
                    fingerprint=fingerprint,
                    content=built.content,
                    page_count=built.page_count,
                    render_seconds=built.seconds,
                )
        except IntegrityError:  # stored meanwhile where locks are not available (SQLite)
            pass
    return Document(built.content, version, built.page_count, cached=False, refused=built.refused)
