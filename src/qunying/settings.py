"""The one settings module: everything that differs between installations comes from the environment."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from qunying.core.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("QUNYING_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("QUNYING_VAR_DIR", BASE_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_from_env_or_file(name: str, filename: str, generate) -> str:
    """Installations set secrets in the environment; the embedded default keeps generated ones under var/."""
    if value := os.environ.get(name):
        return value
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(generate(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = secret_from_env_or_file("QUNYING_SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50))
DEBUG = env_bool("QUNYING_DEBUG")
ALLOWED_HOSTS = env_list("QUNYING_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("QUNYING_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "qunying.core",
    "qunying.org",
    "qunying.accounts",
    "qunying.deeds",
    "qunying.honours",
    "qunying.feedback",
    "qunying.discovery",
    "qunying.reserve",
    "qunying.campaigns",
    "qunying.publicity",
    "qunying.branches",
    "qunying.care",
    "qunying.reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_bootstrap5",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
]

MIDDLEWARE = [
    "qunying.metrics.RequestCountMiddleware",  # first: every answer is counted, redirects and refusals too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "qunying.core.middleware.RequestContextMiddleware",
    "qunying.accounts.middleware.TwoFactorMiddleware",
    "qunying.accounts.middleware.PasswordExpiryMiddleware",
    # Axes goes last so that it sees the outcome of authentication in every view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qunying.urls"
WSGI_APPLICATION = "qunying.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qunying.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode under var/ by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'qunying.sqlite3'}",
        # Persistent connections (checked before reuse): a new one costs ~24 ms a request on PostgreSQL.
        conn_max_age=int(os.environ.get("QUNYING_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server and the task worker read while the other writes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what several processes must agree on: the honour board (and its version, bumped on publication)
# and the counters of every rate limit. QUNYING_REDIS_URL shares it between processes and machines; without it each
# process has its own (fine for one process, warned about for more: qunying.core.checks).
QUNYING_REDIS_URL = os.environ.get("QUNYING_REDIS_URL", "").strip()
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": QUNYING_REDIS_URL,
        "KEY_PREFIX": "qunying",
    }
    if QUNYING_REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if QUNYING_REDIS_URL:
    # Sessions read from Redis and written through to the database: shared, and kept across a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Server processes per machine (`qunying serve --workers`, default 1). More than one, or more than one machine, needs
# QUNYING_REDIS_URL so that the cache and the rate limits are shared (a system check warns otherwise).
QUNYING_WEB_WORKERS = max(int(os.environ.get("QUNYING_WEB_WORKERS", "1")), 1)

# --- Background work: Django's tasks API with the database backend (several workers on PostgreSQL).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("QUNYING_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Workers write a heartbeat every few seconds; /healthz calls them stale after the window. A running task past its
# limit (or whose worker stopped beating) is failed by the scheduler's reaper and its objects handed back for a retry.
QUNYING_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("QUNYING_WORKER_HEARTBEAT_SECONDS", "10"))
QUNYING_WORKER_STALE_SECONDS = float(os.environ.get("QUNYING_WORKER_STALE_SECONDS", "60"))
QUNYING_TASK_TIME_LIMIT_MINUTES = float(os.environ.get("QUNYING_TASK_TIME_LIMIT_MINUTES", "30"))
# `qunying serve` restarts a child that died after this many seconds, doubled at each death up to a minute.
QUNYING_SERVE_RESTART_SECONDS = float(os.environ.get("QUNYING_SERVE_RESTART_SECONDS", "1"))
# Deeds of this hazard or above need at least one evidence file before they are verified (none/low/medium/high;
# empty: never).
QUNYING_EVIDENCE_FROM_HAZARD = os.environ.get("QUNYING_EVIDENCE_FROM_HAZARD", "high")

# --- Accounts and 等保 2.0 level-3 defaults.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "qunying.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
QUNYING_PASSWORD_MAX_AGE = timedelta(days=int(os.environ.get("QUNYING_PASSWORD_MAX_AGE_DAYS", "90")))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(os.environ.get("QUNYING_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("QUNYING_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Reverse proxies in front of the app (nginx: 1). One function reads the client's address for the audit log and for
# axes' lockout key; without it the key would be the proxy's address and anyone could lock out anyone.
QUNYING_PROXY_COUNT = max(int(os.environ.get("QUNYING_PROXY_COUNT", "0")), 0)
AXES_CLIENT_IP_CALLABLE = "qunying.core.middleware.client_ip"

# Two-factor sign-in (TOTP; 等保 level 3 asks two techniques of administrators): required for these role codes
# (comma-separated; empty: nobody is required), optional for everyone else; the second step lives at /accounts/2fa/.
QUNYING_2FA_ROLES = env_list("QUNYING_2FA_ROLES", "sys_admin,security_admin,audit_admin,political_officer")
QUNYING_2FA_ISSUER = os.environ.get("QUNYING_2FA_ISSUER", "群英")  # the name authenticator apps show
QUNYING_2FA_THROTTLE_FACTOR = 1  # seconds; doubled after each wrong code (django-otp), on top of the lockout
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # axes logs failed posts: never a (backup) code
# Sign-in by a gateway that already authenticated the user (PKI certificate): the header naming the username, honoured
# only on connections coming straight from one of the trusted addresses (IPs or CIDRs). Counts as two-factor.
QUNYING_TRUSTED_USER_HEADER = os.environ.get("QUNYING_TRUSTED_USER_HEADER", "").strip()
QUNYING_TRUSTED_PROXIES = env_list("QUNYING_TRUSTED_PROXIES")

# Idle timeout: every request renews a 30-minute session.
SESSION_COOKIE_AGE = int(os.environ.get("QUNYING_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS: QUNYING_HTTPS=1 where browsers reach the site over TLS (directly or through the reverse proxy): secure
# cookies, HSTS and a redirect from http. Behind a proxy (QUNYING_PROXY_COUNT > 0) the proxy ends TLS and must set
# X-Forwarded-Proto. QUNYING_SECURE_COOKIES=1 alone still turns on the secure cookies only.
QUNYING_HTTPS = env_bool("QUNYING_HTTPS")
SESSION_COOKIE_SECURE = QUNYING_HTTPS or env_bool("QUNYING_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if QUNYING_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
    SECURE_HSTS_SECONDS = int(os.environ.get("QUNYING_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QUNYING_HSTS_INCLUDE_SUBDOMAINS", True)
    if QUNYING_PROXY_COUNT > 0:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Every asset is served by the app itself: the intranet has no internet.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Encrypted fields: "id:base64key" pairs, the first one encrypts, every one decrypts (rotation).
QUNYING_FIELD_KEYS = secret_from_env_or_file(
    "QUNYING_FIELD_KEYS", "field_keys", lambda: f"k1:{secrets.token_urlsafe(32)}"
)
QUNYING_BLIND_INDEX_KEY = secret_from_env_or_file(
    "QUNYING_BLIND_INDEX_KEY", "blind_index_key", lambda: secrets.token_urlsafe(32)
)
# --- The audit log's hash chain: each entry's HMAC-SHA256 (see qunying.core.audit). Keep it with the other keys.
QUNYING_AUDIT_KEY = secret_from_env_or_file("QUNYING_AUDIT_KEY", "audit_key", lambda: secrets.token_urlsafe(32))

# --- Language, time.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files: npm packages are installed at build time and served from node_modules by the app.
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Media in an S3-compatible object store (an intranet MinIO, say) when a bucket is named; several app servers then
# share the files. Either way files are private (no public URL, no ACL): the scoped views read and serve them.
QUNYING_S3_BUCKET = os.environ.get("QUNYING_S3_BUCKET", "").strip()
if QUNYING_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": QUNYING_S3_BUCKET,
            "endpoint_url": os.environ.get("QUNYING_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("QUNYING_S3_REGION") or None,
            "access_key": os.environ.get("QUNYING_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("QUNYING_S3_SECRET_KEY") or None,
            "location": os.environ.get("QUNYING_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": os.environ.get("QUNYING_S3_ADDRESSING_STYLE", "path"),
        },
    }
# django-bootstrap5 renders forms only; its asset tags point at our own copies, never a CDN.
BOOTSTRAP5 = {
    "css_url": {"url": f"/{STATIC_URL}vendor/bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": f"/{STATIC_URL}vendor/bootstrap/js/bootstrap.bundle.min.js"},
}
MEDIA_ROOT = Path(os.environ.get("QUNYING_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = True

# One line per event on stdout (the bureau's log collector reads it); QUNYING_LOG_FORMAT=json for JSON lines.
QUNYING_LOG_FORMAT = os.environ.get("QUNYING_LOG_FORMAT", "text").strip().lower()
LOGGING = logging_config(level=os.environ.get("QUNYING_LOG_LEVEL", "INFO"), fmt=QUNYING_LOG_FORMAT)
# /metrics (Prometheus text format) answers loopback and these addresses or networks only (comma-separated).
QUNYING_METRICS_ALLOWED = env_list("QUNYING_METRICS_ALLOWED")

# --- SMS ratings (短信评警): the gateway, the webhook's secret, sending pace, survey lifetime, retention, sampling.
# console: messages go to the log (development); outbox: rows in a table that an intranet gateway reads;
# http: JSON POSTed to QUNYING_SMS_GATEWAY_URL, signed with X-Qunying-Signature (HMAC-SHA256 of the body).
QUNYING_SMS_BACKEND = os.environ.get("QUNYING_SMS_BACKEND", "console").strip().lower()
QUNYING_SMS_GATEWAY_URL = os.environ.get("QUNYING_SMS_GATEWAY_URL", "")
QUNYING_SMS_GATEWAY_SECRET = secret_from_env_or_file(
    "QUNYING_SMS_GATEWAY_SECRET", "sms_gateway_secret", lambda: secrets.token_urlsafe(32)
)
QUNYING_SMS_WEBHOOK_SECRET = secret_from_env_or_file(
    "QUNYING_SMS_WEBHOOK_SECRET", "sms_webhook_secret", lambda: secrets.token_urlsafe(32)
)
QUNYING_SMS_RATE = float(os.environ.get("QUNYING_SMS_RATE", "5"))  # per second, all workers together (core.pace)
QUNYING_SMS_TIMEOUT = float(os.environ.get("QUNYING_SMS_TIMEOUT", "10"))  # seconds per gateway request
QUNYING_SMS_RETRIES = int(os.environ.get("QUNYING_SMS_RETRIES", "3"))  # further attempts on 5xx or timeouts
QUNYING_SMS_RETRY_BACKOFF = float(os.environ.get("QUNYING_SMS_RETRY_BACKOFF", "1"))  # seconds, doubled each retry
QUNYING_SMS_SURVEY_EXPIRY_HOURS = int(os.environ.get("QUNYING_SMS_SURVEY_EXPIRY_HOURS", "72"))
QUNYING_SMS_RETENTION_DAYS = int(os.environ.get("QUNYING_SMS_RETENTION_DAYS", "90"))
# Sampling defaults: the political department edits the rules in the app; these seed them.
QUNYING_SMS_SAMPLING_DELAY_MINUTES = int(os.environ.get("QUNYING_SMS_SAMPLING_DELAY_MINUTES", "30"))
QUNYING_SMS_SAMPLING_CITIZEN_DAYS = int(os.environ.get("QUNYING_SMS_SAMPLING_CITIZEN_DAYS", "30"))
QUNYING_SMS_SAMPLING_OFFICER_CAP = int(os.environ.get("QUNYING_SMS_SAMPLING_OFFICER_CAP", "60"))
QUNYING_SMS_SAMPLING_PERIOD_DAYS = int(os.environ.get("QUNYING_SMS_SAMPLING_PERIOD_DAYS", "30"))
QUNYING_SMS_SAMPLING_MAX_AGE_HOURS = int(os.environ.get("QUNYING_SMS_SAMPLING_MAX_AGE_HOURS", "48"))
QUNYING_SMS_SAMPLING_EXCLUDED_KINDS = env_list(
    "QUNYING_SMS_SAMPLING_EXCLUDED_KINDS", "domestic_violence,sexual_offence,juvenile"
)

# --- JSON API (/api/, django-ninja): as an installed app, ninja serves its Swagger page's assets itself, never a CDN.
INSTALLED_APPS += ["ninja"]

# --- Public nominations (社会征集): abuse limits of the /nominate/ page (cache counters; no third-party captcha).
QUNYING_NOMINATION_IP_LIMIT = int(os.environ.get("QUNYING_NOMINATION_IP_LIMIT", "10"))  # posts per IP per window
QUNYING_NOMINATION_IP_WINDOW_SECONDS = int(os.environ.get("QUNYING_NOMINATION_IP_WINDOW_SECONDS", "3600"))
QUNYING_NOMINATION_CONTACT_LIMIT = int(os.environ.get("QUNYING_NOMINATION_CONTACT_LIMIT", "3"))  # per phone per window
QUNYING_NOMINATION_CONTACT_WINDOW_SECONDS = int(os.environ.get("QUNYING_NOMINATION_CONTACT_WINDOW_SECONDS", "86400"))
QUNYING_NOMINATION_MIN_FILL_SECONDS = int(os.environ.get("QUNYING_NOMINATION_MIN_FILL_SECONDS", "5"))
QUNYING_NOMINATION_FORM_MAX_AGE_SECONDS = int(os.environ.get("QUNYING_NOMINATION_FORM_MAX_AGE_SECONDS", "21600"))
QUNYING_NOMINATION_MAX_BODY_BYTES = int(os.environ.get("QUNYING_NOMINATION_MAX_BODY_BYTES", str(64 * 1024)))

# --- Care: a recorded hospitalisation or injury schedules a welfare visit within this many days.
QUNYING_CARE_VISIT_WITHIN_DAYS = int(os.environ.get("QUNYING_CARE_VISIT_WITHIN_DAYS", "3"))
