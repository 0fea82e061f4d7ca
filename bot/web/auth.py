"""The optional API key (`POLICYBOT_API_KEY`), sent as `Authorization: Bearer <key>`.

The key guards the data routes (/api/*, /v1/*). The page, its static files, /docs,
/openapi.json and /healthz carry no policy data and stay open; the page asks staff
for the key when the API answers 401. Bot webhooks have their own secrets.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

MISSING_KEY = (
    "需要 API 密钥:请求头 Authorization: Bearer <密钥> (this server requires an API key; "
    "send it as a Bearer token)"
)
WRONG_KEY = "API 密钥不正确 (invalid API key)"
CHALLENGE = {"WWW-Authenticate": "Bearer"}

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="POLICYBOT_API_KEY",
    description="The server's POLICYBOT_API_KEY, when one is set.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def api_key_guard(key: str) -> Callable[[HTTPAuthorizationCredentials | None], None]:
    """A route dependency that lets a request through only with `key` as its Bearer token."""
    expected = key.encode()

    def require_api_key(credentials: Credentials) -> None:
        if credentials is None:
            raise HTTPException(401, MISSING_KEY, headers=CHALLENGE)
        if not secrets.compare_digest(credentials.credentials.encode(), expected):
            raise HTTPException(401, WRONG_KEY, headers=CHALLENGE)

    return require_api_key
