"""Django settings for Entente.

Everything that differs between a laptop and production is read from the environment
(see README.md, « Mise en production »). Defaults give a working demo on SQLite.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


DEBUG = env_bool("DEBUG", default=False)
# The fallback key only serves local demos and tests; production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "entente-insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "ninja",
    "dsfr",
    "widget_tweaks",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "entente.core",
    "entente.accounts",
    "entente.territories",
    "entente.cooperations",
    "entente.workshops",
    "entente.portfolio",
    "entente.governance",
    "entente.agreements",
    "entente.insights",
    "entente.reflexivity",
    "entente.shell",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "entente.core.middleware.ApiJsonErrorsMiddleware",
    "entente.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "entente.core.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "entente.urls"
WSGI_APPLICATION = "entente.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "entente" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "entente.core.context_processors.site",
            ],
            # French grammar everywhere: |de, |dans, and a |pluralize that follows the French
            # rule (0 and 1 singular) in place of Django's English one.
            "builtins": ["entente.core.templatetags.french"],
        },
    },
]

# Every text field and select box gets its DSFR class, whichever template renders it.
FORM_RENDERER = "entente.core.renderers.DsfrFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a command writes; the timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed sign-ins, counted in the cache within a window: per account from one address, per
# address (whatever the accounts), per account from every address (a spread-out guess). Past a
# limit the attempts it covers answer 429 until the window passes; the account's owner, from
# another address, still signs in: a stranger cannot lock them out.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
# A whole collectivité may sign in from one public address (its network's NAT): generous.
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 50)
LOGIN_MAX_FAILURES_PER_ACCOUNT = env_int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 50)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
# Join codes: wrong codes per client address within the window before a 429 (a room of
# participants behind one Wi-Fi shares an address, and some will mistype).
# Scores per participant within a window of seconds, shared by every server through the cache.
WORKSHOPS_SCORE_RATE = env_str("WORKSHOPS_SCORE_RATE", "40/10")
JOIN_CODE_MAX_FAILURES = env_int("JOIN_CODE_MAX_FAILURES", 20)
JOIN_CODE_WINDOW_MINUTES = env_int("JOIN_CODE_WINDOW_MINUTES", 15)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("ENTENTE_PLAIN_STATIC", True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "entente"}
    )
}

# Long work (documents, imports, e-mails) runs in the worker: `manage.py run_worker`, started
# by `make run` beside the web server (README, « Tâches de fond »). The queue is in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Entente <ne-pas-repondre@entente.localhost>")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind the documented HTTPS reverse proxy: trust its X-Forwarded-Proto and the last hop of
# X-Forwarded-For (the client's address, see entente.core.throttle), nothing else.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY")
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 1)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over HTTPS (secure cookies or the HTTPS proxy): the application itself redirects plain
# HTTP and sends HSTS, whatever the proxy adds; the health check answers on HTTP for probes.
HTTPS_ONLY = SESSION_COOKIE_SECURE or BEHIND_HTTPS_PROXY
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from our own static
# files only; no inline script, inline style or eval anywhere (handlers live in static .js files,
# data-* attributes carry the values). `data:` images: the DSFR's CSS draws some icons that way.
# form-action also lists ProConnect when it is configured (entente.core.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}


# ProConnect (OpenID Connect) sign-in, beside the password; the button shows only when the three
# variables are set. PROCONNECT_DOMAIN is the provider's host as ProConnect documents it
# (`auth.agentconnect.gouv.fr`, or `fca.integ01.dev-agentconnect.fr` for integration); a full
# `http://127.0.0.1:…` address is accepted for a local test provider.
def proconnect_settings(domain: str, client_id: str, client_secret: str) -> dict:
    base = domain.rstrip("/") if domain.startswith(("http://", "https://")) else f"https://{domain}"
    issuer = f"{base}/api/v2" if domain else ""
    return {
        "PROCONNECT_DOMAIN": domain,
        "PROCONNECT_CLIENT_ID": client_id,
        "PROCONNECT_CLIENT_SECRET": client_secret,
        "PROCONNECT_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": client_secret,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{issuer}/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{issuer}/token",
        "OIDC_OP_USER_ENDPOINT": f"{issuer}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{issuer}/jwks",
    }


globals().update(
    proconnect_settings(
        env_str("PROCONNECT_DOMAIN"), env_str("PROCONNECT_CLIENT_ID"), env_str("PROCONNECT_CLIENT_SECRET")
    )
)
PROCONNECT_ACR_VALUES = env_list("PROCONNECT_ACR_VALUES", "eidas1")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email given_name usual_name siret"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at ProConnect
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:proconnect_callback"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "entente.accounts.proconnect.ProConnectBackend",
]

SITE_NAME = "Entente"
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "entente": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
        "entente.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

DSFR_USE_INTEGRITY_CHECKSUMS = False
