"""The one settings module of Huanjie: everything that varies comes from the environment."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HUANJIE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def installation_secret(path: Path) -> str:
    """A random key made once per installation and kept beside its database (mode 0600).

    No key is ever published in the source: without DJANGO_SECRET_KEY each installation signs its
    sessions with its own key.
    """
    if not path.exists():
        # Written aside, then linked into place: the web process and the worker may start
        # together, and neither may read a half-written key.
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: everyone uses that one
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or installation_secret(VAR_DIR / "secret_key")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Before huanjie.accounts: axes' receiver counts a failed login before ours audits it.
    "axes",
    "huanjie.core",
    "huanjie.demo",
    "huanjie.calendar",
    "huanjie.dashboards",
    "huanjie.documents",
    "huanjie.accounts",
    "huanjie.audit",
    "huanjie.regions",
    "huanjie.people",
    "huanjie.campaigns",
    "huanjie.elections",
    "huanjie.registration",
    "huanjie.committees",
    "huanjie.ballots",
    "huanjie.nominations",
    "huanjie.voting",
    "huanjie.handover",
    "huanjie.vetting",
    "huanjie.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "huanjie.core.middleware.NoStoreMiddleware",
    # Last, as axes asks: it turns a locked-out login into the login page with the lock explained.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "huanjie" / "templates"],
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

# SQLite file under var/ by default; any dj-database-url URL otherwise (PostgreSQL in deployment).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'huanjie.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Background imports and the web process share the file: wait for locks instead of failing.
    # IMMEDIATE: a transaction takes the write lock when it begins. A deferred one that read
    # first fails at once ("database is locked", no waiting) when another connection writes
    # meanwhile, e.g. the session saved by each progress poll during a register import.
    # WAL: readers never wait for a writer, and a writer only for another writer (whom the
    # register import lets in between its short batches); NORMAL is durable enough under WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": float(os.environ.get("HUANJIE_SQLITE_BUSY_TIMEOUT", "30")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# A working day's session from login; closing the browser ends it (ID numbers inside). Not
# renewed on every request: that would be a database write per page view.
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): every script, style and font from the app itself, no
# inline script, style attribute or eval anywhere (huanjie/core/tests/test_security.py checks the
# templates); data: images for Bootstrap's icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"huanjie.accounts.passwords.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

# Login throttling (django-axes): HUANJIE_LOGIN_FAILURE_LIMIT failures in a row lock the account,
# and separately the address they came from, for HUANJIE_LOGIN_COOLOFF_MINUTES after the last
# one; even the right password is refused meanwhile. An administrator unlocks early in the
# admin (Axes → Access attempts: delete the rows) or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "huanjie.accounts.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
HUANJIE_LOGIN_FAILURE_LIMIT = int(os.environ.get("HUANJIE_LOGIN_FAILURE_LIMIT", "10"))
HUANJIE_LOGIN_COOLOFF_MINUTES = int(os.environ.get("HUANJIE_LOGIN_COOLOFF_MINUTES", "30"))
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, as in `make run`).
HUANJIE_PROXY_COUNT = int(os.environ.get("HUANJIE_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = HUANJIE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=HUANJIE_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
# Refusals while locked neither count nor push the end of the lock further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not clear the count: it would clear every row of its address too, and so let
# someone with an account of their own keep guessing another's password from the same computer.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "huanjie.accounts.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "huanjie.accounts.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests, on the login page itself
AXES_DISABLE_ACCESS_LOG = True  # successful logins are on the audit trail already
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Chinese for what Django's own catalog and the third-party apps leave in English; it wins over
# every app's catalog, the admin's JavaScript one included.
LOCALE_PATHS = [BASE_DIR / "huanjie" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from it once collectstatic has run
# Front-end packages come from the npm registry at set-up (package-lock.json) and are served by the
# app itself under /static/vendor/: no CDN, ever.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    (f"vendor/{prefix}", NODE_MODULES / path)
    for prefix, path in [
        ("bootstrap", "bootstrap/dist"),
        ("bootstrap-icons", "bootstrap-icons/font"),
        ("htmx", "htmx.org/dist"),
        ("echarts", "echarts/dist"),
    ]
    if (NODE_MODULES / path).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("HUANJIE_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded registers (full ID numbers): readable by the server's user only, deleted after this.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
HUANJIE_UPLOAD_RETENTION_DAYS = int(os.environ.get("HUANJIE_UPLOAD_RETENTION_DAYS", "30"))
# Batch PDFs (huanjie.documents) hold ID numbers too: stored the same way, deleted after this.
HUANJIE_DOCUMENT_RETENTION_DAYS = int(os.environ.get("HUANJIE_DOCUMENT_RETENTION_DAYS", "7"))
# A village register export of up to this many people is written inside the request (about a
# second for 5,000); a larger one in the background by db_worker, kept 0600 under MEDIA_ROOT for
# the requester to download and deleted after HUANJIE_UPLOAD_RETENTION_DAYS like the uploads.
HUANJIE_EXPORT_SYNC_MAX_PEOPLE = int(os.environ.get("HUANJIE_EXPORT_SYNC_MAX_PEOPLE", "5000"))
# The register import's limits: a sheet larger than these is refused before it is read, and the
# reading runs in a child process with this much memory and time (a malformed file fails alone).
HUANJIE_REGISTER_MAX_ROWS = int(os.environ.get("HUANJIE_REGISTER_MAX_ROWS", "200000"))
HUANJIE_REGISTER_MAX_COLUMNS = int(os.environ.get("HUANJIE_REGISTER_MAX_COLUMNS", "64"))
HUANJIE_REGISTER_MAX_UNCOMPRESSED_MB = int(
    os.environ.get("HUANJIE_REGISTER_MAX_UNCOMPRESSED_MB", "1024")
)
HUANJIE_REGISTER_PARSE_MEMORY_MB = int(os.environ.get("HUANJIE_REGISTER_PARSE_MEMORY_MB", "4096"))
HUANJIE_REGISTER_PARSE_TIMEOUT = int(os.environ.get("HUANJIE_REGISTER_PARSE_TIMEOUT", "600"))
# A running import refreshes its heartbeat at least this often; one silent for the lease is dead.
HUANJIE_IMPORT_HEARTBEAT_SECONDS = float(os.environ.get("HUANJIE_IMPORT_HEARTBEAT_SECONDS", "5"))
HUANJIE_IMPORT_LEASE_SECONDS = float(os.environ.get("HUANJIE_IMPORT_LEASE_SECONDS", "120"))
# Rows per short write transaction of the import (one prepared INSERT or COPY: a few tenths of
# a second), and the pause after each one on SQLite, long enough for a waiting writer (a login,
# a session) to take the lock in between.
HUANJIE_IMPORT_BATCH_ROWS = int(os.environ.get("HUANJIE_IMPORT_BATCH_ROWS", "50000"))
HUANJIE_IMPORT_BATCH_PAUSE = float(os.environ.get("HUANJIE_IMPORT_BATCH_PAUSE", "0.12"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# Long imports and PDF batches: the database backend, run by `manage.py db_worker`.
# The tests (and anyone who sets HUANJIE_TASKS_IMMEDIATE) run tasks inline.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("HUANJIE_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# The REST API (huanjie/api/, README "接口"): a token (`huanjie api_token USERNAME`) or the web
# session; errors as {"code", "message", "details"}; requests per minute per account and, for
# requests without one, per address (in each process's memory).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The token first: a request without credentials is then a 401 naming the token scheme.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "huanjie.api.throttling.ApiUserThrottle",
        "huanjie.api.throttling.ApiAnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("HUANJIE_API_RATE_USER", "600/min"),
        "anon": os.environ.get("HUANJIE_API_RATE_ANON", "60/min"),
    },
    "EXCEPTION_HANDLER": "huanjie.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "换届选举管理系统接口",
    "DESCRIPTION": (
        "村级组织换届选举管理系统的 REST 接口（/api/v1/）。与网页相同的权限：每个用户只能看到和"
        "修改其角色和管辖区划允许的数据；不存在与不在管辖范围内的对象都回答同样的 404。"
        "认证：请求头 `Authorization: Token <令牌>`（令牌由管理员用 `huanjie api_token 用户名` "
        "签发），或网页登录后的会话（写接口须带 X-CSRFToken）。错误统一为 "
        '`{"code": "稳定代码", "message": "中文说明", "details": …}`。'
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RegionLevelEnum": "huanjie.regions.models.Level",
        "VillageKindEnum": "huanjie.regions.models.VillageKind",
        "ProblemLevelEnum": "huanjie.api.serializers.reference.PROBLEM_LEVELS",
        "ChangeKindEnum": "huanjie.api.serializers.reference.CHANGE_KINDS",
        "RelationToHeadEnum": "huanjie.people.models.HeadRelation",
        "RegisterStatusEnum": "huanjie.people.models.RegisterStatus",
        "LeaveStatusEnum": "huanjie.api.serializers.editing.LEAVE_STATUSES",
        "RelationKindEnum": "huanjie.people.models.RELATION_KIND_CHOICES",
        "RelationStatusEnum": "huanjie.people.relation_status.RelationStatus.values",
        "SexEnum": "huanjie.people.models.Sex",
        "VoterCategoryEnum": "huanjie.registration.models.Category",
        "LeftOffKindEnum": "huanjie.registration.models.LeftOffKind",
        "ObjectionKindEnum": "huanjie.registration.models.ObjectionKind",
        "ObjectionStatusEnum": "huanjie.registration.models.ObjectionStatus",
        "ApplicationBasisEnum": "huanjie.registration.models.Basis",
        "WishMeansEnum": "huanjie.registration.models.WishMeans",
        "AssemblyMeetingEnum": "huanjie.registration.models.Meeting",
        "VoterRegisterStateEnum": "huanjie.api.serializers.registration.REGISTER_STATES",
        # Beside the register's `basis` (ApplicationBasisEnum), the representatives' one.
        "ApportionBasisEnum": "huanjie.committees.models.Basis",
        "RiskLevelEnum": "huanjie.campaigns.models.RiskLevel",
        "RiskChangeKindEnum": "huanjie.campaigns.prep_models.RiskChangeKind",
        "ReadinessKindEnum": "huanjie.campaigns.prep_models.ReadinessKind",
        "NominationKindEnum": "huanjie.nominations.models.Kind",
        "NominationStatusEnum": "huanjie.nominations.models.Status",
        "PledgeKindEnum": "huanjie.nominations.models.PledgeKind",
        "RecommendationProcedureEnum": "huanjie.nominations.models.RecommendationProcedure",
        "RecommendationRoundKindEnum": "huanjie.nominations.models.RoundKind",
        "StatementKindEnum": "huanjie.nominations.models.StatementKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "huanjie.api.schema.add_common_errors",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HUANJIE_LOG_LEVEL", "WARNING")},
}
