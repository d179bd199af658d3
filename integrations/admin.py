"""Admin for pages added by URL, feeds, webhook subscribers and their deliveries.

Every write goes through integrations.services / integrations.webhooks;
FactdbError messages reach the editor verbatim.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html

from factdb.errors import FactdbError
from integrations import services, webhooks
from integrations.models import Delivery, Feed, FetchRequest, Subscriber, WebhookEvent
from integrations.tasks import poll_feed


class AddByUrlForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    outlet = forms.CharField(max_length=200, required=False, help_text="left empty: the site's host name")
    language = forms.CharField(max_length=16, initial="en")


@admin.register(FetchRequest)
class FetchRequestAdmin(admin.ModelAdmin):
    list_display = ["url", "state", "attempts", "http_status", "published_from", "article_link", "feed", "updated_at"]
    list_filter = ["state", "published_from", "feed"]
    search_fields = ["url", "canonical_url"]
    actions = ["retry_failed"]
    readonly_fields = [f.name for f in FetchRequest._meta.fields]

    @admin.display(description="article")
    def article_link(self, obj):
        if obj.article_id is None:
            return "—"
        return format_html('<a href="../../claims/article/{}/change/">{}</a>', obj.article_id, obj.article_id)

    def has_change_permission(self, request, obj=None):
        # Viewable, never edited by hand: the row is the worker's record of what happened.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """"Add by URL": the form asks only for the URL; the page is fetched by a worker."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AddByUrlForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                fetch_request, created = services.fetch_request_create(
                    url=data["url"], hints=services.FetchHints(outlet=data["outlet"], language=data["language"])
                )
            except FactdbError as exc:
                form.add_error("url", ValidationError(exc.message))
            else:
                verb = "queued" if created else "was already requested"
                self.message_user(request, f"{fetch_request.url} {verb} ({fetch_request.state}).", messages.SUCCESS)
                return redirect("admin:integrations_fetchrequest_changelist")
        context = {**self.admin_site.each_context(request), "title": "Add an article by URL", "form": form, "opts": self.model._meta}
        return TemplateResponse(request, "admin/integrations/add_by_url.html", context)

    @admin.action(description="Fetch the selected failed requests again")
    def retry_failed(self, request, queryset):
        done = 0
        for fetch_request in queryset.filter(state=FetchRequest.State.FAILED):
            services.fetch_request_retry(request=fetch_request)
            done += 1
        self.message_user(request, f"{done} request(s) queued again.")


# Django 6 will assume https for a URL typed without a scheme; say so now.
URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    formfield_overrides = URLS
    list_display = ["url", "outlet", "enabled", "poll_minutes", "last_polled_at", "last_status", "short_error", "entries_seen"]
    list_filter = ["enabled", "outlet"]
    search_fields = ["url", "outlet"]
    fields = ["url", "outlet", "language", "poll_minutes", "enabled", "etag", "last_modified", "last_polled_at", "last_status", "last_error", "entries_seen"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_status", "last_error", "entries_seen"]
    actions = ["poll_now"]

    @admin.display(description="last error")
    def short_error(self, obj):
        return obj.last_error[:80]

    def save_model(self, request, obj, form, change):
        try:
            services.feed_save(feed=obj)
        except FactdbError as exc:
            # The form is already valid; report instead of a 500 and keep the stored row as it was.
            self.message_user(request, exc.message, messages.ERROR)

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        for feed in queryset:
            poll_feed.delay(feed.id)
        self.message_user(request, f"{queryset.count()} feed(s) queued for polling.")


class SubscriberForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Subscriber
        fields = ["url", "description", "events", "active", "secret"]
        help_texts = {"secret": "left empty: a random secret is made"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secret"].required = False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    formfield_overrides = URLS
    list_display = ["url", "description", "events", "active", "created_at"]
    list_filter = ["active"]

    def save_model(self, request, obj, form, change):
        try:
            webhooks.subscriber_save(subscriber=obj)
        except FactdbError as exc:
            self.message_user(request, exc.message, messages.ERROR)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "object_id", "subscriber", "status", "attempts", "last_status_code", "short_error", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event", "subscriber"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["redeliver"]

    @admin.display(description="last error")
    def short_error(self, obj):
        return obj.last_error[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected failed deliveries again", permissions=["view"])
    def redeliver(self, request, queryset):
        done = 0
        for delivery in queryset.filter(status=Delivery.Status.FAILED):
            webhooks.delivery_redeliver(delivery=delivery)
            done += 1
        self.message_user(request, f"{done} deliver(ies) queued again.")
