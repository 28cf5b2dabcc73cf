"""The consumer side of the event contracts: what the committed AsyncAPI document says this app
receives is what it subscribes to, and every example in the document is accepted and recorded."""

import json
from pathlib import Path

from tests.builders import cloud_event
from tests.unit.test_app import MemoryRepository, call

ASYNCAPI = Path(__file__).resolve().parents[4] / "contracts" / "asyncapi.json"
APP_ID = "usage-analytics"


def _document() -> dict:
    return json.loads(ASYNCAPI.read_text(encoding="utf-8"))


def _resolve(document: dict, ref: str) -> dict:
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _receives(document: dict) -> list[dict]:
    return [op for op in document["operations"].values() if op["action"] == "receive" and op.get("x-dapr-app-id") == APP_ID]


def test_when_the_document_names_what_this_app_receives_then_the_app_subscribes_to_exactly_that():
    document = _document()
    receives = _receives(document)
    assert receives, "the AsyncAPI document lists no topic for usage-analytics: its contract lost its consumer"
    documented = sorted((_resolve(document, op["channel"]["$ref"])["address"], op["x-dapr-route"]) for op in receives)
    subscribed = sorted((s["topic"], s["route"]) for s in call(MemoryRepository(), "GET", "/dapr/subscribe").json())
    assert subscribed == documented


def test_when_every_documented_example_is_delivered_then_each_is_accepted_and_recorded():
    document = _document()
    delivered = 0
    for op in _receives(document):
        route = op["x-dapr-route"]
        for ref in op["messages"]:
            message = _resolve(document, ref["$ref"])
            if "$ref" in message:
                message = _resolve(document, message["$ref"])
            for example in message["examples"]:
                repository = MemoryRepository()
                payload = example["payload"]
                response = call(repository, "POST", route, body=cloud_event(payload))
                assert response.json() == {"status": "SUCCESS"}, f"{example['name']}: {response.text}"
                assert list(repository.recorded) == [payload["eventId"]], example["name"]
                delivered += 1
    assert delivered > 0, "no example was delivered"
