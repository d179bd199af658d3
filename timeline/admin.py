"""The editors' admin for events, findings, reports and aliases.

Writes go through claims.services / timeline.services; aliases are plain data
and are edited directly.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims.admin import interval_display, preformatted
from claims.models import Claim
from claims.services import claim_place
from work.models import Run
from work.runs import run_request
from factdb.errors import FactdbError
from timeline.models import ConsistencyReport, EntityAlias, Event, Finding
from timeline.review import review_urls
from timeline.services import event_rename, finding_dismiss, finding_reopen


class ClaimInline(admin.TabularInline):
    """An event's claims. Only where a claim belongs (and whether it is pinned there) is editable."""

    model = Claim
    fk_name = "event"
    extra = 0
    can_delete = False
    raw_id_fields = ["event"]
    fields = ["text", "outlet", "interval", "granularity", "resolution", "review_status", "event", "event_pinned"]
    readonly_fields = ["text", "outlet", "interval", "granularity", "resolution", "review_status"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article").defer("article__raw", "article__text")

    @admin.display
    def outlet(self, obj):
        return obj.article.outlet

    @admin.display
    def interval(self, obj):
        return interval_display(obj)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["label", "interval", "granularity", "status", "claim_count"]
    list_filter = ["status", "granularity"]
    search_fields = ["label", "key"]
    readonly_fields = ["key", "label_locked", "value_start", "value_end", "granularity", "status", "created_at", "updated_at"]
    fields = ["label", *readonly_fields]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        # The search text can run to kilobytes per event and no admin page shows it.
        return super().get_queryset(request).defer("search_text")

    @admin.display(ordering="value_start")
    def interval(self, obj):
        return interval_display(obj)

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj):
        return obj.claim_count

    def has_add_permission(self, request):
        return False  # linking makes events

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Only the name is editable, through the service (it locks the name against relinking);
        # otherwise only the claims' placement changes.
        if change and "label" in form.changed_data:
            event_rename(event=obj, label=obj.label)

    def save_formset(self, request, form, formset, change):
        # Instead of formset.save(): each changed claim goes through the service.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for claim_form in formset.forms:
            if claim_form.has_changed():
                claim = claim_place(claim=claim_form.instance, event=claim_form.instance.event, pinned=claim_form.instance.event_pinned)
                formset.changed_objects.append((claim, claim_form.changed_data))


class ReasonActionForm(ActionForm):
    reason = forms.CharField(required=False, label="Reason", help_text="needed to dismiss: why is it a false alarm?")


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "severity", "status", "event", "short_message", "first_seen_at"]
    list_filter = ["kind", "severity", "status"]
    list_select_related = ["event"]
    search_fields = ["message"]
    action_form = ReasonActionForm
    actions = ["dismiss", "reopen", "run_cross_check"]
    fields = [
        "kind",
        "severity",
        "status",
        "message",
        "event",
        "claims_quoted",
        "first_seen_at",
        "last_seen_at",
        "resolved_at",
        "dismissed_by",
        "dismiss_reason",
        "fingerprint",
    ]
    readonly_fields = fields

    def get_urls(self):
        # The review queue lives here (/admin/timeline/finding/review/) because findings are what it is
        # about; its own views check each model's change permission.
        return review_urls(self.admin_site) + super().get_urls()

    @admin.display(description="message")
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 120 else obj.message[:119] + "…"

    @admin.display(description="claims")
    def claims_quoted(self, obj):
        claims = obj.claims.select_related("article").order_by("value_start", "id")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><b>{}</b> ({}): “{}” — {}</li>", ((c.article.outlet or "?", interval_display(c), c.sentence, c.text) for c in claims)),
        )

    def has_add_permission(self, request):
        return False  # the checks make findings

    def has_delete_permission(self, request, obj=None):
        return False  # dismiss instead, so the same finding is not raised again

    @admin.action(description="Dismiss selected findings (give a reason)", permissions=["change"])
    def dismiss(self, request, queryset):
        reason = request.POST.get("reason", "")
        try:
            for finding in queryset:
                finding_dismiss(finding=finding, editor=request.user, reason=reason)
        except FactdbError as exc:
            self.message_user(request, f"Nothing dismissed past the first error — {exc.message}", messages.ERROR)
            return
        self.message_user(request, f"{len(queryset)} finding(s) dismissed.", messages.SUCCESS)

    @admin.action(description="Reopen selected findings", permissions=["change"])
    def reopen(self, request, queryset):
        for finding in queryset:
            finding_reopen(finding=finding)
        self.message_user(request, f"{len(queryset)} finding(s) reopened.", messages.SUCCESS)

    @admin.action(description="Run the full cross-check (over every event; the selection does not matter)", permissions=["change"])
    def run_cross_check(self, request, queryset):
        run = run_request(kind=Run.Kind.CHECK)
        self.message_user(request, f"Full cross-check queued (run {run.id}); findings update as the workers finish.", messages.SUCCESS)


@admin.register(ConsistencyReport)
class ConsistencyReportAdmin(admin.ModelAdmin):
    list_display = ["period_key", "status", "period_end", "summary"]
    list_filter = ["status"]
    fields = ["period_key", "period_start", "period_end", "created_at", "status", "error", "counts", "report_text"]
    readonly_fields = fields

    @admin.display(description="summary")
    def summary(self, obj):
        counts = obj.counts or {}
        if not counts:
            return "—"
        return f"{counts.get('new', 0)} new, {counts.get('still_open', 0)} still open, {counts.get('resolved', 0)} resolved"

    @admin.display(description="report")
    def report_text(self, obj):
        return preformatted(obj.text)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EntityAlias)
class EntityAliasAdmin(SimpleHistoryAdmin):
    list_display = ["alias", "canonical", "kind"]
    list_filter = ["kind"]
    search_fields = ["alias", "canonical"]

    # Claims keep the entities linking read in their text, so a changed table means a relink.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._relink(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._relink(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._relink(request)

    def _relink(self, request):
        run = run_request(kind=Run.Kind.RELINK)
        self.message_user(request, f"Events are being relinked with the new names (run {run.id}).", messages.INFO)


# The admin's home page links to the review queue: editors start there.
admin.site.index_template = "admin/review_index.html"
