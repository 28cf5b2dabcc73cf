"""The service's own PostgreSQL schema (usage_analytics_service; migrations/ applied by `npm run migrate`)."""

from datetime import date
from decimal import Decimal

from psycopg_pool import AsyncConnectionPool

from ..domain.usage import UsageRecord, UsageRow

DB_SCHEMA = "usage_analytics_service"

# One statement: the event id is claimed and the day's row grows together, or neither happens;
# a redelivered event finds its id taken and adds nothing.
_RECORD = """
with claimed as (
  insert into processed_events (event_id, day) values (%(event_id)s, %(day)s)
  on conflict (event_id) do nothing
  returning event_id
)
insert into daily_usage as d (day, feature, model, requests, failed_requests, input_tokens, output_tokens, estimated_cost_usd, unpriced_requests)
select %(day)s, %(feature)s, %(model)s, 1, %(failed)s, %(input_tokens)s, %(output_tokens)s, %(cost)s, %(unpriced)s from claimed
on conflict (day, feature, model) do update set
  requests = d.requests + 1,
  failed_requests = d.failed_requests + excluded.failed_requests,
  input_tokens = d.input_tokens + excluded.input_tokens,
  output_tokens = d.output_tokens + excluded.output_tokens,
  estimated_cost_usd = d.estimated_cost_usd + excluded.estimated_cost_usd,
  unpriced_requests = d.unpriced_requests + excluded.unpriced_requests
returning 1
"""

_ROWS = """
select day, feature, model, requests, failed_requests, input_tokens, output_tokens, estimated_cost_usd, unpriced_requests
from daily_usage where day between %s and %s order by day, feature, model
"""


class UsageRepository:
    def __init__(self, pool: AsyncConnectionPool):
        self._pool = pool

    async def record(self, usage: UsageRecord) -> bool:
        """Adds an event to its day; False when the event was recorded before."""
        async with self._pool.connection() as conn:
            cursor = await conn.execute(
                _RECORD,
                {
                    "event_id": usage.event_id,
                    "day": usage.day,
                    "feature": usage.feature,
                    "model": usage.model,
                    "failed": 1 if usage.failed else 0,
                    "input_tokens": usage.input_tokens,
                    "output_tokens": usage.output_tokens,
                    "cost": usage.cost_usd if usage.cost_usd is not None else Decimal(0),
                    "unpriced": 1 if usage.cost_usd is None else 0,
                },
            )
            return await cursor.fetchone() is not None

    async def rows_between(self, first: date, last: date) -> list[UsageRow]:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(_ROWS, (first, last))
            return [UsageRow(*row) for row in await cursor.fetchall()]

    async def forget_processed(self, older_than_days: int) -> int:
        """Drops remembered event ids older than the stream could redeliver; returns how many."""
        async with self._pool.connection() as conn:
            cursor = await conn.execute("delete from processed_events where processed_at < now() - make_interval(days => %s)", (older_than_days,))
            return cursor.rowcount

    async def ping(self) -> None:
        async with self._pool.connection() as conn:
            await conn.execute("select 1")


def create_pool(database_url: str, *, min_size: int = 1, max_size: int = 5) -> AsyncConnectionPool:
    """A pool on the service's schema only (search_path), opened by the caller."""
    return AsyncConnectionPool(
        database_url,
        min_size=min_size,
        max_size=max_size,
        timeout=5,
        open=False,
        kwargs={"options": f"-c search_path={DB_SCHEMA}", "autocommit": True, "connect_timeout": 5, "application_name": "usage-analytics"},
    )
