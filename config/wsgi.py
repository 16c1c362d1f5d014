"""The WSGI application that granian (`make serve`) or any WSGI server runs.

A server with DEBUG off refuses to start on the development SECRET_KEY: with a known key anyone
could sign session cookies and walk into the admin.
"""

import gc
import logging
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (a long random string) to serve with DEBUG off; see the README.")


def prepare_worker() -> None:
    """Build this worker's directory snapshot, and what triage and the read API derive from it,
    before the first request; then take every object that exists now out of the cyclic garbage
    collector's rounds (gc.freeze). The snapshot's long-lived objects can never be collected, yet
    each collection of the older generations walks them all: that cost a triage request about a
    tenth of its time (docs/performance.md). A database that cannot be reached is no reason not to
    start: the first request that needs the directory builds it then."""
    from directory.reads import listing
    from directory.snapshot import snapshot
    from referral.ranking import index_catalog

    try:
        current = snapshot()
        current.derived(index_catalog)
        current.derived(listing)
    except DatabaseError as error:
        logging.getLogger(__name__).warning("No directory snapshot at start (%s); built on first use.", error)
    gc.collect()
    gc.freeze()


prepare_worker()
