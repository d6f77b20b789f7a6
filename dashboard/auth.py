"""Optional HTTP basic auth for an app exposed beyond this machine (``KIZUNA_BASIC_AUTH``)."""

from __future__ import annotations

import base64
import hmac

from flask import Flask, Response, request

from kizuna.graph.errors import ConfigError

REALM = "kizuna"


def parse_credentials(value: str) -> tuple[str, str]:
    """``user:pass`` → (user, pass); raises ConfigError saying what to write instead."""
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError(
            "KIZUNA_BASIC_AUTH must be user:password (both non-empty), e.g. "
            "KIZUNA_BASIC_AUTH=analyst:change-me"
        )
    return user, password


def _matches(header: str | None, user: str, password: str) -> bool:
    if not header or not header.startswith("Basic "):
        return False
    try:
        decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False
    got_user, _, got_password = decoded.partition(":")
    return hmac.compare_digest(got_user.encode(), user.encode()) & hmac.compare_digest(
        got_password.encode(), password.encode()
    )


def require_basic_auth(server: Flask, user: str, password: str) -> None:
    """Every request of ``server`` must carry these credentials (401 otherwise)."""

    @server.before_request
    def _check() -> Response | None:
        if _matches(request.headers.get("Authorization"), user, password):
            return None
        return Response(
            "kizuna: log in with the user and password of KIZUNA_BASIC_AUTH.\n",
            401,
            {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'},
        )
