"""The WSGI application that granian (`make serve`) or any WSGI server runs.

A server with DEBUG off refuses to start on the development SECRET_KEY: with a known key anyone
could sign session cookies and walk into the admin.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (a long random string) to serve with DEBUG off; see the README.")
