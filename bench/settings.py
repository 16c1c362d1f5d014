"""Settings of `make bench-http`: the project's own settings, plus a floor view when the project
has no /healthz yet. Nothing else differs: same middleware, same database engine, DEBUG off."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
