"""The editors' review queue in the admin: what needs a human first, and one-click fixes.

The queue is read here; each action is a POST that checks the model's change
permission, calls one service and goes back to the queue. FactdbError
messages reach the editor verbatim.
"""

from __future__ import annotations

import re
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims.models import Article, Claim
from claims.published import parse_published_at
from claims.services import article_set_published_at, article_set_url, claim_review
from factdb.errors import FactdbError
from timeline.analysis.types import EventStatus, ReviewStatus, Severity
from timeline.models import Event, Finding
from timeline.services import event_merge, event_split, finding_dismiss, finding_reopen

SEVERITY_RANK = Case(
    *(When(severity=s, then=Value(rank)) for rank, s in enumerate([Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO])),
    default=Value(9),
    output_field=IntegerField(),
)


# --- reads -----------------------------------------------------------------------------------


def _claims_with_articles():
    # Article text is needed for the sentence; the raw body (maybe megabytes of HTML) is not.
    return Claim.objects.select_related("article", "event", "reviewed_by").defer("article__raw")


def _sides():
    return Prefetch("claims", queryset=_claims_with_articles().order_by("value_start", "article__published_at", "id"))


def open_findings():
    """Open findings, the most severe first, then the newest."""
    return (
        Finding.objects.filter(status=Finding.Status.OPEN)
        .annotate(severity_rank=SEVERITY_RANK)
        .order_by("severity_rank", "-first_seen_at", "-id")
        .select_related("event")
        .prefetch_related(_sides())
    )


def unreviewed_claims_in_conflict(*, exclude_ids: set[int]):
    """Claims nobody has reviewed on events whose sources disagree (those already shown with a finding left out)."""
    return (
        _claims_with_articles()
        .filter(review_status=ReviewStatus.UNREVIEWED, event__status=EventStatus.CONFLICTING)
        .exclude(id__in=exclude_ids)
        .order_by("event__label", "event_id", "value_start", "id")
    )


def recently_dismissed(limit: int = 10):
    dismissed = Finding.objects.filter(status=Finding.Status.DISMISSED).select_related("event", "dismissed_by")
    return dismissed.order_by("-last_seen_at", "-id")[:limit]


def sentence_marked(claim: Claim) -> str:
    """The claim's sentence with its date expression in <mark>, everything escaped."""
    text = claim.article.text
    start, end = claim.sentence_start, claim.sentence_end
    if not (start <= claim.start < claim.end <= end):
        return format_html("{} <mark>{}</mark>", text[start:end], claim.text)
    return format_html("{}<mark>{}</mark>{}", text[start : claim.start], text[claim.start : claim.end], text[claim.end : end])


def published_display(article: Article) -> str:
    local = article.published_at_local
    if local is None:
        return "unknown"
    return local.date().isoformat() if article.published_date_only else local.isoformat(timespec="minutes")


def interval_display(claim) -> str:
    if claim.value_start is None:
        return "unresolved"
    if claim.value_start == claim.value_end:
        return claim.value_start.isoformat()
    return f"{claim.value_start.isoformat()} … {claim.value_end.isoformat()}"


def claim_card(claim: Claim) -> dict:
    article = claim.article
    return {
        "claim": claim,
        "article": article,
        "sentence": sentence_marked(claim),
        "published": published_display(article),
        "published_input": "" if article.published_at is None else published_display(article),
        "interval": interval_display(claim),
    }


# --- views -----------------------------------------------------------------------------------


def queue_view(request, *, site):
    if not request.user.has_perm("timeline.view_finding"):
        raise PermissionDenied
    findings = list(open_findings())
    shown = {c.id for f in findings for c in f.claims.all()}
    cards = []
    for finding in findings:
        claims = list(finding.claims.all())
        events = {c.event for c in claims if c.event} | ({finding.event} if finding.event else set())
        cards.append(
            {
                "finding": finding,
                "anchor": f"finding-{finding.pk}",
                "claims": [claim_card(c) for c in claims],
                "events": sorted(events, key=lambda e: e.pk),
            }
        )
    user = request.user
    context = {
        **site.each_context(request),
        "title": "Review queue",
        "cards": cards,
        "unreviewed": [claim_card(c) for c in unreviewed_claims_in_conflict(exclude_ids=shown)],
        "dismissed": recently_dismissed(),
        "can": {
            "claim": user.has_perm("claims.change_claim"),
            "finding": user.has_perm("timeline.change_finding"),
            "article": user.has_perm("claims.change_article"),
            "event": user.has_perm("timeline.change_event"),
            "alias": user.has_perm("timeline.change_entityalias"),
        },
    }
    return TemplateResponse(request, "admin/timeline/review_queue.html", context)


def _action(permission: str):
    """A queue action: POST only, the model's change permission or 403, FactdbError shown as a message, back to the queue."""

    def decorate(body):
        @wraps(body)
        @require_POST
        def view(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            try:
                done = body(request, *args, **kwargs)
            except FactdbError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, done)
            anchor = request.POST.get("anchor", "")
            return redirect(reverse("admin:review_queue") + (f"#{anchor}" if re.fullmatch(r"[\w-]+", anchor) else ""))

        return view

    return decorate


