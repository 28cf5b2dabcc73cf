"""The Dapr sidecar: secrets through the official Python SDK (gRPC), health over its HTTP API.

Subscriptions are served by the app itself (dapr-ext-fastapi's DaprApp answers
`/dapr/subscribe`); the sidecar delivers each event to the route named there.
"""

import asyncio
import urllib.error
import urllib.request

from dapr.clients import DaprClient
from dapr.conf import settings

SECRET_STORE = "secretstore"


def read_secret(key: str, *, grpc_port: int, http_port: int, timeout_seconds: float, api_token: str | None) -> str:
    """One secret from the `secretstore` component; waits (bounded) for the sidecar to be ready first."""
    settings.DAPR_GRPC_PORT = grpc_port
    settings.DAPR_HTTP_PORT = http_port
    # Every SDK call gets this deadline; the SDK sets none by default.
    settings.DAPR_API_TIMEOUT_SECONDS = timeout_seconds
    settings.DAPR_HEALTH_TIMEOUT = 60
    if api_token:
        settings.DAPR_API_TOKEN = api_token
    with DaprClient() as client:
        secret = client.get_secret(store_name=SECRET_STORE, key=key).secret
    if key not in secret or not secret[key]:
        raise RuntimeError(f"secret {key} is empty in {SECRET_STORE}")
    return secret[key]


async def sidecar_healthy(http_port: int, api_token: str | None, timeout_seconds: float = 2) -> bool:
    """True while the sidecar answers its outbound health endpoint (its components are ready)."""

    def probe() -> bool:
        request = urllib.request.Request(f"http://127.0.0.1:{http_port}/v1.0/healthz/outbound", headers={"dapr-api-token": api_token} if api_token else {})
        try:
            with urllib.request.urlopen(request, timeout=timeout_seconds) as response:
                return 200 <= response.status < 300
        except (urllib.error.URLError, OSError):
            return False

    return await asyncio.to_thread(probe)
