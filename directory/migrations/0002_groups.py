"""The two curation roles as groups, so that an admin only has to put people in them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR = "curator"
ORGANISATION_EDITOR = "organisation editor"

# Nobody gets "delete service": services are unpublished, never deleted.
CURATOR_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("organisation", "service") for action in ("add", "change", "view")),
    *(
        f"{action}_{model}"
        for model in ("channel", "openinghours", "hoursexception", "source", "servicetopic", "topic")
        for action in ("add", "change", "delete", "view")
    ),
]
ORGANISATION_EDITOR_PERMISSIONS = [
    "view_organisation",
    "view_topic",
    "change_service",
    "view_service",
    *(
        f"{action}_{model}"
        for model in ("channel", "openinghours", "hoursexception", "source", "servicetopic")
        for action in ("add", "change", "delete", "view")
    ),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    from django.apps import apps as global_apps

    create_permissions(global_apps.get_app_config("directory"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [(CURATOR, CURATOR_PERMISSIONS), (ORGANISATION_EDITOR, ORGANISATION_EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="directory", codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CURATOR, ORGANISATION_EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
