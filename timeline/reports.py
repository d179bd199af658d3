"""The consistency report: what is new, still open and resolved since the last one."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from claims.models import Claim
from timeline.models import ConsistencyReport, Event, Finding
from timeline.checker import findings_check_all

logger = logging.getLogger(__name__)

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
# How many open findings the report shows in full, with their sentences.
MOST_SERIOUS = 10
EDITORS_GROUP = "Editors"
_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


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
        findings_check_all()
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
        **_event_status_changes(previous),
    }
    try:
        with transaction.atomic():
            # A run that finished while this one was checking has made the
            # report (and sent the email); this run must not make it again.
            stored = ConsistencyReport.objects.select_for_update().filter(period_key=key).first()
            if stored is not None and stored.status == ConsistencyReport.Status.OK:
                return stored, False
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
    # After commit, so no email announces a report that was rolled back; robust,
    # so a mail server being down never fails the report (it is logged).
    transaction.on_commit(partial(report_email, report=report), robust=True)
    return report, True


def _event_status_changes(previous: ConsistencyReport | None) -> dict:
    """Each event's status now, and the events whose status differs from the previous report.

    The snapshot is kept in the report itself, so "what changed since last
    night" needs no history table; an event new since then counts as changed
    from "new".
    """
    now = {str(event_id): status for event_id, status in Event.objects.values_list("id", "status")}
    before = (previous.counts or {}).get("event_statuses", {}) if previous else {}
    labels = dict(Event.objects.filter(id__in=[int(i) for i in now]).values_list("id", "label")) if now else {}
    changed = [
        {"id": int(event_id), "label": labels.get(int(event_id), ""), "before": before.get(event_id, "new"), "after": status}
        for event_id, status in sorted(now.items(), key=lambda kv: int(kv[0]))
        if before.get(event_id, "new") != status and (previous is not None)
    ]
    return {"event_statuses": now, "events_changed": changed}


def _line(finding: Finding) -> str:
    return f"  [{finding.severity}] {finding.kind} (#{finding.id}): {finding.message}"


def severity_rank(severity: str) -> int:
    return _SEVERITY_ORDER.get(severity, 9)


def sort_findings(findings) -> list[Finding]:
    """Most severe first, then oldest first."""
    return sorted(findings, key=lambda f: (severity_rank(f.severity), f.id))



def render_text(report: ConsistencyReport) -> str:
    counts = report.counts
    since = report.period_start.isoformat() if report.period_start else "the beginning"
    lines = [
        f"factdb consistency report {report.period_key}",
        f"Since {since}: {counts['new']} new, {counts['still_open']} still open, {counts['resolved']} resolved.",
        f"Events: {counts['events']} ({counts['events_conflicting']} with conflicting sources).",
        "Open by severity: " + (", ".join(f"{k} {v}" for k, v in sorted(counts["open_by_severity"].items(), key=lambda kv: _SEVERITY_ORDER.get(kv[0], 9))) or "none"),
        "Open by kind: " + (", ".join(f"{k} {v}" for k, v in sorted(counts["open_by_kind"].items())) or "none"),
        "Events whose status changed: "
        + (", ".join(f"{e['label']} ({e['before']} → {e['after']})" for e in counts.get("events_changed", [])) or "none"),
        "",
        "New:",
        *([_line(f) for f in sort_findings(report.new_findings.all())] or ["  none"]),
        "Still open:",
        *([_line(f) for f in sort_findings(report.open_findings.exclude(id__in=report.new_findings.all()))] or ["  none"]),
        "Resolved:",
        *([_line(f) for f in sort_findings(report.resolved_findings.all())] or ["  none"]),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Quote:
    """A claim's sentence split around its date expression, for highlighting."""

    before: str
    expression: str
    after: str


def claim_quote(claim: Claim) -> Quote:
    """The sentence a claim was read from, with the expression picked out.

    Offsets index the article text; an expression that is not inside its
    sentence (bad offsets) is shown unhighlighted rather than mangled.
    """
    # Cut out by the query where the caller selected it (timeline.selectors), so the article body is not loaded.
    sentence = claim.sentence_text if hasattr(claim, "sentence_text") else claim.sentence
    start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    if not (0 <= start < end <= len(sentence)):
        return Quote(before=sentence or claim.text, expression="", after="")
    return Quote(before=sentence[:start], expression=sentence[start:end], after=sentence[end:])


