"""Events carry what lists show (counts, open-conflict flag, search text), backfilled here.

On PostgreSQL also: the `search_vector` generated column with its GIN index,
trigram indexes on the label (pg_trgm), and a GiST index on the event's date
range for the timeline's overlap filter. SQLite gets none of these: search
there is a substring match (timeline.search).
"""

from collections import defaultdict

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Substr

from timeline.analysis.summary import search_document

CHUNK = 500


def create_version_row(apps, schema_editor):
    apps.get_model("timeline", "TimelineVersion").objects.get_or_create(pk=1)


def backfill(apps, schema_editor):
    """The same values as timeline.summaries, from historical models, a chunk of events at a time."""
    Event = apps.get_model("timeline", "Event")
    Claim = apps.get_model("claims", "Claim")
    Finding = apps.get_model("timeline", "Finding")
    ids = list(Event.objects.order_by("id").values_list("id", flat=True))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows = (
            Claim.objects.filter(event_id__in=chunk)
            .annotate(sentence=Substr("article__text", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")))
            .order_by("article_id", "start")
            .values_list("event_id", "article__outlet", "article__title", "sentence")
        )
        claims, outlets, titles, sentences = defaultdict(int), defaultdict(set), defaultdict(list), defaultdict(list)
        for event_id, outlet, title, sentence in rows:
            claims[event_id] += 1
            if outlet:
                outlets[event_id].add(outlet)
            titles[event_id].append(title)
            sentences[event_id].append(sentence)
        open_findings = Finding.objects.filter(status="open")
        flagged = set(open_findings.filter(event_id__in=chunk).values_list("event_id", flat=True))
        flagged |= set(Finding.claims.through.objects.filter(finding__in=open_findings, claim__event_id__in=chunk).values_list("claim__event_id", flat=True))
        events = list(Event.objects.filter(id__in=chunk))
        for event in events:
            event.claim_count = claims[event.id]
            event.outlet_count = len(outlets[event.id])
            event.search_text = search_document(titles[event.id], sentences[event.id])
            event.has_open_conflict = event.id in flagged
        Event.objects.bulk_update(events, ["claim_count", "outlet_count", "search_text", "has_open_conflict"])


# The label weighs more than the titles and sentences; English and Russian
# configurations side by side (the Russian one stems Latin words as English
# too, the English one keeps Cyrillic words whole).
SEARCH_VECTOR = """
    setweight(to_tsvector('english'::regconfig, coalesce(label, '')), 'A')
    || setweight(to_tsvector('russian'::regconfig, coalesce(label, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(search_text, '')), 'B')
    || setweight(to_tsvector('russian'::regconfig, coalesce(search_text, '')), 'B')
"""

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"ALTER TABLE timeline_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED",
    "CREATE INDEX event_search_vector ON timeline_event USING gin (search_vector)",
    "CREATE INDEX event_label_trgm ON timeline_event USING gin (label gin_trgm_ops)",
    # What django-filter's `label__icontains` compiles to: UPPER(label::text) LIKE UPPER('%...%').
    "CREATE INDEX event_label_upper_trgm ON timeline_event USING gin (upper(label::text) gin_trgm_ops)",
    "CREATE INDEX event_timeline_daterange ON timeline_event USING gist "
    "(daterange(value_start, GREATEST(value_start, value_end), '[]')) WHERE claim_count > 0 AND value_start IS NOT NULL",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS event_timeline_daterange",
    "DROP INDEX IF EXISTS event_label_upper_trgm",
    "DROP INDEX IF EXISTS event_label_trgm",
    "DROP INDEX IF EXISTS event_search_vector",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS search_vector",
]


def postgres_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def postgres_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("timeline", "0003_incremental_linking"),
        ("claims", "0005_article_syndication_key"),
    ]

    operations = [
        migrations.CreateModel(
            name='TimelineVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='event',
            name='claim_count',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='event',
            name='has_open_conflict',
            field=models.BooleanField(default=False, help_text='an open finding names the event or one of its claims'),
        ),
        migrations.AddField(
            model_name='event',
            name='outlet_count',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='event',
            name='search_text',
            field=models.TextField(blank=True, default='', help_text='article titles and claim sentences the event is found by'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='claim_count',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='has_open_conflict',
            field=models.BooleanField(default=False, help_text='an open finding names the event or one of its claims'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='outlet_count',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('claim_count__gt', 0)), fields=['value_start', 'id'], name='event_timeline_order'),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('claim_count__gt', 0)), fields=['status', 'value_start', 'id'], name='event_timeline_status'),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('claim_count__gt', 0), ('has_open_conflict', True)), fields=['value_start', 'id'], name='event_timeline_conflict'),
        ),
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(postgres_forward, postgres_backward),
    ]
