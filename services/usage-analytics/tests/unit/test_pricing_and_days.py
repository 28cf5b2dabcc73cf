from datetime import date, datetime, timezone
from decimal import Decimal

from usage_analytics.domain.pricing import PRICES, estimate_cost_usd, price_of
from usage_analytics.domain.usage import UsageRow, day_report, range_report, seoul_day, usage_record
from tests.builders import usage_event


def test_when_haiku_reads_812_and_writes_97_tokens_then_it_costs_its_list_price():
    # $1 per million input tokens, $5 per million output (docs/reference/anthropic-api.md).
    assert estimate_cost_usd(PRICES["claude-haiku-4-5"], 812, 97) == Decimal("0.001297")


def test_when_a_dated_snapshot_is_named_then_its_model_price_applies_and_an_unknown_model_has_none():
    assert price_of("claude-haiku-4-5-20251001") == PRICES["claude-haiku-4-5"]
    assert price_of("claude-haiku-4") is None
    assert price_of("gpt-4o") is None


def test_when_an_attempt_ends_after_15_00_utc_then_it_counts_for_the_next_seoul_day():
    assert seoul_day(datetime(2026, 12, 2, 14, 59, 59, tzinfo=timezone.utc)) == date(2026, 12, 2)
    assert seoul_day(datetime(2026, 12, 2, 15, 0, 0, tzinfo=timezone.utc)) == date(2026, 12, 3)


def test_when_an_event_is_turned_into_usage_then_day_failure_tokens_and_cost_follow_from_it():
    event = usage_event(occurredAt="2026-12-31T16:00:00Z", outcome="OVERLOADED", status=529, inputTokens=0, outputTokens=0, feature="nudge")
    usage = usage_record(event)
    assert (usage.day, usage.feature, usage.failed, usage.cost_usd) == (date(2027, 1, 1), "nudge", True, Decimal("0.000000"))
    unpriced = usage_record(usage_event(model="some-future-model"))
    assert unpriced.cost_usd is None and unpriced.failed is False


def row(day: date, feature: str, requests: int, cost: str, unpriced: int = 0) -> UsageRow:
    return UsageRow(day, feature, "claude-haiku-4-5", requests, 1, requests * 100, requests * 10, Decimal(cost), unpriced)


def test_when_a_day_is_reported_then_the_total_adds_up_its_features_and_other_days_stay_out():
    rows = [row(date(2026, 12, 2), "chat", 3, "0.000450"), row(date(2026, 12, 2), "diagnosis", 2, "0.000300", 1), row(date(2026, 12, 3), "chat", 9, "1")]
    report = day_report(date(2026, 12, 2), rows)
    assert report["total"] == {
        "requests": 5,
        "failedRequests": 2,
        "inputTokens": 500,
        "outputTokens": 50,
        "estimatedCostUsd": 0.00075,
        "unpricedRequests": 1,
    }
    assert [f["feature"] for f in report["features"]] == ["chat", "diagnosis"]


def test_when_a_day_had_no_usage_then_its_report_is_zeros_and_a_range_lists_only_days_with_usage():
    assert day_report(date(2026, 1, 1), [])["total"]["requests"] == 0
    rows = [row(date(2026, 12, 2), "chat", 1, "0.1"), row(date(2026, 12, 5), "chat", 1, "0.1")]
    assert [d["day"] for d in range_report(date(2026, 12, 1), date(2026, 12, 4), rows)["days"]] == ["2026-12-02"]
