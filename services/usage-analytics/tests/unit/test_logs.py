import json
import logging

from usage_analytics.logs import JsonFormatter, fields, trace_id, trace_id_of


def test_when_a_traceparent_is_well_formed_then_its_trace_id_is_taken_and_anything_else_is_not():
    assert trace_id_of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") == "4bf92f3577b34da6a3ce929d0e0e4736"
    for bad in (None, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-XYZ-00f067aa0ba902b7-01"):
        assert trace_id_of(bad) is None


def test_when_a_line_is_logged_during_a_traced_delivery_then_it_is_one_json_object_with_the_trace_id_and_fields():
    record = logging.LogRecord("usage-analytics", logging.WARNING, __file__, 1, "usage event not recorded", None, None)
    record.__dict__.update(fields(eventId="e-1"))
    token = trace_id.set("4bf92f3577b34da6a3ce929d0e0e4736")
    try:
        line = JsonFormatter("usage-analytics").format(record)
    finally:
        trace_id.reset(token)
    assert "\n" not in line and '"service":"usage-analytics"' in line
    entry = json.loads(line)
    assert (entry["level"], entry["traceId"], entry["eventId"]) == ("warn", "4bf92f3577b34da6a3ce929d0e0e4736", "e-1")
