from django.core.management.base import BaseCommand

from timeline.selectors import Position, claims_by_event, keyset_page, timeline_events


def _span(start, end, granularity) -> str:
    if start is None:
        return "date unknown"
    if granularity == "year":
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if granularity == "month":
        return f"{start:%Y-%m}" if (start.year, start.month) == (end.year, end.month) else f"{start:%Y-%m}–{end:%Y-%m}"
    return start.isoformat() if start == end else f"{start.isoformat()}–{end.isoformat()}"


class Command(BaseCommand):
    help = "Print the timeline: events in date order with the sources that date them."

    def handle(self, *args, **options):
        events, after = timeline_events(), None
        while page := keyset_page(events, after=after, size=500)[:500]:
            self._write(page)
            after = Position(page[-1].value_start, page[-1].id)

    def _write(self, events) -> None:
        claims = claims_by_event([e.id for e in events])
        for event in events:
            marker = "  ⚠ sources disagree" if event.status == "conflicting" else ""
            self.stdout.write(f"{_span(event.value_start, event.value_end, event.granularity):<24} {event.label}{marker}")
            for claim in claims.get(event.id, []):
                article = claim.article
                where = article.outlet or "unknown outlet"
                link = f" <{article.url}>" if article.url else ""
                value = _span(claim.value_start, claim.value_end, claim.granularity)
                self.stdout.write(f"{'':<26}{where}: “{claim.text}” = {value}{link}")
