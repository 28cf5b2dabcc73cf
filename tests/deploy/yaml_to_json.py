"""Reads YAML files (or stdin) and prints their documents as one JSON array.

Used by the deployment checks (Node has no YAML parser in this repository). Unlike a plain
safe_load it refuses duplicate mapping keys, which Kubernetes and Dapr would otherwise
resolve silently (last one wins).
"""
import json
import sys

import yaml


class StrictLoader(yaml.SafeLoader):
    pass


def construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)

documents = []
sources = sys.argv[1:] or ["-"]
for source in sources:
    text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()
    for document in yaml.load_all(text, Loader=StrictLoader):
        if document is not None:
            documents.append({"source": source, "doc": document})
json.dump(documents, sys.stdout, default=str)
