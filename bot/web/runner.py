"""`policybot serve`: the composition root of the web process."""

from __future__ import annotations

import argparse
import sys

from rag.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Build the answer service once, then serve the API and page until interrupted."""
    import uvicorn

    from bot.web.app import create_app
    from rag.service import build_answer_service

    service = build_answer_service(settings)
    app = create_app(settings, service)
    print(
        f"policybot serve: http://{args.host}:{args.port}/ (API docs: /docs)",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
