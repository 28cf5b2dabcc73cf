"""The operators' view of AI usage, internal: the gateway does not route it; the batch service's
sidecar may invoke it (its run report), and an operator reaches it on the app port with the app
token (README)."""

import re
from datetime import date, timedelta
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Path, Query
from psycopg import Error as DatabaseError

from ..domain.usage import UsageRow, day_report, range_report
from ..http import AppError, ValidationFailed

# Longest range one request may ask for.
MAX_RANGE_DAYS = 92
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UsageRows(Protocol):
    async def rows_between(self, first: date, last: date) -> list[UsageRow]: ...


def parse_day(field: str, value: str) -> date:
    """A calendar day written YYYY-MM-DD; anything else (2026-02-30, 20261202, …) is refused."""
    if _DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationFailed([{"field": field, "message": "must be a calendar day written YYYY-MM-DD"}])


async def _rows(repository: UsageRows, first: date, last: date) -> list[UsageRow]:
    try:
        return await repository.rows_between(first, last)
    except DatabaseError as error:
        raise AppError(503, "USAGE_STORE_UNAVAILABLE", "The usage figures cannot be read right now.", retryAfterSeconds=5) from error


def create_usage_router(repository: UsageRows) -> APIRouter:
    router = APIRouter(prefix="/internal/usage-analytics")

    @router.get("/days/{day}")
    async def one_day(day: Annotated[str, Path(max_length=10)]) -> dict[str, Any]:
        wanted = parse_day("day", day)
        return day_report(wanted, await _rows(repository, wanted, wanted))

    @router.get("/days")
    async def days(
        first: Annotated[str, Query(alias="from", max_length=10)],
        last: Annotated[str, Query(alias="to", max_length=10)],
    ) -> dict[str, Any]:
        start, end = parse_day("from", first), parse_day("to", last)
        if end < start:
            raise ValidationFailed([{"field": "to", "message": "must not be before from"}])
        if end - start >= timedelta(days=MAX_RANGE_DAYS):
            raise ValidationFailed([{"field": "to", "message": f"at most {MAX_RANGE_DAYS} days from `from`"}])
        return range_report(start, end, await _rows(repository, start, end))

    return router
