#!/usr/bin/python3
"""openapi.yaml -> JSON on stdout, keys in document order. The API embeds the result (GET /api/v1/openapi.json);
tests/api/openapi-served.test.mjs checks it equals the YAML as the npm `yaml` package (YAML 1.2) reads it."""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
json.dump(doc, sys.stdout, ensure_ascii=False, separators=(",", ":"))
sys.stdout.write("\n")
