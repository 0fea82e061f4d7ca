"""`policybot serve`: the composition root of the web process."""

from __future__ import annotations

import argparse
import errno
import socket
import sys

from bot.logs import configure_logging
from rag.index.generations import IndexBusyError, IndexDamagedError
from rag.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the settings and the port, build the answer service (it follows re-indexing),
    then serve until interrupted."""
    from bot.web.app import create_app
    from bot.web.channels import check_channel_settings
    from bot.web.server import run_server
    from rag.live import LiveAnswerService

    try:
        check_channel_settings(settings)  # fast, clear errors before the slow index load
    except ValueError as error:
        print(f"policybot serve: {error}", file=sys.stderr)
        return 2
    problem = port_problem(args.host, args.port)
    if problem:
        print(f"policybot serve: {problem}", file=sys.stderr)
        return 3
    configure_logging(settings)
    try:
        service = LiveAnswerService(settings)
    except (IndexDamagedError, IndexBusyError) as error:  # the message says what to run
        print(f"policybot serve: {error}", file=sys.stderr)
        return 1
    app = create_app(settings, service)
    print(f"policybot serve: http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    if settings.api_key:
        print("policybot serve: /api and /v1 need the POLICYBOT_API_KEY", file=sys.stderr)
    run_server(app, args.host, args.port, settings.log_level)
    return 0


def port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on, in words (checked before anything is printed)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        return f"cannot listen on {host}: {error.strerror}"
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is busy (another server?): choose --port"
            return f"cannot listen on {host}:{port}: {error.strerror}"
    return None
