"""Builds the app from its dependencies (passed in, so tests give their own)."""

import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from dapr.ext.fastapi import DaprApp
from fastapi import FastAPI
from prometheus_client import CollectorRegistry

from .domain.contract import EventContract
from .http import install_http_basics
from .routes.usage import UsageRows, create_usage_router
from .subscriptions.usage_stream import UsageRecorder, mount_usage_subscription, usage_handler

SERVICE = "usage-analytics"


class Repository(UsageRecorder, UsageRows):
    pass


def build_app(
    *,
    repository: Any,
    contract: EventContract,
    logger: logging.Logger,
    app_api_token: str | None,
    readiness: Callable[[], Awaitable[dict[str, bool]]],
    registry: CollectorRegistry | None = None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
) -> FastAPI:
    registry = registry or CollectorRegistry()
    # Internal only: no generated docs page or document is served.
    app = FastAPI(title="HealthSync usage analytics", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    install_http_basics(app, logger=logger, registry=registry, app_api_token=app_api_token, readiness=readiness)
    mount_usage_subscription(DaprApp(app), usage_handler(repository, contract, logger, registry))
    app.include_router(create_usage_router(repository))
    return app
