"""`policybot wecom --host H --port P`: serve the configured WeCom callback URLs."""

from __future__ import annotations

import argparse
import sys

from fastapi import FastAPI

from bot.logs import configure_logging
from bot.wecom.app import WeComTimings, configured_modes, create_wecom_router
from rag.index.generations import IndexBusyError, IndexDamagedError
from rag.protocol import AnswerService
from rag.settings import Settings


def build_app(
    settings: Settings, service: AnswerService, timings: WeComTimings | None = None
) -> FastAPI:
    """A FastAPI app with the WeCom routes (MissingSettingError when neither mode is set)."""
    router = create_wecom_router(settings, service, timings=timings, require=True)
    assert router is not None
    app = FastAPI(title="policybot WeCom callbacks", docs_url=None, redoc_url=None)
    app.include_router(router)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.web.server import run_server
    from rag.live import LiveAnswerService

    configured_modes(settings, require=True)  # fail before the slow index load
    configure_logging(settings)
    try:
        service = LiveAnswerService(settings)  # follows re-indexing
    except (IndexDamagedError, IndexBusyError) as error:  # the message says what to run
        print(f"policybot wecom: {error}", file=sys.stderr)
        return 1
    run_server(build_app(settings, service), args.host, args.port, settings.log_level)
    return 0
