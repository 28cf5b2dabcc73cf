"""AiModelCalled events from the `usage-stream` component (Redis Streams locally, Event Hubs in
Azure; RabbitMQ in components/alt), topic `ai-usage`, which the intelligence service publishes.

Each delivery is answered explicitly: SUCCESS once the event is recorded (or was already),
DROP for an event that breaks the contract (it can never succeed; counted and logged), RETRY when
the database failed, so the broker delivers it again and no acknowledged event is lost.
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from dapr.ext.fastapi import DaprApp
from fastapi import Request
from prometheus_client import CollectorRegistry, Counter

from ..domain.contract import EventContract
from ..domain.usage import UsageRecord, usage_record
from ..logs import fields, trace_id, trace_id_of

USAGE_STREAM = "usage-stream"
USAGE_TOPIC = "ai-usage"
ROUTE = "/events/ai-usage"


class UsageRecorder(Protocol):
    async def record(self, usage: UsageRecord) -> bool: ...


def usage_handler(recorder: UsageRecorder, contract: EventContract, logger: logging.Logger, registry: CollectorRegistry) -> Callable[[Any], Awaitable[dict[str, str]]]:
    """The delivery handler, apart from HTTP so it can be tested with plain CloudEvents."""
    outcomes = Counter("usage_events", "Usage events delivered by Dapr, by outcome", ["outcome"], registry=registry)

    async def handle(envelope: Any) -> dict[str, str]:
        data = envelope.get("data") if isinstance(envelope, dict) else None
        problems = contract.problems(data)
        if problems:
            outcomes.labels("rejected").inc()
            logger.error(
                "dropping a usage event that breaks its contract",
                extra=fields(eventId=envelope.get("id") if isinstance(envelope, dict) else None, schema=contract.schema_id, issues=[p[:200] for p in problems[:10]]),
            )
            return {"status": "DROP"}
        usage = usage_record(data)
        try:
            recorded = await recorder.record(usage)
        except Exception as error:  # noqa: BLE001 — any storage failure is retried by the broker
            outcomes.labels("retry").inc()
            logger.warning("usage event not recorded; asking Dapr to redeliver", extra=fields(eventId=str(usage.event_id), error=str(error)[:300]))
            return {"status": "RETRY"}
        outcomes.labels("recorded" if recorded else "duplicate").inc()
        return {"status": "SUCCESS"}

    return handle


def mount_usage_subscription(dapr_app: DaprApp, handle: Callable[[Any], Awaitable[dict[str, str]]]) -> None:
    """Declared through the SDK's DaprApp, which lists it at GET /dapr/subscribe."""

    @dapr_app.subscribe(pubsub=USAGE_STREAM, topic=USAGE_TOPIC, route=ROUTE)
    async def on_usage_event(request: Request) -> dict[str, str]:
        try:
            envelope = await request.json()
        except ValueError:
            envelope = None
        token = trace_id.set(trace_id_of(envelope.get("traceparent") if isinstance(envelope, dict) else None) or trace_id.get())
        try:
            return await handle(envelope)
        finally:
            trace_id.reset(token)
