"""Write the JSON Schemas of the public results into docs/schema/ (or, with --check, say which
are out of date). Run after changing a model in assistant/results.py or one it re-exports."""

from __future__ import annotations

import argparse
import sys

from assistant.config import PROJECT_ROOT
from assistant.schemas import stale, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/schema/ is up to date")
    args = parser.parse_args(argv)
    if args.check:
        out_of_date = stale()
        if out_of_date:
            print("out of date in docs/schema/: " + ", ".join(out_of_date)
                  + " (run: .venv/bin/python scripts/write_schemas.py)", file=sys.stderr)
            return 1
        print("docs/schema/ is up to date")
        return 0
    for path in write():
        print(path.relative_to(PROJECT_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
