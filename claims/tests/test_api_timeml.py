"""Claims carry their TIMEX3 type, value and mod in the API; a stored article exports as TimeML;
the TimeML commands read, write and score folders."""

from datetime import datetime, timezone
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.extraction.timeml import parse_timeml
from claims.models import Article
from claims.services import article_extract
from claims.tests.test_api_fixtures import anon_client, make_article  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

TEXT = "The council voted Tuesday afternoon to raise rates for the first time in six years. It meets weekly."
HELDOUT = Path(__file__).resolve().parents[2] / "fixtures" / "heldout_timeml"


def _processed_article():
    article = make_article(TEXT, published_at=datetime(2013, 3, 20, 9, 0, tzinfo=timezone.utc))
    article = Article.objects.get(pk=article.id)
    article_extract(article=article)
    return article


def test_each_claim_in_the_api_has_its_timex_type_value_and_mod(anon_client):
    article = _processed_article()
    body = anon_client.get(f"/api/articles/{article.id}/").json()
    assert [(c["text"], c["type"], c["timex"], c["timex_mod"]) for c in body["claims"]] == [
        ("Tuesday afternoon", "TIME", "2013-03-19TAF", ""),
        ("six years", "DURATION", "P6Y", ""),
        ("weekly", "SET", "P1W", ""),
    ]


def test_a_stored_article_exports_as_timeml_with_a_timex3_per_claim(anon_client):
    article = _processed_article()
    response = anon_client.get(f"/api/articles/{article.id}/timeml/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    doc = parse_timeml(response.content.decode())
    assert doc.dct == "2013-03-20T09:00:00"
    assert doc.text == TEXT
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Tuesday afternoon", "TIME", "2013-03-19TAF"), ("six years", "DURATION", "P6Y"), ("weekly", "SET", "P1W"),
    ]


def test_exporting_an_unknown_article_is_a_404(anon_client):
    assert anon_client.get("/api/articles/999999/timeml/").status_code == 404


@pytest.mark.skipif(not HELDOUT.is_dir(), reason="the held-out TimeML set is not in this checkout")
def test_annotate_timeml_writes_documents_that_evaluate_timeml_scores_as_perfect(tmp_path):
    out = StringIO()
    call_command("annotate_timeml", str(HELDOUT), str(tmp_path), stdout=out)
    assert len(list(tmp_path.glob("*.tml"))) == 10
    scores = StringIO()
    call_command("evaluate_timeml", str(tmp_path), "--json", "--no-baseline", stdout=scores)
    assert '"value_f1": 1.0' in scores.getvalue()


def test_evaluate_timeml_refuses_a_folder_without_documents(tmp_path):
    with pytest.raises(CommandError, match="no .tml documents"):
        call_command("evaluate_timeml", str(tmp_path))


def test_evaluate_timeml_fails_below_its_floor():
    with pytest.raises(CommandError, match="below the floor"):
        call_command("evaluate_timeml", str(HELDOUT), "--no-baseline", "--min-value-f1", "0.999", stdout=StringIO())
