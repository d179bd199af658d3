"""The Editors and Viewers groups.

Being an editor is holding the change permission on a model (see
factdb.permissions), so the groups are data the API and the admin rely on,
created here rather than by hand on each deployment.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

READABLE = [
    ("claims", "claim"),
    ("claims", "article"),
    ("timeline", "event"),
    ("timeline", "finding"),
    ("timeline", "entityalias"),
    ("timeline", "consistencyreport"),
]
# Exactly what the editors' desk needs. Articles arrive through the API and the
# ingest command, which ask for change (not add); events are merged and split
# with change on event (the services delete the emptied ones, not the editor);
# aliases are plain data editors add, fix and remove.
EDITORS = {
    ("claims", "claim"): ["view", "change"],
    ("claims", "article"): ["view", "change"],
    ("timeline", "event"): ["view", "change"],
    ("timeline", "finding"): ["view", "change"],
    ("timeline", "entityalias"): ["view", "change", "add", "delete"],
    ("timeline", "consistencyreport"): ["view"],
}
VIEWERS = {model: ["view"] for model in READABLE}


def create_groups(apps, schema_editor):
    # Permissions are normally created after `migrate` finishes (post_migrate);
    # on a fresh database they do not exist yet when this runs.
    for label in ("claims", "timeline"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [(app, f"{action}_{model}") for (app, model), actions in grants.items() for action in actions]
        permissions = [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in codenames]
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_initial"),
        ("timeline", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, delete_groups)]
