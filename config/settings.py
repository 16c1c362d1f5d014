"""Settings for the referral directory: one file, read from the environment.

Every value a deployment changes comes from an environment variable. The defaults are safe, not
convenient: DEBUG is off unless DEBUG=1 (`make run` sets it), and the server refuses to start
with DEBUG off and no SECRET_KEY (config/wsgi.py). The production environment is in the README
("Running in production"); with it, `manage.py check --deploy` is silent.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Tests, `make lint` and management commands run without a key; the WSGI application (what a
# server runs) refuses this fallback when DEBUG is off, see config/wsgi.py.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

# Behind a TLS-terminating proxy (see the README). The client's address is the socket's unless
# TRUSTED_PROXY_COUNT says how many proxies in front of us append to X-Forwarded-For; then it is
# that many hops from the right, which no client can forge (DRF's NUM_PROXIES, used by throttles).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# "HTTP_X_FORWARDED_PROTO,https": the header the proxy sets on requests that came in over TLS.
if proxy_ssl_header := env_list("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header[0], proxy_ssl_header[1])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
# Only the embed page may be framed (it says so itself); every other page refuses.
X_FRAME_OPTIONS = "DENY"
# The admin, the API docs and every other answer that sets no policy of its own. Inline styles stay
# allowed for the admin's and Swagger UI's own templates; scripts only from here.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

INSTALLED_APPS = [
    # The admin, with a second factor for staff (config/admin_security.py).
    "config.apps.SecondFactorAdminConfig",
    "config",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "directory",
    "referral",
]

MIDDLEWARE = [
    # Outermost, so every answer (preflights and refusals too) is logged and timed once.
    "config.access_log.AccessLogMiddleware",
    # First after it, so API preflights are answered before anything else runs (config/cors.py).
    "config.cors.CorsMiddleware",
    "config.guards.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Django's own CSP for everything that does not set its own (the public pages do, see
    # referral/pages.py: the embed page may be framed by any site, the others by none).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Static files (admin, Swagger UI, /favicon.ico) straight from the app server, DEBUG or not.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so they see what views raise: a database outage (config/outage.py), a locked-out login.
    "config.outage.OutageMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The admin's locks (config/admin_security.py). A second factor for staff, on unless DEBUG is on.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Hulplijnen-verwijsgids"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before checking the password
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins counted in the cache (shared with REDIS_URL) per address and user name together, so
# one attacker cannot lock a curator out from everywhere, and nobody can guess on for long.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.admin_security.client_address"
AXES_LOCKOUT_CALLABLE = "config.admin_security.lockout"
AXES_VERBOSE = False


ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# DATABASE_URL=postgres://user@127.0.0.1:5432/dbname selects PostgreSQL; without it a local
# SQLite file keeps `make run` free of any installed service.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast while PostgreSQL is down: the page, the widget and triage answer from memory, and
    # a request that needs the database should get its 503 at once, not after the OS's timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the directory's version token (so every app server knows when to rebuild its
# triage snapshot) and the API throttle counters; it never holds triage answers. REDIS_URL shares
# it between app servers; without it each process keeps its own. An unreachable Redis is never an
# error: config/cache.py falls back to this process's memory until it is back.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Without REDIS_URL (local development) each process counts failed logins on its own; axes warns
# about that, and with Redis configured the warning never applies.
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["axes.W001"]
CACHES = {
    "default": (
        {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Storage is UTC; this zone is what admins see and the default zone of a new service.
TIME_ZONE = "Europe/Brussels"
SERVICE_TIME_ZONE = "Europe/Brussels"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"  # `make serve` collects here; WhiteNoise serves it compressed
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Also serve from the apps' folders, so static files work before (or without) collectstatic.
WHITENOISE_USE_FINDERS = True
# Files served at the site's root: /favicon.ico and /favicon.svg.
WHITENOISE_ROOT = BASE_DIR / "config" / "root"

# A service not verified for this many days shows as stale in the admin.
VERIFICATION_STALE_AFTER_DAYS = 180
# The verification queue weighs each service by how often triage suggests it first over a grid of
# answers: the directory may not import triage, so triage's glue module provides it by name.
DIRECTORY_SUGGESTED_FIRST = "referral.suggest.suggested_first_shares"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")  # reminders

# Refuse bodies that cannot be a triage request before they are read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "config.schema.ErrorDocumentingAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.parsers.BoundedJSONParser"],
    # The API is public and read-only apart from triage: no sessions, no cookies, no CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "config.errors.api_exception_handler",
    # Counted per client address (see TRUSTED_PROXY_COUNT) in the cache, shared by every app server
    # with REDIS_URL; never keyed by anything a person answered. Every API request counts against
    # API_RATE ("anon"), triage also against TRIAGE_RATE. Sliding-window counters (config/throttles.py).
    "DEFAULT_THROTTLE_CLASSES": ["config.throttles.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE", "600/minute"),
        "triage": os.environ.get("TRIAGE_RATE", "120/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Hulplijnen-verwijsgids API",
    "DESCRIPTION": (
        "Directory of Flemish helplines for young people and a triage that returns ranked "
        "warm-referral suggestions. Triage answers are never stored or logged."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets share the field name "region": where a service serves, and the triage's province.
    "ENUM_NAME_OVERRIDES": {
        "ProvinceEnum": "directory.models.Province",
        "ServiceRegionEnum": "directory.models.Service.Region",
    },
}

# LOG_FORMAT=json: one JSON object per request line (config/access_log.py), for log collectors.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
