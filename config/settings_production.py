"""Production: `DJANGO_SETTINGS_MODULE=config.settings_production` (what `make serve` uses).

Everything of config.settings, plus what a deployment must not leave to defaults: the secret key,
the host names and the database come from the environment (missing ones are refused with a
message saying what to set), no debug pages, HTTPS only behind a reverse proxy that says so in
X-Forwarded-Proto, HSTS and secure cookies.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

# Whether a variable is set, and what it means: checked before config.settings runs, so a
# deployment without its key never makes one of its own beside the database.
REQUIRED = {
    "DJANGO_SECRET_KEY": (
        "签名会话用的密钥，至少 50 个随机字符",
        "the key that signs sessions, 50 or more random characters",
    ),
    "DJANGO_ALLOWED_HOSTS": (
        "网站的主机名，多个用逗号分隔，例如 huanjie.example.gov.cn",
        "the site's host names, comma-separated",
    ),
    "DATABASE_URL": (
        "数据库地址，例如 postgres://huanjie:密码@127.0.0.1:5432/huanjie",
        "the database URL, e.g. postgres://user:password@host:5432/name",
    ),
}
SECRET_KEY_MIN_LENGTH = 50


def _refuse(name: str, chinese: str, english: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"生产环境缺少环境变量 {name}（{chinese}），请设置后再启动。"
        f" / Production needs the environment variable {name} ({english})."
    )


for _name, (_chinese, _english) in REQUIRED.items():
    if not os.environ.get(_name, "").strip():
        raise _refuse(_name, _chinese, _english)
if len(os.environ["DJANGO_SECRET_KEY"].strip()) < SECRET_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY 太短：至少 {SECRET_KEY_MIN_LENGTH} 个随机字符，可用 "
        '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"` 生成。'
        f" / DJANGO_SECRET_KEY is too short: {SECRET_KEY_MIN_LENGTH} or more random characters."
    )

from config.settings import *  # noqa: E402, F403
from config.settings import ALLOWED_HOSTS  # noqa: E402

ALLOWED_HOSTS = [host for host in ALLOWED_HOSTS if host]
if not ALLOWED_HOSTS:  # only commas
    raise _refuse("DJANGO_ALLOWED_HOSTS", *REQUIRED["DJANGO_ALLOWED_HOSTS"])

DEBUG = False

# Behind nginx (or another reverse proxy) that ends TLS and sets X-Forwarded-Proto: https. The
# app trusts that header, so it must be reachable only through the proxy (bind it to 127.0.0.1).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The login throttle counts per address: the one the proxy saw, not the proxy's own.
HUANJIE_PROXY_COUNT = int(os.environ.get("HUANJIE_PROXY_COUNT", "1"))

# `make serve` runs collectstatic: WhiteNoise serves var/static alone, without searching the apps.
WHITENOISE_USE_FINDERS = False
