"""The editors' admin for articles and claims. Every write calls a service in claims.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims import validation
from claims.models import Article, Claim
from claims.published import parse_published_at
from claims.extraction.types import PublishedAtSource
from claims.services import article_confirm_published_at, article_reprocess, article_set_published_at, claim_place, claim_review
from factdb.errors import FactdbError
from claims.types import ReviewStatus


def interval_display(obj) -> str:
    if obj.value_start is None:
        return "—"
    if obj.value_start == obj.value_end:
        return obj.value_start.isoformat()
    return f"{obj.value_start.isoformat()} … {obj.value_end.isoformat()}"


def preformatted(text: str):
    return format_html('<pre style="white-space: pre-wrap; max-height: 40em; overflow: auto">{}</pre>', text)


# --- articles ------------------------------------------------------------------------------


class ArticleAdminForm(forms.ModelForm):
    """Only the publication time is editable, as text with its UTC offset.

    A plain datetime widget would store the time in the server's zone and drop
    the article's own offset, which decides what "yesterday" means.
    """

    published_at_text = forms.CharField(
        required=False,
        label="Published at",
        help_text="ISO 8601: a date (2026-02-11), or a date and time with its UTC offset (2026-02-11T10:18:00+04:00). Empty if unknown.",
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        local = self.instance.published_at_local if self.instance.pk else None
        if local is not None:
            self.initial["published_at_text"] = local.date().isoformat() if self.instance.published_date_only else local.isoformat()

    def clean_published_at_text(self):
        try:
            return parse_published_at(self.cleaned_data["published_at_text"])
        except FactdbError as exc:
            raise forms.ValidationError(exc.fields.get("published_at") or [exc.message]) from None


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["__str__", "outlet", "published_at_local", "published_at_source", "source_format", "status", "attempts", "status_changed_at"]
    list_filter = ["status", "published_at_source", "source_format", "outlet"]
    search_fields = ["title", "url", "outlet"]
    actions = ["confirm_published_at", "reprocess"]
    change_form_template = "admin/claims/article/change_form.html"
    readonly_fields = [
        "url",
        "outlet",
        "title",
        "language",
        "published_at_local",
        "published_at_source",
        "published_at_evidence_shown",
        "source_format",
        "status",
        "last_error",
        "attempts",
        "ingested_at",
        "extracted_at",
        "linked_at",
        "checked_at",
        "status_changed_at",
        "content_hash",
        "raw_text",
    ]
    fields = [
        "url",
        "outlet",
        "title",
        "language",
        "published_at_text",
        "published_at_local",
        "published_at_source",
        "published_at_evidence_shown",
        "source_format",
        "status",
        "last_error",
        "attempts",
        "ingested_at",
        "extracted_at",
        "linked_at",
        "checked_at",
        "status_changed_at",
        "content_hash",
        "raw_text",
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # The change list shows no text; an article can be megabytes.
        return qs.defer("raw", "text") if request.resolver_match and request.resolver_match.url_name.endswith("changelist") else qs

    @admin.display(description="published at (its own zone)", ordering="published_at")
    def published_at_local(self, obj):
        return obj.published_at_local

    @admin.display(description="publication time read from")
    def published_at_evidence_shown(self, obj):
        """The text an inferred publication time rests on, so an editor can confirm or correct it."""
        if not obj.published_at_evidence:
            return "—"
        how = _EVIDENCE_KIND.get(obj.published_at_source, "confirmed by an editor; read from")
        return format_html("{}: <q>{}</q>", how, obj.published_at_evidence)

    @admin.display(description="raw text")
    def raw_text(self, obj):
        return preformatted(obj.raw)

    def has_add_permission(self, request):
        return False  # articles arrive through the API and the ingest command (claims.services.article_ingest)

    def has_delete_permission(self, request, obj=None):
        return False  # there is no deleting service; a wrong article is corrected or re-processed

    def save_model(self, request, obj, form, change):
        if "published_at_text" in form.changed_data:
            published_at, date_only = form.cleaned_data["published_at_text"]
            article_set_published_at(article=obj, published_at=published_at, date_only=date_only)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_confirm_published_at"] = obj is not None and _confirmable(obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def response_change(self, request, obj):
        if "_confirm_published_at" in request.POST:
            self._confirm(request, [obj])
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    @admin.action(description="Confirm inferred publication time", permissions=["change"])
    def confirm_published_at(self, request, queryset):
        self._confirm(request, list(queryset))

    def _confirm(self, request, articles) -> None:
        done = [a for a in articles if _confirmable(a)]
        for article in done:
            article_confirm_published_at(article=article)
        if done:
            self.message_user(request, f"{len(done)} publication time(s) confirmed; the article(s) are queued for processing.", messages.SUCCESS)
        if len(done) < len(articles):
            self.message_user(request, f"{len(articles) - len(done)} article(s) had no inferred publication time to confirm.", messages.WARNING)

    @admin.action(description="Re-process (extract, link and check again)", permissions=["change"])
    def reprocess(self, request, queryset):
        for article in queryset:
            article_reprocess(article=article)
        self.message_user(request, f"{len(queryset)} article(s) queued for processing.", messages.SUCCESS)


_EVIDENCE_KIND = {
    PublishedAtSource.DATELINE: "inferred from the dateline",
    PublishedAtSource.LATEST_DATE: "inferred from the latest date the lead reports as past",
}


def _confirmable(article: Article) -> bool:
    return article.published_at is not None and PublishedAtSource(article.published_at_source).is_inferred


# --- claims --------------------------------------------------------------------------------


class NoteActionForm(ActionForm):
    note = forms.CharField(required=False, label="Note", help_text="recorded with the verdict")


def _review_action(status: str):
    def action(modeladmin, request, queryset):
        try:
            note = validation.note_field(request.POST.get("note", ""), field="note")
        except FactdbError as exc:
            modeladmin.message_user(request, f"Nothing marked — {exc.message}", messages.ERROR)
            return
        for claim in queryset.select_related("article"):
            claim_review(claim=claim, status=status, editor=request.user, note=note)
        modeladmin.message_user(request, f"{len(queryset)} claim(s) marked {status}.", messages.SUCCESS)

    action.__name__ = f"mark_{status}"
    return admin.action(description=f"Mark selected claims {status}", permissions=["change"])(action)


class ClaimAdminForm(forms.ModelForm):
    """The review note is checked by claims.validation, as in the API and the review queue."""

    class Meta:
        model = Claim
        fields = []

    def clean_review_note(self):
        try:
            return validation.note_field(self.cleaned_data.get("review_note"), field="review_note")
        except FactdbError as exc:
            raise forms.ValidationError(exc.fields.get("review_note") or [exc.message]) from None


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimAdminForm
    list_display = ["text", "outlet", "interval", "timex_type", "timex_value", "granularity", "resolution", "review_status", "event"]
    list_filter = [
        "review_status", ("event", admin.RelatedOnlyFieldListFilter), "article__outlet", "timex_type", "granularity", "resolution",
    ]
    list_select_related = ["article", "event"]
    search_fields = ["text"]
    action_form = NoteActionForm
    actions = [_review_action(ReviewStatus.VERIFIED), _review_action(ReviewStatus.DISPUTED), _review_action(ReviewStatus.REJECTED)]
    raw_id_fields = ["event"]
    fields = [
        "text",
        "sentence",
        "article",
        "interval",
        "timex_type",
        "timex_value",
        "timex_mod",
        "granularity",
        "resolution",
        "quoted",
        "weekday",
        "offset",
        "dated_by_event",
        "phase",
        "event",
        "event_pinned",
        "review_status",
        "review_note",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = [
        "text",
        "sentence",
        "article",
        "interval",
        "timex_type",
        "timex_value",
        "timex_mod",
        "granularity",
        "resolution",
        "quoted",
        "weekday",
        "offset",
        "dated_by_event",
        "phase",
        "reviewed_by",
        "reviewed_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__raw")

    @admin.display(ordering="article__outlet")
    def outlet(self, obj):
        return obj.article.outlet

    @admin.display(ordering="value_start")
    def interval(self, obj):
        return interval_display(obj)

    def has_add_permission(self, request):
        return False  # claims come from the extractor

    def has_delete_permission(self, request, obj=None):
        return False  # reject a claim instead: the verdict is kept and re-extraction respects it

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if changed & {"review_status", "review_note"}:
            claim_review(claim=obj, status=obj.review_status, editor=request.user, note=obj.review_note)
        if changed & {"event", "event_pinned"}:
            claim_place(claim=obj, event=obj.event, pinned=obj.event_pinned)
