"""Section `pdf`: the large plan's PDF against WeasyPrint alone on the same HTML.

`pdf_ratio` near 1 means the plan's own work (queries, templates) is small beside typesetting.
When it is not (above PROFILE_WHEN_RATIO_ABOVE, or with --profile), the slowest calls of the
apps and Django are printed as `profile_N` lines.
"""

import cProfile
import io
import pstats
import statistics
import time
from pathlib import Path

PROFILE_WHEN_RATIO_ABOVE = 1.3
PROFILE_LINES = 12


def _median_seconds(repeats, run, before=None):
    times = []
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def section_pdf(report, bench):
    from planning import documents
    from planning.models import DocumentKind, RenderedDocument

    plan, repeats = bench.plan, bench.sizes["repeats"]

    def clear():
        RenderedDocument.objects.all().delete()

    html = documents.document_html(plan)
    # One untimed run each: the first typesetting in a process loads fonts and caches.
    clear()
    first = documents.get_document(plan, DocumentKind.FULL)
    documents.render_pdf(html)

    pdf_seconds = _median_seconds(
        repeats, lambda: documents.get_document(plan, DocumentKind.FULL), before=clear
    )
    weasy_seconds = _median_seconds(repeats, lambda: documents.render_pdf(html))
    html_seconds = _median_seconds(repeats, lambda: documents.document_html(plan))
    documents.get_document(plan, DocumentKind.FULL)
    cached_seconds = _median_seconds(
        repeats, lambda: documents.get_document(plan, DocumentKind.FULL)
    )
    summary = documents.get_document(plan, DocumentKind.SUMMARY)
    ratio = pdf_seconds / weasy_seconds

    report.figure("pdf_pages", first.page_count)
    report.figure("pdf_bytes", len(first.content))
    report.figure("pdf_seconds", f"{pdf_seconds:.3f}")
    report.figure("weasyprint_only_seconds", f"{weasy_seconds:.3f}")
    report.figure("pdf_ratio", f"{ratio:.3f}")
    report.figure("pdf_seconds_per_page", f"{pdf_seconds / first.page_count:.4f}")
    report.figure("pdf_cached_seconds", f"{cached_seconds:.4f}")
    report.figure("html_build_seconds", f"{html_seconds:.3f}")
    report.figure("summary_pdf_pages", summary.page_count)
    report.figure("pdf_refused_fetches", len(first.refused))

    if ratio > PROFILE_WHEN_RATIO_ABOVE or bench.sizes.get("profile"):
        clear()
        profiler = cProfile.Profile()
        profiler.enable()
        documents.get_document(plan, DocumentKind.FULL)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        rows = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)
        shown = 0
        for (filename, line, function), (_, _, _, cumulative, _) in rows:
            if "planning" not in filename and "django" not in filename:
                continue
            report.figure(
                f"profile_{shown + 1}",
                f"{cumulative:.3f}s {Path(filename).name}:{line} {function}",
            )
            shown += 1
            if shown == PROFILE_LINES:
                break

    if bench.save_to:
        bench.save_to.mkdir(parents=True, exist_ok=True)
        (bench.save_to / "plan.pdf").write_bytes(first.content)
        (bench.save_to / "summary.pdf").write_bytes(summary.content)
        (bench.save_to / "preview.html").write_text(documents.document_html(plan, preview=True))
