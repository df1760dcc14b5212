"""With production settings (real key, DEBUG off, TLS behind a proxy) `check --deploy` is
clean, cookies are secure, two-step sign-in is required, a Content-Security-Policy and rate
limits are on, and without a real key the application refuses to start."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "SECRET_KEY": "x7-Ёq2" + "kP9vLr4Tz8WmN1cB6yHs3Ju5Dg0Fa" * 2,
    "DEBUG": "0",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "USE_X_FORWARDED_PROTO": "1",
    "ALLOWED_HOSTS": "achyk.example.kg",
    "DJANGO_SETTINGS_MODULE": "achyk.settings",
}


def run(args, tmp_path, **env):
    # The test run's own switches (embedded mode, browser tests' async flag) are not production.
    dropped = {"ACHYK_EMBEDDED", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(PRODUCTION, ACHYK_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (2 silenced)" in result.stdout


def test_production_cookies_and_headers_are_secure(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ['SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', "
        "'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_PROXY_SSL_HEADER', "
        "'DEBUG']}))"
    )
    result = run(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True, "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True, "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"], "DEBUG": False,
    }  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def read_settings(tmp_path, names, **env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    result = run(["-c", code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_requires_two_step_sign_in_and_limits_sessions_and_readers(tmp_path):
    values = read_settings(
        tmp_path,
        ["ACHYK_REQUIRE_2FA", "ACHYK_IDLE_TIMEOUT", "ACHYK_RATE_LIMITS_ON", "ACHYK_RATE_LIMITS",
         "AXES_LOCKOUT_PARAMETERS", "AUTH_PASSWORD_VALIDATORS", "WAGTAIL_GRAVATAR_PROVIDER_URL"],
    )  # fmt: skip
    assert values["ACHYK_REQUIRE_2FA"] is True
    assert values["ACHYK_IDLE_TIMEOUT"] == 8 * 3600
    assert values["ACHYK_RATE_LIMITS_ON"] is True and values["ACHYK_RATE_LIMITS"]["search"] == 60
    assert values["AXES_LOCKOUT_PARAMETERS"] == [["username"], ["ip_address"]]
    assert {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12}} in values["AUTH_PASSWORD_VALIDATORS"]  # fmt: skip
    assert values["WAGTAIL_GRAVATAR_PROVIDER_URL"] is None


def test_the_embedded_default_signs_in_with_a_password_alone(tmp_path):
    values = read_settings(tmp_path, ["ACHYK_REQUIRE_2FA"], ACHYK_EMBEDDED="1", SECRET_KEY="")
    assert values["ACHYK_REQUIRE_2FA"] is False


def test_production_policy_blocks_plugins_and_foreign_frames_and_allows_the_media_host(
    tmp_path,
):
    values = read_settings(
        tmp_path, ["CONTENT_SECURITY_POLICY"], MEDIA_URL="https://media.achyk.example/"
    )
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "https://media.achyk.example" in directives["img-src"]
