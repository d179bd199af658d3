import pytest

from claims.services import ArticleIn, article_ingest
from claims.syndication import syndication_key
from timeline.records import claim_records

BODY = (
    "The two ministers signed the transit deal in the capital on March 2, 2026, after two years of talks.\n"
    "The agreement covers rail freight and ferries across the sea between the two ports.\n"
    "Officials said the first trains would run under the new rules before the end of the year."
)


def test_copies_with_their_own_headline_and_dateline_share_a_key():
    wire = f"Transit deal signed\nPORTVILLE, March 2 (Wire) - {BODY}"
    copy = f"Ministers agree transit pact | Daily Courier\n{BODY}\nShare this story"
    assert syndication_key(wire) == syndication_key(copy)


def test_different_stories_do_not_share_a_key():
    other = BODY.replace("transit deal", "fisheries accord").replace("rail freight and ferries", "catch quotas")
    assert syndication_key(BODY) != syndication_key(other)


@pytest.mark.django_db
def test_claims_from_syndicated_copies_count_as_one_source(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = article_ingest(data=ArticleIn(body=f"Transit deal signed\n{BODY}", outlet="Wire", url="https://wire.test/a"))
        second = article_ingest(data=ArticleIn(body=f"Ministers agree transit pact\n{BODY}", outlet="Courier", url="https://courier.test/b"))
    assert first.created and second.created and first.article.content_hash != second.article.content_hash
    records = claim_records(first.article.claims.all() | second.article.claims.all())
    assert len({r.article_id for r in records}) == 2
    assert len({r.content_hash for r in records}) == 1
