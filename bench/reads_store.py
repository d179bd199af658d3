"""A generated store for bench.reads, written by PostgreSQL itself (INSERT ... SELECT over generate_series).

The same shape and texts as bench.checks.generate (events of ten claims from
two-claim articles, five outlets, an actor and a city in every first
sentence, ~3% planted off-by-one dates, ~10% relative "yesterday" dates, day,
month and year precisions), but built server-side: the Python generator
needed over 25 minutes for a million claims on this shared two-core machine.

Event summaries are derived in SQL too, with the pipeline's meaning: claim
and outlet counts, the planted day as the consensus (what the majority of
five outlets states), "conflicting" where a claim's interval misses it, and
the titles and sentences as the search text. tests hold the pipeline's own
derivation (timeline.analysis.summary); this only fills a store to read from.
"""

from __future__ import annotations

ACTORS = ["Ilham Aliyev", "J.D. Vance", "Marco Rubio", "Olaf Scholz", "Recep Erdogan", "Emmanuel Macron"]
CITIES = ["Baku", "Tbilisi", "Ankara", "Berlin", "Paris", "Astana"]
OUTLETS = ["Wire One", "Ledger", "Daily Post", "Caspian Times", "Metro News"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def previews_sql() -> str:
    """Event.preview_claims for every event, by the pipeline's own rule (timeline.selectors.preview_sql), in one statement."""
    from timeline.selectors import preview_sql  # Django is set up by the time a store is written

    return (
        "UPDATE timeline_event e SET preview_claims = p.ids FROM ("
        "SELECT event_id, json_agg(id ORDER BY place)::jsonb AS ids "
        f"FROM ({preview_sql('c.event_id IS NOT NULL')}) AS placed GROUP BY event_id) AS p WHERE e.id = p.event_id"
    )


def statements(n_claims: int) -> list[str]:
    n_events = n_claims // 10
    return [
        "SELECT setseed(0.7)",
        f"""CREATE TEMP TABLE plan AS
            SELECT n, date '2015-01-01' + floor(random() * 4000)::int AS day,
                   ({_array(ACTORS)})[1 + floor(random() * 6)::int] AS actor,
                   ({_array(CITIES)})[1 + floor(random() * 6)::int] AS city,
                   NULL::bigint AS event_id
            FROM generate_series(1, {n_events}) AS n""",
        """WITH ins AS (
               INSERT INTO timeline_event (key, label, value_start, value_end, granularity, status, created_at, updated_at,
                                           claim_count, has_open_conflict, outlet_count, search_text, family, states_precedent,
                                           facts, label_locked, preview_claims)
               SELECT 'signing|doc ' || n || '|bench', 'Signing of the Accord No. ' || n, NULL, NULL, '', 'unverified', now(), now(), 0, false, 0, '',
                      'signing', false, '{}'::jsonb, false, '[]'::jsonb
               FROM plan ORDER BY n RETURNING id, key)
           UPDATE plan SET event_id = ins.id FROM ins WHERE ins.key = 'signing|doc ' || plan.n || '|bench'""",
        # One row per article: its date as stated, at its precision, and its two sentences.
        f"""CREATE TEMP TABLE arts AS
            SELECT p.event_id, p.n, j, p.day, said, precision, relative, weekday, outlet,
                   first, second, first || ' ' || second || ' Event ' || p.n || ' article ' || j || '.' AS text,
                   CASE precision WHEN 'day' THEN to_char(said, 'FMMonth FMDD, YYYY') WHEN 'month' THEN to_char(said, 'FMMonth YYYY')
                        ELSE to_char(said, 'YYYY') END AS stated,
                   NULL::bigint AS article_id
            FROM plan p CROSS JOIN generate_series(0, 4) AS j
            CROSS JOIN LATERAL (SELECT p.day + (random() < 0.03)::int AS said,
                                       CASE WHEN random() < 0.8 THEN 'day' WHEN random() < 0.75 THEN 'month' ELSE 'year' END AS precision,
                                       random() < 0.1 AS relative,
                                       ({_array(OUTLETS)})[1 + j] AS outlet) AS r1
            CROSS JOIN LATERAL (SELECT ((extract(isodow FROM said)::int - 1) + (random() < 0.02)::int) % 7 AS weekday) AS r2
            CROSS JOIN LATERAL (SELECT
                p.actor || ' signed the Accord No. ' || p.n || ' in ' || p.city || ' on '
                  || CASE precision WHEN 'day' THEN to_char(said, 'FMMonth FMDD, YYYY') WHEN 'month' THEN to_char(said, 'FMMonth YYYY')
                          ELSE to_char(said, 'YYYY') END || ', officials said.' AS first,
                'The ceremony took place ' || CASE WHEN relative THEN 'yesterday' ELSE 'on ' || ({_array(WEEKDAYS)})[1 + weekday] END
                  || ', ' || outlet || ' reported.' AS second) AS r3""",
        """WITH ins AS (
               INSERT INTO claims_article (url, outlet, title, language, published_at, published_utc_offset, published_date_only,
                                           published_at_source, source_format, raw, text, content_hash, ingested_at, status,
                                           last_error, syndication_key, attempts, status_changed_at)
               SELECT NULL, outlet, left(first, 80), 'en', (said + 1)::timestamp + interval '9 hours', 0, false, 'metadata', 'text',
                      text, text, md5(text), now(), 'checked', '', '', 0, now()
               FROM arts ORDER BY event_id, j RETURNING id, content_hash)
           UPDATE arts SET article_id = ins.id FROM ins WHERE ins.content_hash = md5(arts.text)""",
        # The stated date: the first sentence's claim.
        """INSERT INTO claims_claim (text, start, "end", sentence_start, sentence_end, value_start, value_end, granularity, resolution,
                                     quoted, weekday, "offset", event_pinned, phase, review_status, reviewed_at, review_note, article_id,
                                     event_id, reviewed_by_id, created_at, timex_type, timex_value, timex_mod)
           SELECT stated, position(stated IN text) - 1, position(stated IN text) - 1 + length(stated), 0, length(first),
                  CASE precision WHEN 'day' THEN said WHEN 'month' THEN date_trunc('month', said)::date ELSE date_trunc('year', said)::date END,
                  CASE precision WHEN 'day' THEN said WHEN 'month' THEN (date_trunc('month', said) + interval '1 month - 1 day')::date
                       ELSE (date_trunc('year', said) + interval '1 year - 1 day')::date END,
                  precision, 'absolute', false, NULL, NULL, false, 'whole', 'unreviewed', NULL, '', article_id, event_id, NULL, now(),
                  'DATE', CASE precision WHEN 'day' THEN to_char(said, 'YYYY-MM-DD') WHEN 'month' THEN to_char(said, 'YYYY-MM')
                               ELSE to_char(said, 'YYYY') END, ''
           FROM arts""",
        # The second sentence's claim: "yesterday", or the weekday it names.
        """INSERT INTO claims_claim (text, start, "end", sentence_start, sentence_end, value_start, value_end, granularity, resolution,
                                     quoted, weekday, "offset", event_pinned, phase, review_status, reviewed_at, review_note, article_id,
                                     event_id, reviewed_by_id, created_at, timex_type, timex_value, timex_mod)
           SELECT expr, length(first) + position(expr IN second), length(first) + position(expr IN second) + length(expr),
                  length(first) + 1, length(first) + 1 + length(second), said, said, 'day',
                  CASE WHEN relative THEN 'relative' ELSE 'absolute' END, false, CASE WHEN relative THEN NULL ELSE weekday END,
                  NULL, false, 'whole', 'unreviewed', NULL, '', article_id, event_id, NULL, now(), 'DATE', to_char(said, 'YYYY-MM-DD'), ''
           FROM (SELECT *, CASE WHEN relative THEN 'yesterday'
                                ELSE 'on ' || (ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'])[1 + weekday] END AS expr
                 FROM arts) AS a""",
        """WITH s AS (
               SELECT c.event_id, count(*) AS claims, count(DISTINCT a.outlet) AS outlets,
                      bool_or(NOT (c.value_start <= p.day AND c.value_end >= p.day)) AS disagree,
                      string_agg(DISTINCT a.title, E'\\n') || E'\\n'
                        || string_agg(DISTINCT substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start), E'\\n') AS doc
               FROM claims_claim c JOIN claims_article a ON a.id = c.article_id JOIN plan p ON p.event_id = c.event_id
               GROUP BY c.event_id)
           UPDATE timeline_event e
           SET claim_count = s.claims, outlet_count = s.outlets, value_start = p.day, value_end = p.day, granularity = 'day',
               status = CASE WHEN s.disagree THEN 'conflicting' ELSE 'consistent' END, search_text = s.doc
           FROM s JOIN plan p ON p.event_id = s.event_id WHERE e.id = s.event_id""",
        previews_sql(),
    ]
