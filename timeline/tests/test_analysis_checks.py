from datetime import date, datetime, timezone

from claims.extraction.types import Offset, Resolution
from timeline.analysis.checks import run_checks
from timeline.analysis.checks.common import fingerprint
from timeline.analysis.consensus import consensus
from timeline.analysis.types import EventView, FindingKind, Severity
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process, day, days, month, record, year  # noqa: F401

VISIT = days(date(2026, 2, 10), date(2026, 2, 11))


def event(event_id: int, label: str, claims, phases=None) -> EventView:
    phases = phases or {}
    interval, status = consensus(claims, phases)
    return EventView(event_id, label, claims, interval, status, phases)


def kinds(findings):
    return sorted((f.kind, f.severity) for f in findings)


def test_a_signing_dated_two_days_off_by_one_outlet_is_a_high_date_conflict():
    claims = [
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=1, outlet="Caliber.Az"),
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=2, outlet="Bakinsky Vestnik"),
        record("They signed the charter on February 12.", "February 12", day(2026, 2, 12), article_id=3, outlet="Example Wire"),
    ]
    [finding] = run_checks([event(7, "Signing of the charter (2026-02-10)", claims)], ALIASES)
    assert (finding.kind, finding.severity, finding.event_id) == (FindingKind.DATE_CONFLICT, Severity.HIGH, 7)
    assert finding.message == (
        "Example Wire says Signing of the charter was on 2026-02-12 (“February 12”); "
        "Bakinsky Vestnik and Caliber.Az say 2026-02-10."
    )
    assert finding.claim_ids == tuple(sorted(c.id for c in claims))
    assert finding.fingerprint == fingerprint(FindingKind.DATE_CONFLICT, claims[2].id)


def test_another_source_agreeing_with_the_majority_keeps_the_findings_fingerprint():
    claims = [
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=1, outlet="Caliber.Az"),
        record("They signed the charter on February 12.", "February 12", day(2026, 2, 12), article_id=3, outlet="Example Wire"),
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=2, outlet="Bakinsky Vestnik"),
    ]
    [before] = run_checks([event(7, "Signing of the charter", claims[:2] + [claims[2]])], ALIASES)
    more = claims + [record("It was signed on February 10.", "February 10", day(2026, 2, 10), article_id=4, outlet="Ledger")]
    [after] = run_checks([event(7, "Signing of the charter", more)], ALIASES)
    assert after.fingerprint == before.fingerprint
    assert len(after.claim_ids) == len(before.claim_ids) + 1


def test_a_one_day_claim_inside_a_multi_day_visit_is_fine_but_a_wrong_start_is_not():
    text = "Vance arrives tomorrow."
    claims = [
        record("Vance visits on February 10-11.", "February 10-11", VISIT, article_id=1),
        record("Vance visits on February 10-11.", "February 10-11", VISIT, article_id=2),
        record("Vance was in Baku on February 11.", "February 11", day(2026, 2, 11), article_id=3),
        record(text, "tomorrow", day(2026, 2, 11), article_id=4, resolution=Resolution.RELATIVE),
    ]
    phases = {claims[3].id: "start"}
    [finding] = run_checks([event(1, "Visit (2026-02)", claims, phases)], ALIASES)
    assert (finding.kind, finding.severity) == (FindingKind.DATE_CONFLICT, Severity.MEDIUM)
    assert claims[3].id in finding.claim_ids and claims[2].id not in finding.claim_ids[:1]


def test_a_weekday_that_does_not_fall_on_the_stated_date_is_flagged():
    text = "The memorandum was signed in Washington on Thursday, August 8, 2025."
    claim = record(text, "Thursday, August 8, 2025", day(2025, 8, 8), weekday=3, outlet="Example Wire")
    [finding] = run_checks([event(1, "Summit", [claim])], ALIASES)
    assert finding.kind == FindingKind.WEEKDAY_MISMATCH
    assert "2025-08-08 was a Friday, not a Thursday" in finding.message


def test_a_weekday_that_matches_its_date_is_not_flagged():
    claim = record("In a post on Thursday, August 7, he wrote.", "Thursday, August 7", day(2025, 8, 7), weekday=3)
    assert run_checks([event(1, "Post", [claim])], ALIASES) == []


CHENEY = "Azerbaijan has been visited by a US Vice President only once before, by Dick Cheney in 2008."
NEVER = "Never before has a sitting American vice president travelled to Azerbaijan, which makes Tuesday's arrival of JD Vance in Baku a milestone."


def _visits(statement_text: str, expression: str):
    vance = [
        record("J.D. Vance will visit Azerbaijan on February 10-11.", "February 10-11", VISIT, article_id=1),
        record(statement_text, expression, day(2026, 2, 10), article_id=2, outlet="Caspian Ledger", resolution=Resolution.RELATIVE),
    ]
    cheney = [record(CHENEY, "2008", year(2008), article_id=3, outlet="1news.az")]
    return [event(1, "Visit by J.D. Vance in Azerbaijan (2026-02)", vance, {vance[1].id: "start"}),
            event(2, "Visit by Dick Cheney in Azerbaijan (2008)", cheney)]


