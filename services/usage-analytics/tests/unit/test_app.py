"""The app in-process (httpx over ASGI) with an in-memory repository: the HTTP contract."""

import asyncio
import json
import logging
from datetime import date
from decimal import Decimal

import httpx
import psycopg
from prometheus_client import CollectorRegistry

from usage_analytics.domain.contract import EventContract
from usage_analytics.domain.usage import UsageRecord, UsageRow
from usage_analytics.server import build_app
from tests.builders import SCHEMA_PATH, cloud_event, usage_event

TOKEN = "app-token-for-tests"


class MemoryRepository:
    def __init__(self, fail: bool = False):
        self.fail = fail
        self.recorded: dict[str, UsageRecord] = {}

    async def record(self, usage: UsageRecord) -> bool:
        if self.fail:
            raise ConnectionError("database is down")
        if str(usage.event_id) in self.recorded:
            return False
        self.recorded[str(usage.event_id)] = usage
        return True

    async def rows_between(self, first: date, last: date) -> list[UsageRow]:
        if self.fail:
            raise psycopg.OperationalError("database is down")
        rows: dict[tuple, UsageRow] = {}
        for u in self.recorded.values():
            if not first <= u.day <= last:
                continue
            key = (u.day, u.feature, u.model)
            old = rows.get(key) or UsageRow(u.day, u.feature, u.model, 0, 0, 0, 0, Decimal(0), 0)
            rows[key] = UsageRow(
                u.day,
                u.feature,
                u.model,
                old.requests + 1,
                old.failed_requests + int(u.failed),
                old.input_tokens + u.input_tokens,
                old.output_tokens + u.output_tokens,
                old.estimated_cost_usd + (u.cost_usd or 0),
                old.unpriced_requests + int(u.cost_usd is None),
            )
        return list(rows.values())


def call(repository, method: str, path: str, *, token: str | None = TOKEN, body=None, ready=True):
    registry = CollectorRegistry()

    async def readiness():
        return {"sidecar": ready, "database": True}

    app = build_app(
        repository=repository,
        contract=EventContract(json.loads(SCHEMA_PATH.read_text())),
        logger=logging.getLogger("test"),
        app_api_token=TOKEN,
        readiness=readiness,
        registry=registry,
    )

    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app") as client:
            headers = {"dapr-api-token": token} if token else {}
            return await client.request(method, path, headers=headers, json=body)

    return asyncio.run(go())


def test_when_dapr_asks_what_the_app_subscribes_to_then_it_is_the_usage_stream_ai_usage_topic():
    response = call(MemoryRepository(), "GET", "/dapr/subscribe")
    assert response.status_code == 200
    assert [(s["pubsubname"], s["topic"], s["route"]) for s in response.json()] == [("usage-stream", "ai-usage", "/events/ai-usage")]


def test_when_a_request_does_not_come_through_the_sidecar_then_it_is_refused_with_problem_json():
    for token in (None, "wrong"):
        response = call(MemoryRepository(), "GET", "/internal/usage-analytics/days/2026-12-02", token=token)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "NOT_FROM_SIDECAR"
    assert call(MemoryRepository(), "GET", "/healthz", token=None).status_code == 200


def test_when_a_valid_event_is_delivered_twice_then_it_is_acknowledged_both_times_and_counted_once():
    repository = MemoryRepository()
    event = usage_event(occurredAt="2026-12-02T03:00:00Z")
    for _ in range(2):
        response = call(repository, "POST", "/events/ai-usage", body=cloud_event(event))
        assert response.json() == {"status": "SUCCESS"}
    assert list(repository.recorded) == [event["eventId"]]
    day = call(repository, "GET", "/internal/usage-analytics/days/2026-12-02").json()
    assert day["total"]["requests"] == 1
    assert day["features"][0] | {} == {
        "feature": "chat",
        "model": "claude-haiku-4-5",
        "requests": 1,
        "failedRequests": 0,
        "inputTokens": 812,
        "outputTokens": 97,
        "estimatedCostUsd": 0.001297,
        "unpricedRequests": 0,
    }


def test_when_an_event_breaks_the_contract_then_it_is_dropped_not_recorded():
    repository = MemoryRepository()
    for body in (cloud_event(usage_event(inputTokens=-5)), cloud_event("not an event"), {"no": "envelope"}):
        assert call(repository, "POST", "/events/ai-usage", body=body).json() == {"status": "DROP"}
    assert repository.recorded == {}


def test_when_the_database_fails_while_recording_then_dapr_is_asked_to_redeliver():
    response = call(MemoryRepository(fail=True), "POST", "/events/ai-usage", body=cloud_event(usage_event()))
    assert response.json() == {"status": "RETRY"}


def test_when_a_day_is_not_a_calendar_day_then_the_answer_is_400_validation_failed():
    for bad in ("2026-02-30", "20261202", "2026-12-2", "today", "2026-12-02T00:00"):
        response = call(MemoryRepository(), "GET", f"/internal/usage-analytics/days/{bad}")
        assert response.status_code == 400, bad
        assert response.json()["code"] == "VALIDATION_FAILED"
        assert response.json()["errors"][0]["field"] == "day"


def test_when_a_range_is_reversed_too_long_or_incomplete_then_the_answer_is_400_naming_the_field():
    cases = {
        "/internal/usage-analytics/days?from=2026-12-05&to=2026-12-01": "to",
        "/internal/usage-analytics/days?from=2026-01-01&to=2026-12-31": "to",
        "/internal/usage-analytics/days?from=2026-12-01": "to",
        "/internal/usage-analytics/days?from=x&to=2026-12-01": "from",
    }
    for path, field in cases.items():
        response = call(MemoryRepository(), "GET", path)
        assert response.status_code == 400, path
        assert response.json()["code"] == "VALIDATION_FAILED"
        assert field in [e["field"] for e in response.json()["errors"]], (path, response.json())


def test_when_the_usage_store_is_down_then_reading_answers_503_with_a_stable_code():
    response = call(MemoryRepository(fail=True), "GET", "/internal/usage-analytics/days/2026-12-02")
    assert response.status_code == 503
    assert response.json()["code"] == "USAGE_STORE_UNAVAILABLE"
    assert "database is down" not in response.text


def test_when_a_route_or_method_does_not_exist_then_the_answer_is_problem_json_404_or_405():
    missing = call(MemoryRepository(), "GET", "/internal/usage-analytics/nowhere")
    assert (missing.status_code, missing.json()["code"]) == (404, "ROUTE_NOT_FOUND")
    wrong = call(MemoryRepository(), "DELETE", "/internal/usage-analytics/days/2026-12-02")
    assert (wrong.status_code, wrong.json()["code"]) == (405, "METHOD_NOT_ALLOWED")


def test_when_the_sidecar_is_not_ready_then_readyz_says_so():
    response = call(MemoryRepository(), "GET", "/readyz", token=None, ready=False)
    assert response.status_code == 503
    assert response.json()["checks"] == {"sidecar": False, "database": True}
