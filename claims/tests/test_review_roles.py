"""Roles: Editors hold exactly what the desk needs, Viewers only read, and the queue's actions check both."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from claims.models import Claim
from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_claim, make_event, make_finding, make_user, viewer  # noqa: F401
from timeline.models import Finding

pytestmark = pytest.mark.django_db

QUEUE = "/admin/timeline/finding/review/"


def _codenames(group: str) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=group).permissions.select_related("content_type")}


def test_editors_hold_exactly_the_permissions_the_desk_needs():
    assert _codenames("Editors") == {
        "claims.view_claim",
        "claims.change_claim",
        "claims.view_article",
        "claims.change_article",
        "timeline.view_event",
        "timeline.change_event",
        "timeline.view_finding",
        "timeline.change_finding",
        "timeline.view_entityalias",
        "timeline.add_entityalias",
        "timeline.change_entityalias",
        "timeline.delete_entityalias",
        "timeline.view_consistencyreport",
        # Add by URL and feeds (integrations); webhook subscribers stay with administrators.
        "integrations.view_fetchrequest",
        "integrations.add_fetchrequest",
        "integrations.change_fetchrequest",
        "integrations.view_feed",
        "integrations.add_feed",
        "integrations.change_feed",
        "integrations.delete_feed",
    }


def test_viewers_can_only_view():
    assert _codenames("Viewers") == {
        "claims.view_claim",
        "claims.view_article",
        "timeline.view_event",
        "timeline.view_finding",
        "timeline.view_entityalias",
        "timeline.view_consistencyreport",
        "integrations.view_fetchrequest",
        "integrations.view_feed",
    }


def test_create_editor_makes_a_staff_member_of_the_editors_group(capsys):
    call_command("create_editor", "nadia", "--email", "nadia@newsroom.test")

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="nadia")
    assert (user.is_staff, user.is_superuser, user.email) == (True, False, "nadia@newsroom.test")
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.has_perm("claims.change_claim") and user.has_perm("timeline.change_event")
    assert "password:" in capsys.readouterr().out


@pytest.fixture
def desk():
    article = make_article("The ministers signed the accord on May 4, 2026.", outlet="Harbour Ledger", url="https://ledger.example/a")
    other = make_article("The ministers signed the accord on May 5, 2026.", outlet="Quayside Post")
    event = make_event("accord signed", date(2026, 5, 4), date(2026, 5, 5), status="conflicting")
    second = make_event("accord ceremony", date(2026, 5, 4))
    claims = [make_claim(article, "May 4, 2026", date(2026, 5, 4), event=event), make_claim(other, "May 5, 2026", date(2026, 5, 5), event=event)]
    finding = make_finding(event, claims)
    return {"article": article, "event": event, "second": second, "claims": claims, "finding": finding}


def _actions(desk) -> list[tuple[str, str, dict]]:
    """(permission it needs, URL, form) for every POST action of the queue."""
    claim, finding, article, event = desk["claims"][0], desk["finding"], desk["article"], desk["event"]
    return [
        ("claims.change_claim", f"{QUEUE}claim/{claim.pk}/verify/", {}),
        ("claims.change_claim", f"{QUEUE}claim/{claim.pk}/reject/", {}),
        ("timeline.change_finding", f"{QUEUE}finding/{finding.pk}/dismiss/", {"reason": "same day"}),
        ("timeline.change_finding", f"{QUEUE}finding/{finding.pk}/reopen/", {}),
        ("claims.change_article", f"{QUEUE}article/{article.pk}/published-at/", {"published_at": "2026-05-05T09:00:00+04:00"}),
        ("claims.change_article", f"{QUEUE}article/{article.pk}/url/", {"url": "https://ledger.example/b"}),
        ("timeline.change_event", f"{QUEUE}event/merge/", {"target": desk["event"].pk, "sources": desk["second"].pk}),
        ("timeline.change_event", f"{QUEUE}event/{event.pk}/split/", {"claim_ids": desk["claims"][1].pk, "label": "ratified"}),
    ]


def _state(desk):
    article = desk["article"].__class__.objects.get(pk=desk["article"].pk)
    return (
        sorted(Claim.objects.values_list("id", "review_status", "event_id")),
        list(Finding.objects.values_list("status", "dismiss_reason")),
        (article.url, article.published_at),
        desk["event"].__class__.objects.count(),
    )


@pytest.mark.parametrize("who", ["staff without a role", "viewer"])
def test_staff_who_are_not_editors_get_403_from_every_action_and_nothing_changes(desk, viewer, who):
    user = viewer if who == "viewer" else make_user("sam", is_staff=True)
    browser = Client()
    browser.force_login(user)
    before = _state(desk)

    answers = [browser.post(url, form).status_code for _, url, form in _actions(desk)]

    assert answers == [403] * len(answers)
    assert _state(desk) == before


@pytest.mark.parametrize("index", range(8))
def test_each_action_needs_its_own_models_change_permission(desk, index):
    needed, url, form = _actions(desk)[index]
    app, codename = needed.split(".")
    others = {p for p, _, _ in _actions(desk)} - {needed}
    # A staff member with every view permission and every change permission but the one this action needs.
    user = make_user("partial", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_", content_type__app_label__in=["claims", "timeline"]))
    for other in others:
        other_app, other_codename = other.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=other_app, codename=other_codename))
    browser = Client()
    browser.force_login(user)

    assert browser.post(url, form).status_code == 403
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached on the instance
    browser.force_login(user)
    assert browser.post(url, form).status_code == 302


def test_a_viewer_sees_the_queue_without_any_buttons(desk, viewer):
    browser = Client()
    browser.force_login(viewer)

    response = browser.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Harbour Ledger" in page and "<mark>May 4, 2026</mark>" in page
    assert 'method="post"' not in page.split('id="content-main"')[1]


def test_staff_without_view_permission_on_findings_cannot_open_the_queue(desk):
    browser = Client()
    browser.force_login(make_user("sam", is_staff=True))

    assert browser.get(QUEUE).status_code == 403


def test_an_editor_sees_every_button(desk, editor):
    browser = Client()
    browser.force_login(editor)

    page = browser.get(QUEUE).content.decode()

    for _, url, _ in _actions(desk):
        if "reopen" not in url:  # reopen sits by dismissed findings; there are none yet
            assert f'action="{url}"' in page, url
