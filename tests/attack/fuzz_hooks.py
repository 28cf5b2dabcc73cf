"""Schemathesis hooks for the schema-fuzzing run (tests/attack/schema-fuzzing.test.ts).

Each request carries the access token of one of several signed-in test users in turn, so
the per-user rate limit of the gateway is not what answers most requests.
"""
import itertools
import os

import schemathesis

_tokens = itertools.cycle([t for t in os.environ.get("HS_FUZZ_TOKENS", "").split(",") if t])


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = dict(case.headers or {})
    # The fuzzer may generate its own Authorization; a real token replaces it, so the run
    # explores what a signed-in user can send rather than stopping at 401.
    headers["Authorization"] = f"Bearer {next(_tokens)}"
    case.headers = headers
