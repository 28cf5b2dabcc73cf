"""`python -m usage_analytics`: the only module that listens or handles signals (uvicorn does)."""

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import uvicorn
from fastapi import FastAPI

from .adapters.repository import UsageRepository, create_pool
from .adapters.sidecar import read_secret, sidecar_healthy
from .config import ConfigError, load_config
from .domain.contract import EventContract
from .logs import create_logger, fields
from .server import SERVICE, build_app

# How often remembered event ids past their retention are dropped.
PRUNE_INTERVAL_SECONDS = 3600


def main() -> None:
    try:
        config = load_config()
    except ConfigError as error:
        print(json.dumps({"level": "error", "message": f"invalid configuration: {error}", "service": SERVICE}, separators=(",", ":")), flush=True)
        sys.exit(1)
    logger = create_logger(SERVICE, config.log_level)
    contract = EventContract(json.loads(config.event_schema_path.read_text(encoding="utf-8")))
    database_url = read_secret(
        "postgres-url-usage-analytics",
        grpc_port=config.dapr_grpc_port,
        http_port=config.dapr_http_port,
        timeout_seconds=config.dapr_timeout_seconds,
        api_token=config.dapr_api_token,
    )
    pool = create_pool(database_url)
    repository = UsageRepository(pool)

    async def prune_forever() -> None:
        while True:
            try:
                dropped = await repository.forget_processed(config.processed_event_retention_days)
                if dropped:
                    logger.info("forgot processed event ids past retention", extra=fields(count=dropped))
            except Exception as error:  # noqa: BLE001 — tried again next hour
                logger.warning("could not prune processed event ids", extra=fields(error=str(error)[:300]))
            await asyncio.sleep(PRUNE_INTERVAL_SECONDS)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await pool.open(wait=True, timeout=30)
        pruning = asyncio.create_task(prune_forever())
        logger.info("service started", extra=fields(port=config.app_port, schema=contract.schema_id))
        try:
            yield
        finally:
            pruning.cancel()
            with suppress(asyncio.CancelledError):
                await pruning
            await pool.close()

    async def readiness() -> dict[str, bool]:
        try:
            await repository.ping()
            database = True
        except Exception:  # noqa: BLE001 — reported as not ready
            database = False
        return {"sidecar": await sidecar_healthy(config.dapr_http_port, config.dapr_api_token), "database": database}

    app = build_app(repository=repository, contract=contract, logger=logger, app_api_token=config.app_api_token, readiness=readiness, lifespan=lifespan)
    uvicorn.run(app, host=config.app_host, port=config.app_port, log_level="warning", access_log=False, timeout_graceful_shutdown=10)


if __name__ == "__main__":
    main()
