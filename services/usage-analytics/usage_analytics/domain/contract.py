"""Checks an event against the JSON Schema its producer's contract is generated into."""

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator


class EventContract:
    def __init__(self, schema: Mapping[str, Any]):
        Draft202012Validator.check_schema(schema)
        self.schema_id: str = schema.get("$id", "")
        self._validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def problems(self, event: Any) -> list[str]:
        """Every violation as `<field>: <message>`; empty when the event conforms."""
        return sorted(
            f"{'.'.join(str(p) for p in error.absolute_path) or '(event)'}: {error.message}" for error in self._validator.iter_errors(event)
        )
