"""Settings, read from the environment and checked once at start-up; a missing or bad one names itself.

Secrets (the database URL) come from the Dapr secret store, not from here.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# The repository's contracts/schemas (locally), or the image's copy of it (Dockerfile).
_REPO_SCHEMA = Path(__file__).resolve().parents[3] / "contracts" / "schemas" / "healthsync.intelligence.ai-model-called.v1.json"


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    # Port the app listens on; the sidecar's app port (the dapr CLI and the chart set it).
    app_port: int
    # Interface to listen on: loopback locally, 0.0.0.0 in a pod.
    app_host: str
    # The sidecar's HTTP port (readiness) and gRPC port (the Dapr SDK's client).
    dapr_http_port: int
    dapr_grpc_port: int
    # When set, every request but the probes must carry it as `dapr-api-token` (sent by the sidecar).
    app_api_token: str | None
    # When set, sent to the sidecar as `dapr-api-token` (its own token; the SDK reads it too).
    dapr_api_token: str | None
    # Upper bound of one call to the sidecar (seconds).
    dapr_timeout_seconds: float
    # The JSON Schema every usage event is checked against.
    event_schema_path: Path
    # Days an event id is remembered for de-duplication; longer than the stream keeps events.
    processed_event_retention_days: int
    log_level: str


def _int(env: Mapping[str, str], key: str, default: int | None = None, low: int = 1, high: int = 65535) -> int:
    raw = env.get(key)
    if raw is None or raw == "":
        if default is None:
            raise ConfigError(f"{key} is required")
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{key} must be between {low} and {high}, got {value}")
    return value


def load_config(env: Mapping[str, str] = os.environ) -> Config:
    log_level = env.get("LOG_LEVEL", "info")
    if log_level not in ("error", "warn", "info", "debug"):
        raise ConfigError(f"LOG_LEVEL must be error, warn, info or debug, got {log_level!r}")
    schema = Path(env.get("USAGE_EVENT_SCHEMA", str(_REPO_SCHEMA)))
    if not schema.is_file():
        raise ConfigError(f"USAGE_EVENT_SCHEMA: no file at {schema}")
    try:
        timeout = float(env.get("DAPR_TIMEOUT_SECONDS", "5"))
    except ValueError:
        raise ConfigError("DAPR_TIMEOUT_SECONDS must be a number of seconds") from None
    if not 0 < timeout <= 60:
        raise ConfigError("DAPR_TIMEOUT_SECONDS must be between 0 and 60")
    return Config(
        app_port=_int(env, "APP_PORT"),
        app_host=env.get("APP_HOST", "127.0.0.1"),
        dapr_http_port=_int(env, "DAPR_HTTP_PORT"),
        dapr_grpc_port=_int(env, "DAPR_GRPC_PORT"),
        app_api_token=env.get("APP_API_TOKEN") or None,
        dapr_api_token=env.get("DAPR_API_TOKEN") or None,
        dapr_timeout_seconds=timeout,
        event_schema_path=schema,
        processed_event_retention_days=_int(env, "PROCESSED_EVENT_RETENTION_DAYS", 8, 1, 90),
        log_level=log_level,
    )
