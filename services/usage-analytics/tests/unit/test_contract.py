import json

import pytest

from usage_analytics.domain.contract import EventContract
from tests.builders import SCHEMA_PATH, usage_event

contract = EventContract(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_when_the_committed_schema_is_loaded_then_it_is_the_ai_model_called_v1_contract():
    assert contract.schema_id == "https://healthsync.example/contracts/schemas/healthsync.intelligence.ai-model-called.v1.json"


def test_when_an_event_as_intelligence_publishes_it_arrives_then_it_conforms():
    assert contract.problems(usage_event()) == []
    assert contract.problems(usage_event(outcome="RATE_LIMITED", status=429, attempt=2, streamed=False)) == []


def test_when_the_producer_adds_a_new_optional_field_then_the_event_still_conforms():
    assert contract.problems(usage_event(cacheReadTokens=12)) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"inputTokens": -1}, "inputTokens"),
        ({"outputTokens": 1.5}, "outputTokens"),
        ({"feature": "poetry"}, "feature"),
        ({"eventId": "not-a-uuid"}, "eventId"),
        ({"occurredAt": "yesterday"}, "occurredAt"),
        ({"type": "AiModelCalledV2"}, "type"),
        ({"model": ""}, "model"),
        ({"status": 99}, "status"),
    ],
)
def test_when_a_field_breaks_the_contract_then_the_problem_names_that_field(change, field):
    problems = contract.problems(usage_event(**change))
    assert problems and all(p.startswith(f"{field}:") for p in problems), problems


def test_when_a_required_field_is_missing_or_the_payload_is_not_an_object_then_it_does_not_conform():
    event = usage_event()
    del event["userId"]
    assert any("'userId' is a required property" in p for p in contract.problems(event))
    assert contract.problems(None) and contract.problems("AiModelCalled") and contract.problems([usage_event()])
