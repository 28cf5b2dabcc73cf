"""The service in-process against real PostgreSQL: the database `npm test` prepares for component
tests (HEALTHSYNC_TEST_DATABASE_URL, migrated by `npm run migrate`'s code), as the app role."""

import asyncio
import json
import logging
import os
import uuid

import httpx
import pytest
from prometheus_client import CollectorRegistry

from usage_analytics.adapters.repository import UsageRepository, create_pool
from usage_analytics.domain.contract import EventContract
from usage_analytics.server import build_app
from tests.builders import SCHEMA_PATH, cloud_event, usage_event

DATABASE_URL = os.environ.get("HEALTHSYNC_TEST_DATABASE_URL")
TOKEN = "component-test-token"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL and not os.environ.get("HEALTHSYNC_REQUIRE_DATABASE"),
    reason="needs HEALTHSYNC_TEST_DATABASE_URL (npm test sets it)",
)


def test_the_database_is_there_when_npm_test_runs_these():
    # npm test sets HEALTHSYNC_REQUIRE_DATABASE: then a missing database fails instead of skipping.
    assert DATABASE_URL, "HEALTHSYNC_TEST_DATABASE_URL is not set"


async def scenario(work):
    pool = create_pool(DATABASE_URL, max_size=8)
    await pool.open(wait=True, timeout=10)
    repository = UsageRepository(pool)
    registry = CollectorRegistry()

    async def readiness():
        return {"sidecar": True, "database": True}

    app = build_app(
        repository=repository,
        contract=EventContract(json.loads(SCHEMA_PATH.read_text())),
        logger=logging.getLogger("component"),
        app_api_token=TOKEN,
        readiness=readiness,
        registry=registry,
    )
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app", headers={"dapr-api-token": TOKEN}) as client:
            return await work(client, registry)
    finally:
        await pool.close()


def model_of_this_test() -> str:
    # A snapshot id of the priced model, unique per test: its rows are this test's alone.
    return f"claude-haiku-4-5-{uuid.uuid4().hex[:12]}"


def feature_row(day_report: dict, model: str, feature: str) -> dict | None:
    return next((f for f in day_report["features"] if f["model"] == model and f["feature"] == feature), None)


def test_when_the_same_event_is_delivered_concurrently_and_again_later_then_it_is_counted_once():
    model = model_of_this_test()
    event = usage_event(model=model, occurredAt="2026-12-02T05:00:00Z", inputTokens=1000, outputTokens=200)

    async def work(client, registry):
        answers = await asyncio.gather(*(client.post("/events/ai-usage", json=cloud_event(event)) for _ in range(6)))
        assert {a.json()["status"] for a in answers} == {"SUCCESS"}
        later = await client.post("/events/ai-usage", json=cloud_event(event))
        assert later.json() == {"status": "SUCCESS"}
        assert registry.get_sample_value("usage_events_total", {"outcome": "recorded"}) == 1
        assert registry.get_sample_value("usage_events_total", {"outcome": "duplicate"}) == 6
        return (await client.get("/internal/usage-analytics/days/2026-12-02")).json()

    report = asyncio.run(scenario(work))
    assert feature_row(report, model, "chat") == {
        "feature": "chat",
        "model": model,
        "requests": 1,
        "failedRequests": 0,
        "inputTokens": 1000,
        "outputTokens": 200,
        "estimatedCostUsd": 0.002,
        "unpricedRequests": 0,
    }


def test_when_attempts_of_several_features_arrive_then_each_seoul_day_and_feature_keeps_its_own_figures():
    model = model_of_this_test()
    events = [
        usage_event(model=model, feature="diagnosis", occurredAt="2026-11-30T14:59:59Z", inputTokens=100, outputTokens=10),
        usage_event(model=model, feature="diagnosis", occurredAt="2026-11-30T15:00:00Z", inputTokens=300, outputTokens=30),
        usage_event(model=model, feature="diagnosis", occurredAt="2026-12-01T02:00:00Z", outcome="RATE_LIMITED", status=429, inputTokens=0, outputTokens=0),
        usage_event(model=model, feature="nudge", occurredAt="2026-12-01T03:00:00Z", inputTokens=50, outputTokens=40),
    ]

    async def work(client, _registry):
        for event in events:
            assert (await client.post("/events/ai-usage", json=cloud_event(event))).json() == {"status": "SUCCESS"}
        return (await client.get("/internal/usage-analytics/days", params={"from": "2026-11-30", "to": "2026-12-01"})).json()

    report = asyncio.run(scenario(work))
    by_day = {d["day"]: d for d in report["days"]}
    assert feature_row(by_day["2026-11-30"], model, "diagnosis")["requests"] == 1
    december = feature_row(by_day["2026-12-01"], model, "diagnosis")
    assert (december["requests"], december["failedRequests"], december["inputTokens"], december["estimatedCostUsd"]) == (2, 1, 300, 0.00045)
    assert feature_row(by_day["2026-12-01"], model, "nudge")["estimatedCostUsd"] == 0.00025


def test_when_an_event_breaks_the_contract_then_nothing_is_stored_for_it():
    model = model_of_this_test()
    bad = usage_event(model=model, occurredAt="2026-12-03T01:00:00Z", outputTokens=-1)

    async def work(client, registry):
        assert (await client.post("/events/ai-usage", json=cloud_event(bad))).json() == {"status": "DROP"}
        assert registry.get_sample_value("usage_events_total", {"outcome": "rejected"}) == 1
        return (await client.get("/internal/usage-analytics/days/2026-12-03")).json()

    assert feature_row(asyncio.run(scenario(work)), model, "chat") is None


def test_when_remembered_event_ids_pass_their_retention_then_they_are_forgotten_and_recent_ones_kept():
    old, recent = uuid.uuid4(), uuid.uuid4()

    async def work():
        pool = create_pool(DATABASE_URL)
        await pool.open(wait=True, timeout=10)
        try:
            async with pool.connection() as conn:
                await conn.execute(
                    "insert into processed_events (event_id, day, processed_at) values (%s, '2026-01-01', now() - interval '9 days'), (%s, '2026-01-01', now())",
                    (old, recent),
                )
            assert await UsageRepository(pool).forget_processed(8) >= 1
            async with pool.connection() as conn:
                cursor = await conn.execute("select event_id from processed_events where event_id in (%s, %s)", (old, recent))
                return [row[0] for row in await cursor.fetchall()]
        finally:
            await pool.close()

    assert asyncio.run(work()) == [recent]