@_action("claims.change_claim")
def claim_verify_view(request, claim_id: int) -> str:
    claim = get_object_or_404(Claim, pk=claim_id)
    claim = claim_review(claim=claim, status=ReviewStatus.VERIFIED, editor=request.user, note=request.POST.get("note", "").strip())
    return f"Verified “{claim.text}” ({claim.article.outlet or 'no outlet'})."


@_action("claims.change_claim")
def claim_reject_view(request, claim_id: int) -> str:
    claim = get_object_or_404(Claim, pk=claim_id)
    claim = claim_review(claim=claim, status=ReviewStatus.REJECTED, editor=request.user, note=request.POST.get("note", "").strip())
    return f"Marked “{claim.text}” ({claim.article.outlet or 'no outlet'}) wrong."


@_action("timeline.change_finding")
def finding_dismiss_view(request, finding_id: int) -> str:
    finding = get_object_or_404(Finding, pk=finding_id)
    finding = finding_dismiss(finding=finding, editor=request.user, reason=request.POST.get("reason", ""))
    return f"Dismissed as a false alarm: {finding.message}"


@_action("timeline.change_finding")
def finding_reopen_view(request, finding_id: int) -> str:
    finding = finding_reopen(finding=get_object_or_404(Finding, pk=finding_id))
    return f"Reopened: {finding.message}"


@_action("claims.change_article")
def article_published_at_view(request, article_id: int) -> str:
    article = get_object_or_404(Article, pk=article_id)
    published_at, date_only = parse_published_at(request.POST.get("published_at", "").strip())
    article = article_set_published_at(article=article, published_at=published_at, date_only=date_only)
    article.refresh_from_db()
    # With Celery eager (and on_commit) the pipeline has already run; with a worker it is on its way.
    done = "its claims were re-resolved and checked" if article.status == Article.Status.CHECKED else "its claims will be re-resolved shortly"
    return f"Publication time of “{article}” is now {published_display(article)}; {done} (status: {article.status})."


@_action("claims.change_article")
def article_url_view(request, article_id: int) -> str:
    article = article_set_url(article=get_object_or_404(Article, pk=article_id), url=request.POST.get("url", ""))
    return f"URL of “{article}” is now {article.url or 'empty'}."


def _ids(values: list[str], field: str) -> list[int]:
    try:
        return [int(v) for value in values for v in re.split(r"[\s,]+", value.strip()) if v]
    except ValueError:
        raise FactdbError.on(field, "give event or claim ids as numbers") from None


@_action("timeline.change_event")
def event_merge_view(request) -> str:
    target_ids = _ids([request.POST.get("target", "")], "target")
    if len(target_ids) != 1:
        raise FactdbError.on("target", "choose one event to merge into")
    target = get_object_or_404(Event, pk=target_ids[0])
    source_ids = set(_ids(request.POST.getlist("sources"), "sources")) - {target.pk}
    sources = list(Event.objects.filter(pk__in=source_ids))
    if len(sources) != len(source_ids):
        missing = source_ids - {e.pk for e in sources}
        raise FactdbError.on("sources", f"no event with id {', '.join(map(str, sorted(missing)))}")
    labels = ", ".join(f"“{e.label}”" for e in sources)
    event_merge(target=target, sources=sources)
    return f"Merged {labels} into “{target.label}”."


@_action("timeline.change_event")
def event_split_view(request, event_id: int) -> str:
    event = get_object_or_404(Event, pk=event_id)
    claim_ids = _ids(request.POST.getlist("claim_ids"), "claim_ids")
    new_event = event_split(event=event, claim_ids=claim_ids, label=request.POST.get("label", ""))
    return f"Split {new_event.claims.count()} claim(s) off “{event.label}” into the new event “{new_event.label}”."


def review_urls(site) -> list:
    """The queue's URLs, mounted by FindingAdmin under the admin (login, staff and CSRF as for any admin page)."""

    def wrap(view):
        return site.admin_view(view)

    return [
        path("review/", wrap(lambda request: queue_view(request, site=site)), name="review_queue"),
        path("review/claim/<int:claim_id>/verify/", wrap(claim_verify_view), name="review_claim_verify"),
        path("review/claim/<int:claim_id>/reject/", wrap(claim_reject_view), name="review_claim_reject"),
        path("review/finding/<int:finding_id>/dismiss/", wrap(finding_dismiss_view), name="review_finding_dismiss"),
        path("review/finding/<int:finding_id>/reopen/", wrap(finding_reopen_view), name="review_finding_reopen"),
        path(
            "review/article/<int:article_id>/published-at/",
            wrap(article_published_at_view),
            name="review_article_published_at",
        ),
        path("review/article/<int:article_id>/url/", wrap(article_url_view), name="review_article_url"),
        path("review/event/merge/", wrap(event_merge_view), name="review_event_merge"),
        path("review/event/<int:event_id>/split/", wrap(event_split_view), name="review_event_split"),
    ]
