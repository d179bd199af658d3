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


def fingerprint(kind: FindingKind, event_id: int | None, claim_ids) -> str:
    """Stable for the same contradiction across re-runs (claim ids are stable in the DB).

    `claim_ids` are the blamed claims only: a further source agreeing with the
    other side is the same contradiction, not a new one, so neither the
    nightly report nor an editor's dismissal is thrown by it.
    """
    raw = f"{kind}|{event_id}|{','.join(str(i) for i in sorted(set(claim_ids)))}"
    return hashlib.sha256(raw.encode()).hexdigest()


def found(kind: FindingKind, severity: Severity, message: str, event_id: int | None, faulty, others=()) -> Found:
    ids = tuple(sorted(set(faulty) | set(others)))
    draft = FindingDraft(kind, severity, message, event_id, ids, fingerprint(kind, event_id, set(faulty) or ids))
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