def most_serious(report: ConsistencyReport, limit: int = MOST_SERIOUS) -> list[Finding]:
    """The report's open findings, most severe first, with their claims and articles."""
    findings = report.open_findings.prefetch_related("claims__article").select_related("event")
    return sort_findings(findings)[:limit]


def report_counts(report: ConsistencyReport) -> dict:
    """The report's counts with every key present (a failed report stores none)."""
    counts = {
        "new": 0, "still_open": 0, "resolved": 0, "events": 0, "events_conflicting": 0,
        "open_by_kind": {}, "open_by_severity": {}, "events_changed": [],
    }
    return counts | (report.counts or {})


def _md(text: str) -> str:
    # Sentences come from articles; their asterisks and brackets are not markup.
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", re.sub(r"\s+", " ", text))


def _md_finding(finding: Finding) -> str:
    return f"- **{finding.severity}** {finding.kind.replace('_', ' ')} (#{finding.id}): {_md(finding.message)}"


def _md_claim(claim: Claim) -> str:
    quote = claim_quote(claim)
    sentence = f"{_md(quote.before)}**{_md(quote.expression)}**{_md(quote.after)}" if quote.expression else _md(quote.before)
    article = claim.article
    source = article.outlet or "unknown outlet"
    link = f" <{article.source_link}>" if article.source_link else ""
    return f"  > {sentence}\n  > — {_md(source)}{link}"


def render_markdown(report: ConsistencyReport) -> str:
    """The report as Markdown: the email's plain-text part, readable as it stands."""
    counts = report_counts(report)
    since = report.period_start.isoformat() if report.period_start else "the beginning"
    new = sort_findings(report.new_findings.all())
    still_open = sort_findings(report.open_findings.exclude(id__in=report.new_findings.all()))
    resolved = sort_findings(report.resolved_findings.all())
    lines = [
        f"# factdb consistency report {report.period_key}",
        "",
        f"Since {since}: **{counts['new']} new**, {counts['still_open']} still open, {counts['resolved']} resolved.",
        f"Events: {counts['events']} ({counts['events_conflicting']} with conflicting sources).",
        "",
        "| Open by severity | Findings |",
        "| --- | ---: |",
        *[f"| {k} | {v} |" for k, v in sorted(counts["open_by_severity"].items(), key=lambda kv: _SEVERITY_ORDER.get(kv[0], 9))],
        "",
        "| Open by kind | Findings |",
        "| --- | ---: |",
        *[f"| {k.replace('_', ' ')} | {v} |" for k, v in sorted(counts["open_by_kind"].items())],
        "",
        "## Events whose status changed",
        "",
        *([f"- {_md(e['label'])} (#{e['id']}): {e['before']} → {e['after']}" for e in counts["events_changed"]] or ["None."]),
        "",
        "## Most serious open findings",
        "",
    ]
    serious = most_serious(report)
    for finding in serious:
        lines.append(_md_finding(finding))
        lines.extend(_md_claim(claim) for claim in finding.claims.all())
    if not serious:
        lines.append("None.")
    for title, findings in (("New", new), ("Still open", still_open), ("Resolved", resolved)):
        lines += ["", f"## {title} ({len(findings)})", ""]
        lines += [_md_finding(f) for f in findings] or ["None."]
    return "\n".join(lines) + "\n"


def email_configured() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", "")) or settings.EMAIL_BACKEND != _SMTP_BACKEND


def report_email(*, report: ConsistencyReport) -> int:
    """Email the report to every active editor with an address; returns how many were sent.

    One message per editor, so recipients do not see each other's addresses.
    """
    if not email_configured():
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
        .order_by("id")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    counts = report_counts(report)
    subject = f"factdb consistency report {report.period_key}: {counts['new']} new, {counts['new'] + counts['still_open']} open"
    body = render_markdown(report)
    serious = [(finding, [(claim, claim_quote(claim)) for claim in finding.claims.all()]) for finding in most_serious(report)]
    html = render_to_string("timeline/email/report.html", {"report": report, "counts": counts, "serious": serious})
    messages = []
    for address in recipients:
        message = EmailMultiAlternatives(subject=subject, body=body, to=[address])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    sent = get_connection().send_messages(messages) or 0
    logger.info("consistency report %s emailed to %d editors", report.period_key, sent)
    return sent
