"""Editors add pages by URL and manage feeds; viewers see both. Webhook subscribers
(whose secrets sign deliveries) stay with administrators."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {"fetchrequest": ["view", "add", "change"], "feed": ["view", "add", "change", "delete"]}
VIEWERS = {"fetchrequest": ["view"], "feed": ["view"]}


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("integrations"), apps=apps, verbosity=0, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="integrations", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="integrations"))


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0001_integrations_initial"),
        ("claims", "0003_editor_and_viewer_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
