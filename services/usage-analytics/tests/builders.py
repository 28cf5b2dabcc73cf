"""Small builders with unique values, so tests never depend on each other."""

import uuid
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "contracts" / "schemas" / "healthsync.intelligence.ai-model-called.v1.json"


def usage_event(**overrides: Any) -> dict[str, Any]:
    event = {
        "eventId": str(uuid.uuid4()),
        "type": "AiModelCalled",
        "occurredAt": "2026-12-02T01:02:03.456Z",
        "userId": str(uuid.uuid4()),
        "feature": "chat",
        "promptVersion": "chat-v1",
        "model": "claude-haiku-4-5",
        "attempt": 1,
        "streamed": True,
        "inputTokens": 812,
        "outputTokens": 97,
        "latencyMs": 1530,
        "outcome": "SUCCESS",
    }
    event.update(overrides)
    return {key: value for key, value in event.items() if value is not None}


def cloud_event(data: Any, **overrides: Any) -> dict[str, Any]:
    """What the sidecar posts: the event inside a CloudEvent envelope."""
    envelope = {
        "specversion": "1.0",
        "id": data.get("eventId", str(uuid.uuid4())) if isinstance(data, dict) else str(uuid.uuid4()),
        "type": "com.dapr.event.sent",
        "source": "intelligence",
        "topic": "ai-usage",
        "pubsubname": "usage-stream",
        "datacontenttype": "application/json",
        "traceparent": f"00-{uuid.uuid4().hex}-00f067aa0ba902b7-01",
        "data": data,
    }
    envelope.update(overrides)
    return envelope
