"""The API docs page (Swagger UI at /docs) that works without internet.

FastAPI's own page loads its script from a CDN and stays blank offline. This one loads
Swagger UI 5 from the `fastapi-offline` package's copy of the official dist files
(Apache-2.0), served by this process. There is no ReDoc page: ReDoc always fetches its
logo from cdn.redoc.ly.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/static/docs"
FAVICON_URL = "/static/favicon.svg"
# No "validate on swagger.io" badge: it would fetch from the internet.
SWAGGER_PARAMETERS = {"validatorUrl": None, "tryItOutEnabled": True}


def mount_docs(app: FastAPI) -> None:
    """Add /docs and /docs/oauth2-redirect; build the app with `docs_url=None`."""
    assets = files("fastapi_offline") / "static"
    app.mount(ASSETS_URL, StaticFiles(directory=str(assets)), name="docs-assets")
    title = app.title
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = "/docs/oauth2-redirect"

    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=FAVICON_URL,
            oauth2_redirect_url=redirect_url,
            swagger_ui_parameters=SWAGGER_PARAMETERS,
        )

    app.add_api_route("/docs", swagger_ui, methods=["GET"], include_in_schema=False)
    app.add_api_route(redirect_url, _oauth2_redirect, methods=["GET"], include_in_schema=False)


def _oauth2_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()
