"""Reads every .tf file under the given directories and prints them as one JSON object.

Used by the deployment checks to look at the Terraform configuration as data (resources,
their arguments and blocks, variables, module calls, outputs) instead of matching text.
Output: {"<dir>": {"resource": {type: {name: {...}}}, "data": ..., "module": {name: {...}},
"variable": {name: {...}}, "output": {name: {...}}, "locals": {...}}}. String literals lose
their quotes; expressions keep HCL's "${...}" form; blocks are lists of objects.
"""
import json
import os
import sys

import hcl2


def unquote(value):
    if isinstance(value, str) and len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def clean(node):
    if isinstance(node, dict):
        return {unquote(k): clean(v) for k, v in node.items() if k not in ("__is_block__", "__comments__", "__inline_comments__")}
    if isinstance(node, list):
        return [clean(v) for v in node]
    return unquote(node)


def merge_labelled(target, items, depth):
    """`resource "t" "n" {}` arrives as a list of {t: {n: body}}; merge into {t: {n: body}}."""
    for item in items:
        for key, value in clean(item).items():
            if depth == 2:
                target.setdefault(key, {}).update(value)
            else:
                target[key] = value


out = {}
for directory in sys.argv[1:]:
    model = {"resource": {}, "data": {}, "module": {}, "variable": {}, "output": {}, "locals": {}}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".tf"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            parsed = hcl2.load(handle)
        for kind in ("resource", "data"):
            merge_labelled(model[kind], parsed.get(kind, []), 2)
        for kind in ("module", "variable", "output"):
            merge_labelled(model[kind], parsed.get(kind, []), 1)
        for block in parsed.get("locals", []):
            model["locals"].update(clean(block))
    out[directory] = model
json.dump(out, sys.stdout)
