"""`policybot wecom --host H --port P`: serve the configured WeCom callback URLs."""

from __future__ import annotations

import argparse
import logging

from fastapi import FastAPI

from bot.wecom.app import WeComTimings, configured_modes, create_wecom_router
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
    import uvicorn

    from rag.live import LiveAnswerService

    configured_modes(settings, require=True)  # fail before the slow index load
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = build_app(settings, LiveAnswerService(settings))  # follows re-indexing
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
