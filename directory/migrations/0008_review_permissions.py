"""Curators decide proposed changes; organisation editors see their own (directory/review.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "curator": ["view_proposedchange", "change_proposedchange"],
    "organisation editor": ["view_proposedchange"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    from django.apps import apps as global_apps

    create_permissions(global_apps.get_app_config("directory"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="directory", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_proposed_change")]
    operations = [migrations.RunPython(grant, revoke)]
