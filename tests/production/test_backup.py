"""The backup and restore drill of the README, performed: back up the directory with its history
and the accounts, restore into an empty database, and the API answers exactly the same."""

from __future__ import annotations

from pathlib import Path

from tests.production.live import app_environment, manage

# What the API answers, printed as one JSON document (a fresh process: its snapshot is the database's).
API_OUTPUT = """
import json
from django.test import Client
from directory.models import Service, Channel, Organisation
client = Client(HTTP_HOST="localhost")
def get(path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.json()
services = get('/api/v1/services/?open_at=2026-12-08T20:30:00%2B01:00')
output = {
    'services': services,
    'details': [get(f"/api/v1/services/{s['slug']}/?open_at=2026-12-08T20:30:00%2B01:00") for s in services['results']],
    'topics': get('/api/v1/topics/'),
    'organisations': get('/api/v1/organisations/'),
    'history': [Service.history.count(), Channel.history.count(), Organisation.history.count()],
    'last_change_by': [
        r.history_user.username if r.history_user else None
        for r in Service.history.order_by('history_date', 'history_id')
    ],
}
print(json.dumps(output, sort_keys=True))
"""

# The live database, set up in one process (each Django start costs about a second): migrate, copy
# the migrated empty database to `empty_copy` (the database the README's `migrate` gives the
# restore), seed, and a curator's edit so the history records who changed what.
SET_UP_LIVE = """
import shutil
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from directory.models import Service
call_command('migrate', '--noinput', verbosity=0)
shutil.copyfile(settings.DATABASES['default']['NAME'], empty_copy)
call_command('seed_directory', verbosity=0)
curator = User.objects.create_user('curator', password='a-long-curator-password', is_staff=True)
curator.groups.add(Group.objects.get(name='curator'))
service = Service.objects.get(slug='awel')
service._history_user = curator
service.summary_en = service.summary_en + ' (checked by a curator)'
service.save()
"""

# The commands of the README's backup and restore section.
BACKUP = ["dumpdata", "directory", "auth.user", "auth.group", "--natural-foreign", "--natural-primary", "--indent", "1"]


def test_a_backup_restored_into_an_empty_database_answers_the_same(tmp_path: Path) -> None:
    restored_file, backup = tmp_path / "restored.sqlite3", tmp_path / "backup.json"
    live = app_environment(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    manage(live, "shell", "-c", f"empty_copy = {str(restored_file)!r}" + SET_UP_LIVE)
    # The answers, then the backup, from one process: nothing writes in between.
    back_up = f"from django.core.management import call_command; call_command(*{BACKUP!r}, '--output', {str(backup)!r})"
    before = manage(live, "shell", "-c", API_OUTPUT + back_up)

    restored = app_environment(f"sqlite:///{restored_file}")
    manage(restored, "loaddata", str(backup))
    after = manage(restored, "shell", "-c", API_OUTPUT)

    assert '"curator"' in before  # the history keeps who changed what
    assert after == before
