"""Settings for NewRoles, read from the environment (and a local .env file) with django-environ.

Every variable is documented in .env.example. With DEBUG off the defaults are production-safe.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newroles.code_version import code_version

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# The process environment wins over .env, so CI can point DATABASE_URL elsewhere.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

INSECURE_SECRET_KEYS = {"", "dev-only-insecure-key-change-me"}
SECRET_KEY = env.str("SECRET_KEY", default="")
if not DEBUG and SECRET_KEY in INSECURE_SECRET_KEYS:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off.")
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-change-me"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "newroles.accounts",
    "newroles.ui",
    "newroles.notifications",
    "roles",
    "planning",
    "governance",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No-store for signed-in pages and the Permissions-Policy, on every response below it.
    "newroles.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before the current organisation is read: a session that has timed out ends first.
    "newroles.middleware.SessionTimeoutMiddleware",
    "newroles.accounts.middleware.CurrentOrganisationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns lockouts raised during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in after repeated failures (django-axes), then Django's own check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in a person the identity provider vouched for (single sign-on).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1)
# An account is locked at one address, so an attacker cannot lock its owner out elsewhere...
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ...and an address is locked after this many failures across accounts within the cool-off
# (newroles.accounts.throttling.SignInAttemptHandler), so it cannot try a few passwords on every
# account. Generous: a trust's staff may share one address.
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=20)
AXES_HANDLER = "newroles.accounts.throttling.SignInAttemptHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address (for lockouts and the limits on reset emails), found by django-ipware.
# Behind PROXY_COUNT proxies (make serve: one) it is the X-Forwarded-For entry the outermost
# proxy appended; what a client put in the header itself is ignored. With none (the default)
# the header is the client's own and only REMOTE_ADDR counts.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",) if PROXY_COUNT else ("REMOTE_ADDR",)
# ipware counts the proxies named in the header; the one connecting to us is REMOTE_ADDR instead.
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None
# A header that already had entries (a client's or its web filter's) is longer than the count:
# still take our proxy's entry, counted from the right, rather than fall back to nothing.
IPWARE_STRICT = False

# Password reset emails per account, and reset requests per client address, in an hour; the page
# after asking says the same whether an email was sent, held back or there is no such account.
# Counted in the database (accounts.PasswordResetRequest), so on every worker and host.
PASSWORD_RESET_EMAILS_PER_ACCOUNT = env.int("PASSWORD_RESET_EMAILS_PER_ACCOUNT", default=3)
PASSWORD_RESET_REQUESTS_PER_ADDRESS = env.int("PASSWORD_RESET_REQUESTS_PER_ADDRESS", default=10)

# Content security policy (django-csp 4): only our own files; the one inline script and any
# inline style carry a per-request nonce.
# Single sign-on's identity provider (see below): its sign-in page is where our sign-in forms
# go on to, which form-action must allow (browsers apply it to a form's redirects too).
OIDC_ISSUER_URL = env("OIDC_ISSUER_URL", default="")
_OIDC_ORIGIN = (
    "{0.scheme}://{0.netloc}".format(urlsplit(OIDC_ISSUER_URL)) if OIDC_ISSUER_URL else ""
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, *([_OIDC_ORIGIN] if _OIDC_ORIGIN else [])],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

ROOT_URLCONF = "newroles.urls"
WSGI_APPLICATION = "newroles.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newroles.ui.context_processors.service",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# What pages derive from a plan (planning.plan_cache) is cached here. The default, each worker's
# own memory, is correct with any number of workers and hosts (see plan_cache); room for a few
# thousand entries, since a busy plan asks for new keys with every change.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://newroles?MAX_ENTRIES=5000")}
# The release's code and templates, digested: stored PDFs typeset by older code are not served.
CODE_VERSION = code_version(BASE_DIR)

# Documents are built by a task worker (`manage.py db_worker`), not in the web request: the
# queue is a table in our own database (django-tasks-db), so there is no service to run
# beside it. The tests build at once (ImmediateBackend, set in tests/conftest.py) except
# where they test the worker itself.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A cache that outlives the process (memcached, Redis, files) keys on the release's code
# version, so a deploy never reads what older code stored; each worker's memory needs none.
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
    CACHES["default"].setdefault("KEY_PREFIX", CODE_VERSION)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Single sign-on through OpenID Connect (django-allauth), offered on the sign-in page when a
# provider is configured: for NHSmail, an app registered in Microsoft Entra ID, with the issuer
# https://login.microsoftonline.com/<tenant id>/v2.0 (README, "Single sign-on").
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", default="nhsmail"),
                "name": env("OIDC_PROVIDER_NAME", default="NHSmail"),
                "client_id": OIDC_CLIENT_ID,
                "secret": env("OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": OIDC_ISSUER_URL},
            }
        ]
        if OIDC_CLIENT_ID
        else [],
        "SCOPE": ["openid", "email", "profile"],
        "OAUTH_PKCE_ENABLED": True,
    }
}
SOCIALACCOUNT_ADAPTER = "newroles.accounts.sso.SignOnAdapter"
ACCOUNT_ADAPTER = "newroles.accounts.sso.AccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
# An existing account is signed in (and linked) only by an address the provider has verified.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # the provider has verified the address
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The NHS.UK design system's built CSS, JS and assets, installed by npm.
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("MANIFEST_STATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nhsuk",)
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = not DEBUG

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NewRoles <no-reply@newroles.invalid>")
# The site's public address, for links in emails sent outside a request (reminders, by the
# task worker or cron): e.g. https://newroles.example.nhs.uk.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL must start with https:// or http://.")

# Security. Cookies and HSTS are strict whenever DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
# Computers are often shared: a session ends after a spell without activity (a working day by
# default) and, however active, a fixed time after signing in (12 hours by default, so it does
# not outlive a long day or night shift). newroles.middleware.SessionTimeoutMiddleware enforces
# both and says why on the sign-in page. An abandoned cookie and its stored session lapse at
# the latest that maximum after the last activity, instead of Django's default two weeks.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=480)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# A branded page for a form sent with a missing or stale CSRF token.
CSRF_FAILURE_VIEW = "newroles.views.csrf_failure"
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# How long an invitation link stays valid.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# The footer's contact and feedback links; each is left out while unset. Feedback goes by
# email to the contact address when no feedback form is given.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="")
FEEDBACK_URL = env.str("FEEDBACK_URL", default="")
if CONTACT_EMAIL and "@" not in CONTACT_EMAIL:
    raise ImproperlyConfigured("CONTACT_EMAIL must be an email address.")
if FEEDBACK_URL and not FEEDBACK_URL.startswith(("https://", "http://", "mailto:")):
    raise ImproperlyConfigured("FEEDBACK_URL must start with https://, http:// or mailto:.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "newroles": {
            "handlers": ["console"],
            "level": env.str("LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
    },
}
