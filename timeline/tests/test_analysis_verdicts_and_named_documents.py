from dataclasses import replace
from datetime import datetime, timezone

from timeline.analysis.checks import run_checks
from timeline.analysis.consensus import consensus
from timeline.analysis.entities import EntityFinder
from timeline.analysis.linking import link_claims
from timeline.analysis.types import EventView, FindingKind, ReviewStatus
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process, day, record  # noqa: F401

MORNING = datetime(2026, 3, 6, 9, tzinfo=timezone.utc)
NOON = datetime(2026, 3, 6, 12, tzinfo=timezone.utc)
EVENING = datetime(2026, 3, 6, 18, tzinfo=timezone.utc)


def _signing(outlet: str, article_id: int, when: str, interval, created=MORNING):
    text = f"The Caspian Transit Agreement was signed in Baku on {when}, the ministry said."
    return replace(record(text, when, interval, article_id=article_id, outlet=outlet), created_at=created)


def _checked(claims):
    interval, status = consensus(claims, {})
    return run_checks([EventView(1, "Signing of the Caspian Transit Agreement", claims, interval, status, {})], ALIASES)


def test_it_reports_two_outlets_disagreeing_on_a_signing_date():
    claims = [_signing("Wire One", 1, "March 2, 2026", day(2026, 3, 2)), _signing("Ledger", 2, "March 5, 2026", day(2026, 3, 5))]
    [finding] = _checked(claims)
    assert finding.kind == FindingKind.DATE_CONFLICT
    assert set(finding.claim_ids) == {c.id for c in claims}


def test_an_editor_verifying_one_side_settles_the_disagreement():
    right = _signing("Wire One", 1, "March 2, 2026", day(2026, 3, 2))
    wrong = _signing("Ledger", 2, "March 5, 2026", day(2026, 3, 5))
    verified = replace(right, review_status=ReviewStatus.VERIFIED, reviewed_at=NOON)
    assert _checked([verified, wrong]) == []


def test_a_source_that_disagrees_after_the_verdict_raises_a_new_finding():
    right = replace(_signing("Wire One", 1, "March 2, 2026", day(2026, 3, 2)), review_status=ReviewStatus.VERIFIED, reviewed_at=NOON)
    late = _signing("Courier", 3, "March 5, 2026", day(2026, 3, 5), created=EVENING)
    [finding] = _checked([right, late])
    assert finding.kind == FindingKind.DATE_CONFLICT
    assert "Courier says" in finding.message and "Wire One says 2026-03-02" in finding.message


def test_it_recognises_a_document_the_text_names_before_any_alias_exists():
    finder = EntityFinder([])
    text = "Ministers signed the Caspian Transit Agreement and the Charter on Energy Security in Baku."
    names = [m.canonical for m in finder.find(text) if m.kind == "document"]
    assert names == ["caspian transit agreement", "charter on energy security"]
    assert [m.canonical for m in finder.find("They signed the Agreement in March.")] == []


def test_reports_of_one_named_agreement_signed_on_different_days_land_on_one_event():
    claims = [
        record("Ministers signed the Caspian Transit Agreement in Baku on March 2, 2026.", "March 2, 2026", day(2026, 3, 2), article_id=1),
        record("The Caspian Transit Agreement was signed in Baku on March 5, 2026.", "March 5, 2026", day(2026, 3, 5), article_id=2),
    ]
    groups = link_claims(claims, [])
    assert [sorted(g.claim_ids) for g in groups] == [sorted(c.id for c in claims)]
