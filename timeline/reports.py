"""The consistency report: what is new, still open and resolved since the last one."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone as dt_timezone

from django.db import IntegrityError, transaction
from django.utils import timezone

from timeline.models import ConsistencyReport, Event, Finding
from timeline.services import consistency_check

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def period_key_for(moment: datetime) -> str:
    """One report per calendar day (UTC): beat firing twice the same night makes one."""
    return moment.astimezone(dt_timezone.utc).date().isoformat()


def report_create(*, now: datetime | None = None, force_new_key: str | None = None) -> tuple[ConsistencyReport, bool]:
    """Run the full cross-check and store the report for this period.

    Returns (report, created). A second run in the same period returns the
    stored report unchanged. A failed check is recorded as a failed report
    and the error is raised again so the task can retry.
    """
    now = now or timezone.now()
    key = force_new_key or period_key_for(now)
    existing = ConsistencyReport.objects.filter(period_key=key, status=ConsistencyReport.Status.OK).first()
    if existing is not None:
        return existing, False
    previous = ConsistencyReport.objects.filter(status=ConsistencyReport.Status.OK, period_end__lt=now).order_by("-period_end").first()
    try:
        consistency_check()
    except Exception as exc:
        ConsistencyReport.objects.update_or_create(
            period_key=key,
            defaults={"period_end": now, "status": ConsistencyReport.Status.FAILED, "error": f"{type(exc).__name__}: {exc}"},
        )
        raise
    since = previous.period_end if previous else None
    open_findings = Finding.objects.filter(status=Finding.Status.OPEN)
    new = open_findings.filter(first_seen_at__gt=since) if since else open_findings
    resolved = Finding.objects.filter(status=Finding.Status.RESOLVED)
    resolved = resolved.filter(resolved_at__gt=since) if since else resolved
    counts = {
        "open_by_kind": dict(Counter(open_findings.values_list("kind", flat=True))),
        "open_by_severity": dict(Counter(open_findings.values_list("severity", flat=True))),
        "new": new.count(),
        "still_open": open_findings.count() - new.count(),
        "resolved": resolved.count(),
        "events": Event.objects.count(),
        "events_conflicting": Event.objects.filter(status="conflicting").count(),
    }
    try:
        with transaction.atomic():
            report, _ = ConsistencyReport.objects.update_or_create(
                period_key=key,
                defaults={"period_start": since, "period_end": now, "status": ConsistencyReport.Status.OK, "error": "", "counts": counts},
            )
            report.new_findings.set(new)
            report.open_findings.set(open_findings)
            report.resolved_findings.set(resolved)
            report.text = render_text(report)
            report.save(update_fields=["text"])
    except IntegrityError:
        # Another run stored this period's report first; theirs stands.
        return ConsistencyReport.objects.get(period_key=key), False
    return report, True


def _line(finding: Finding) -> str:
    return f"  [{finding.severity}] {finding.kind} (#{finding.id}): {finding.message}"


def _sorted(findings):
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 9), f.id))


def render_text(report: ConsistencyReport) -> str:
    counts = report.counts
    since = report.period_start.isoformat() if report.period_start else "the beginning"
    lines = [
        f"factdb consistency report {report.period_key}",
        f"Since {since}: {counts['new']} new, {counts['still_open']} still open, {counts['resolved']} resolved.",
        f"Events: {counts['events']} ({counts['events_conflicting']} with conflicting sources).",
        "Open by severity: " + (", ".join(f"{k} {v}" for k, v in sorted(counts["open_by_severity"].items(), key=lambda kv: _SEVERITY_ORDER.get(kv[0], 9))) or "none"),
        "Open by kind: " + (", ".join(f"{k} {v}" for k, v in sorted(counts["open_by_kind"].items())) or "none"),
        "",
        "New:",
        *([_line(f) for f in _sorted(report.new_findings.all())] or ["  none"]),
        "Still open:",
        *([_line(f) for f in _sorted(report.open_findings.exclude(id__in=report.new_findings.all()))] or ["  none"]),
        "Resolved:",
        *([_line(f) for f in _sorted(report.resolved_findings.all())] or ["  none"]),
    ]
    return "\n".join(lines) + "\n"
