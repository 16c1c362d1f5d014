"""Two organisations, a curator and an editor of one of them: every editor path is tested against both."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from django.test import Client

from directory.models import Organisation, Service
from tests.directory.admin_pages import logged_in, make_user
from tests.makers import make_organisation, make_service


class Editor(NamedTuple):
    client: Client
    own: Organisation
    mine: Service  # a service of the editor's organisation
    theirs: Service  # a service of another organisation


@pytest.fixture
def curator_client(empty_directory: None) -> Client:
    return logged_in(make_user("curator", "curator"))


@pytest.fixture
def editor(empty_directory: None) -> Editor:
    own = make_organisation("Eigen vzw")
    other = make_organisation("Andere vzw")
    user = make_user("editor", "organisation editor")
    own.editors.add(user)
    mine, theirs = make_service("eigen", organisation=own), make_service("andere", organisation=other)
    return Editor(logged_in(user), own, mine, theirs)
