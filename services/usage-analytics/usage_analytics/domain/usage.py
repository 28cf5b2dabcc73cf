"""From one validated AiModelCalled event to the row it adds to the day's aggregates."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

from .pricing import ModelPrice, PRICES, estimate_cost_usd, price_of

# Korea has kept UTC+9 without daylight saving time since 1988, so a fixed offset is exact
# and needs no time-zone database in the image.
SEOUL = timezone(timedelta(hours=9), "Asia/Seoul")


@dataclass(frozen=True)
class UsageRecord:
    event_id: UUID
    day: date
    feature: str
    model: str
    failed: bool
    input_tokens: int
    output_tokens: int
    # None: the model has no known price.
    cost_usd: Decimal | None


def seoul_day(instant: datetime) -> date:
    """The Seoul calendar day an instant falls on (the day the rest of HealthSync uses)."""
    return instant.astimezone(SEOUL).date()


def usage_record(event: Mapping[str, Any], prices: dict[str, ModelPrice] = PRICES) -> UsageRecord:
    """The aggregate contribution of an event that already passed the JSON Schema."""
    occurred_at = datetime.fromisoformat(event["occurredAt"])
    price = price_of(event["model"], prices)
    return UsageRecord(
        event_id=UUID(event["eventId"]),
        day=seoul_day(occurred_at),
        feature=event["feature"],
        model=event["model"],
        failed=event["outcome"] != "SUCCESS",
        input_tokens=event["inputTokens"],
        output_tokens=event["outputTokens"],
        cost_usd=None if price is None else estimate_cost_usd(price, event["inputTokens"], event["outputTokens"]),
    )


@dataclass(frozen=True)
class UsageRow:
    """One stored aggregate: a day, feature and model."""

    day: date
    feature: str
    model: str
    requests: int
    failed_requests: int
    input_tokens: int
    output_tokens: int
    estimated_cost_usd: Decimal
    unpriced_requests: int


def _figures(requests: int, failed: int, input_tokens: int, output_tokens: int, cost: Decimal, unpriced: int) -> dict[str, Any]:
    return {
        "requests": requests,
        "failedRequests": failed,
        "inputTokens": input_tokens,
        "outputTokens": output_tokens,
        "estimatedCostUsd": float(cost),
        "unpricedRequests": unpriced,
    }


def day_report(day: date, rows: Sequence[UsageRow]) -> dict[str, Any]:
    """One day's answer: the total and each feature-and-model row. A day without usage has zeros."""
    mine = sorted((r for r in rows if r.day == day), key=lambda r: (r.feature, r.model))
    return {
        "day": day.isoformat(),
        "currency": "USD",
        "total": _figures(
            sum(r.requests for r in mine),
            sum(r.failed_requests for r in mine),
            sum(r.input_tokens for r in mine),
            sum(r.output_tokens for r in mine),
            sum((r.estimated_cost_usd for r in mine), Decimal(0)),
            sum(r.unpriced_requests for r in mine),
        ),
        "features": [
            {
                "feature": r.feature,
                "model": r.model,
                **_figures(r.requests, r.failed_requests, r.input_tokens, r.output_tokens, r.estimated_cost_usd, r.unpriced_requests),
            }
            for r in mine
        ],
    }


def range_report(first: date, last: date, rows: Sequence[UsageRow]) -> dict[str, Any]:
    """Every day from first to last that had usage, oldest first."""
    days = sorted({r.day for r in rows if first <= r.day <= last})
    return {"from": first.isoformat(), "to": last.isoformat(), "days": [day_report(d, rows) for d in days]}
