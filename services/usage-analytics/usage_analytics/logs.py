"""JSON logs on stdout, one object a line, with the trace id of the request or event in flight."""

import json
import logging
import sys
from contextvars import ContextVar
from datetime import datetime, timezone

trace_id: ContextVar[str | None] = ContextVar("trace_id", default=None)

_LEVELS = {"error": logging.ERROR, "warn": logging.WARNING, "info": logging.INFO, "debug": logging.DEBUG}


def trace_id_of(traceparent: str | None) -> str | None:
    """The trace id of a W3C traceparent (`00-<32 hex>-<16 hex>-<2 hex>`), or None."""
    parts = (traceparent or "").split("-")
    if len(parts) == 4 and len(parts[1]) == 32 and all(c in "0123456789abcdef" for c in parts[1]) and parts[1] != "0" * 32:
        return parts[1]
    return None


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "level": "warn" if record.levelno == logging.WARNING else record.levelname.lower(),
            "message": record.getMessage(),
            "service": self.service,
            "timestamp": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        current = trace_id.get()
        if current:
            entry["traceId"] = current
        entry.update(getattr(record, "fields", {}))
        if record.exc_info and record.levelno >= logging.ERROR:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str, separators=(",", ":"))


def create_logger(service: str, level: str = "info") -> logging.Logger:
    logger = logging.getLogger(service)
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    logger.addHandler(handler)
    logger.setLevel(_LEVELS[level])
    logger.propagate = False
    return logger


def fields(**values: object) -> dict[str, dict[str, object]]:
    """Structured fields for a log call: `logger.info('...', extra=fields(eventId=...))`."""
    return {"fields": values}