def test_never_before_against_an_earlier_visit_of_the_same_role_and_place_is_a_precedent_conflict():
    findings = run_checks(_visits(NEVER, "Tuesday"), ALIASES)
    [finding] = [f for f in findings if f.kind == FindingKind.PRECEDENT_CONFLICT]
    assert (finding.severity, finding.event_id) == (Severity.HIGH, 2)
    assert finding.message.startswith("Caspian Ledger says “Never before has a sitting American vice president travelled to Azerbaijan”")


def test_never_before_about_another_country_is_not_a_conflict():
    text = "Never before has a sitting American vice president travelled to Armenia, which makes Tuesday's arrival of JD Vance in Yerevan a milestone."
    assert [f for f in run_checks(_visits(text, "Tuesday"), ALIASES) if f.kind == FindingKind.PRECEDENT_CONFLICT] == []


def test_only_once_before_that_agrees_with_the_one_earlier_visit_is_not_a_finding():
    events = _visits(NEVER.replace("Never before has", "Rarely has"), "Tuesday")
    assert run_checks(events, ALIASES) == []


def test_exactly_three_weeks_one_day_off_is_a_medium_duration_mismatch():
    text = "The groups met on Monday, exactly three weeks after the charter was signed."
    monday = record(text, "Monday", day(2026, 3, 2), resolution=Resolution.RELATIVE)
    after = record(text, "exactly three weeks after", day(2026, 3, 3), resolution=Resolution.ANCHORED,
                   offset=Offset(3, "weeks", "exactly", "the charter was signed"))
    [finding] = run_checks([event(1, "Meeting (2026-03-02)", [monday, after])], ALIASES)
    assert (finding.kind, finding.severity) == (FindingKind.DURATION_MISMATCH, Severity.MEDIUM)


def test_a_span_counted_from_an_implied_anchor_is_a_low_mismatch():
    text = "Exactly six months later, the charter became reality."
    later = record(text, "Exactly six months later", day(2026, 2, 8), article_id=1, offset=Offset(6, "months", "exactly", "August 8, 2025"))
    signed = record("It was signed on February 10.", "February 10", day(2026, 2, 10), article_id=2)
    [finding] = run_checks([event(1, "Signing", [later, signed])], ALIASES)
    assert (finding.kind, finding.severity) == (FindingKind.DURATION_MISMATCH, Severity.LOW)


def test_nearly_thirty_years_tolerates_a_few_years():
    text = "He said so nearly 30 years ago."
    ago = record(text, "nearly 30 years ago", year(1996), article_id=1, offset=Offset(-30, "years", "nearly", ""))
    said = record("In July 1999 he said so.", "July 1999", month(1999, 7), article_id=2)
    assert run_checks([event(1, "Remark", [ago, said])], ALIASES) == []


def test_yesterday_about_an_event_after_the_publication_date_suggests_the_true_publication_date():
    published = datetime(2026, 1, 20, 8, tzinfo=timezone.utc)
    claims = [
        record("Vance visits on February 10-11.", "February 10-11", VISIT, article_id=1, outlet="Caliber.Az"),
        record("Vance visits on February 10-11.", "February 10-11", VISIT, article_id=2, outlet="1news.az"),
        record("Vance wrapped up his visit yesterday.", "yesterday", day(2026, 1, 19), article_id=3, outlet="Northern Courier",
               published=published, resolution=Resolution.RELATIVE),
    ]
    findings = run_checks([event(1, "Visit (2026-02)", claims, {claims[2].id: "end"})], ALIASES)
    assert kinds(findings) == [(FindingKind.PUBLICATION_DATE_SUSPECT, Severity.HIGH)]
    assert "published around 2026-02-12" in findings[0].message


def test_relative_dates_without_a_publication_time_are_reported_as_info():
    claim = record("Helberg met energy executives yesterday.", "yesterday", None, published=None, outlet="Example Wire")
    [finding] = run_checks([event(3, "Meeting", [claim])], ALIASES)
    assert (finding.kind, finding.severity, finding.event_id) == (FindingKind.UNRESOLVED_DATE, Severity.INFO, 3)
    assert finding.message == "Example Wire's article has no publication time, so “yesterday” cannot be dated; add the publication time to resolve it."


def test_findings_are_the_same_on_a_second_run():
    claims = [
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=1),
        record("They signed it on February 12.", "February 12", day(2026, 2, 12), article_id=2),
        record("They signed it on February 10.", "February 10", day(2026, 2, 10), article_id=3),
    ]
    events = [event(1, "Signing", claims)]
    assert run_checks(events, ALIASES) == run_checks(events, ALIASES)
