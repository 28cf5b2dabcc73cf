"""What every route shares: problem+json errors with stable codes, the sidecar-only rule,
trace context in logs, and the probes (/healthz, /readyz, /metrics)."""

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException

from .logs import fields, trace_id, trace_id_of

PROBES = {"/healthz", "/readyz", "/metrics"}

_TITLES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable"}


class AppError(Exception):
    """An answer with a status and a stable machine-readable code."""

    def __init__(self, status: int, code: str, detail: str, **extra: Any):
        super().__init__(detail)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


class ValidationFailed(AppError):
    def __init__(self, errors: list[dict[str, str]]):
        super().__init__(400, "VALIDATION_FAILED", "The request is not valid.", errors=errors)


def problem(status: int, code: str, detail: str | None = None, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """RFC 9457 problem details, shaped like the TypeScript services' (services/shared/src/errors.ts)."""
    body: dict[str, Any] = {
        "type": f"https://healthsync.example/problems/{code.lower().replace('_', '-')}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    if trace_id.get():
        body["traceId"] = trace_id.get()
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


def install_http_basics(
    app: FastAPI,
    *,
    logger: logging.Logger,
    registry: CollectorRegistry,
    app_api_token: str | None,
    readiness: Callable[[], Awaitable[dict[str, bool]]],
) -> None:
    expected = app_api_token.encode() if app_api_token else None

    @app.middleware("http")
    async def context_and_sidecar_only(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        token = trace_id.set(trace_id_of(request.headers.get("traceparent")))
        try:
            if expected is not None and request.url.path not in PROBES:
                sent = request.headers.get("dapr-api-token", "").encode()
                if not hmac.compare_digest(sent, expected):
                    return problem(403, "NOT_FROM_SIDECAR", "Requests must come through Dapr.")
            return await call_next(request)
        finally:
            trace_id.reset(token)

    @app.exception_handler(AppError)
    async def app_error(_request: Request, error: AppError) -> JSONResponse:
        if error.status >= 500:
            logger.error(error.detail, extra=fields(code=error.code))
        return problem(error.status, error.code, error.detail, **error.extra)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "message": e["msg"]} for e in error.errors()]
        return problem(400, "VALIDATION_FAILED", "The request is not valid.", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 404:
            return problem(404, "ROUTE_NOT_FOUND", f"No route for {request.method} {request.url.path}")
        if error.status_code == 405:
            return problem(405, "METHOD_NOT_ALLOWED", f"{request.method} is not allowed here.", headers=dict(error.headers or {}))
        return problem(error.status_code, "HTTP_ERROR", str(error.detail))

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, error: Exception) -> JSONResponse:
        logger.error("unhandled error", exc_info=error)
        return problem(500, "INTERNAL", "Something went wrong on our side.")

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = await readiness()
        ready = all(checks.values())
        return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
