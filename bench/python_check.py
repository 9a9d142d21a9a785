"""The Python baselines `npm run bench` compares check with: a re.fullmatch loop over lines that counts
matches, or (--json) prints json.dumps(m.groupdict()) per matching line.

    python3 bench/python_check.py REGEX FILE [--json]
"""
import json
import re
import sys

regex = re.compile(sys.argv[1])
as_json = "--json" in sys.argv
out = sys.stdout
matched = 0
with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
    for line in f:
        m = regex.fullmatch(line.rstrip("\n"))
        if m:
            matched += 1
            if as_json:
                out.write(json.dumps(m.groupdict()) + "\n")
if not as_json:
    print(matched)
