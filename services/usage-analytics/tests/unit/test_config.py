import pytest

from usage_analytics.config import ConfigError, load_config

BASE = {"APP_PORT": "3006", "DAPR_HTTP_PORT": "3506", "DAPR_GRPC_PORT": "31106"}


def test_when_the_settings_are_complete_then_defaults_fill_the_rest():
    config = load_config(BASE)
    assert (config.app_port, config.app_host, config.dapr_timeout_seconds, config.processed_event_retention_days) == (3006, "127.0.0.1", 5.0, 8)
    assert config.event_schema_path.name == "healthsync.intelligence.ai-model-called.v1.json"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({k: v for k, v in BASE.items() if k != "APP_PORT"}, "APP_PORT is required"),
        ({**BASE, "DAPR_GRPC_PORT": "x"}, "DAPR_GRPC_PORT must be a whole number"),
        ({**BASE, "LOG_LEVEL": "loud"}, "LOG_LEVEL"),
        ({**BASE, "USAGE_EVENT_SCHEMA": "/nowhere/schema.json"}, "USAGE_EVENT_SCHEMA"),
        ({**BASE, "PROCESSED_EVENT_RETENTION_DAYS": "0"}, "PROCESSED_EVENT_RETENTION_DAYS must be between 1 and 90"),
    ],
)
def test_when_a_setting_is_missing_or_wrong_then_start_up_fails_naming_it(env, named):
    with pytest.raises(ConfigError, match=named):
        load_config(env)
