"""What every check shares: fingerprints, naming sources, quoting claims."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from timeline.analysis.text import join_names
from timeline.analysis.types import ClaimRecord, FindingDraft, FindingKind, ReviewStatus, Severity


@dataclass(frozen=True)
class Found:
    """A finding and the claims it blames (the rest of claim_ids are the other side)."""

    draft: FindingDraft
    faulty: frozenset[int]


def fingerprint(kind: FindingKind, subject_id: int) -> str:
    """A finding's identity: its kind and the claim it questions (the first claim it blames).

    Claim ids are stable in the database, and nothing else goes in: a further
    source agreeing with the other side, or the event being relabelled or
    relinked, is the same finding with more evidence, not a new one, so neither
    the nightly report nor an editor's dismissal is thrown by it.
    """
    return hashlib.sha256(f"{kind}|{subject_id}".encode()).hexdigest()


def legacy_fingerprint(kind: FindingKind, event_id: int | None, claim_ids) -> str:
    """The key findings had before identity moved to the subject, so stored ones (and dismissals) carry over."""
    raw = f"{kind}|{event_id}|{','.join(str(i) for i in sorted(set(claim_ids)))}"
    return hashlib.sha256(raw.encode()).hexdigest()


def found(kind: FindingKind, severity: Severity, message: str, event_id: int | None, faulty, others=()) -> Found:
    ids = tuple(sorted(set(faulty) | set(others)))
    blamed = set(faulty) or set(ids)
    subject = min(blamed)
    draft = FindingDraft(
        kind, severity, message, event_id, ids, fingerprint(kind, subject), subject, legacy_fingerprint(kind, event_id, blamed)
    )
    return Found(draft, frozenset(faulty))


def outlets(claims: list[ClaimRecord]) -> str:
    return join_names([c.outlet for c in claims]) or "other sources"


def say(claims: list[ClaimRecord]) -> str:
    """The verb that agrees with `outlets(claims)`: "Wire One says", "A and B say"."""
    return "says" if len({c.outlet for c in claims if c.outlet}) == 1 else "say"


def settled_by_editor(dissenting: list[ClaimRecord], agreeing: list[ClaimRecord]) -> bool:
    """An editor verified the other side after these dissenting claims arrived.

    Verifying a date answers "which source is right?", so the disagreement is
    no longer a question for the desk. A source that arrives later and still
    disagrees raises a new finding: the editor has not seen it yet.
    """
    verdicts = [c.reviewed_at for c in agreeing if c.review_status == ReviewStatus.VERIFIED and c.reviewed_at]
    if not verdicts:
        return False
    arrived = [c.created_at for c in dissenting]
    return all(t is not None for t in arrived) and max(verdicts) >= max(arrived)


def quote(claim: ClaimRecord) -> str:
    return f"“{claim.claim.text}”"


def topic(label: str) -> str:
    """An event label without its trailing date: "Visit by X in Y (2026-02)" -> "Visit by X in Y"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", label) or label
