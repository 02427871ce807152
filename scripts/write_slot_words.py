"""Write the whole words slot mode's grammar lets a model write (the file named by `drafting:
slots: words:` in rules/drafts), from wordfreq's list and the gate's readability check; with
--check, only say whether the file is up to date. Run after changing `words:` or readability.yaml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.approval.loader import load_draft_checks
from assistant.approval.slot_words import slot_words
from assistant.config import PROJECT_ROOT

HEADER = ("# Whole words a model may write in a slot clause (rules/drafts vocabulary.yaml, `slots: words:`),\n"
          "# most common first. Written by scripts/write_slot_words.py; do not edit by hand.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=PROJECT_ROOT / "rules", help="the rules directory")
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    checks = load_draft_checks(args.rules, slot_words=False)
    path = checks.directory / "drafts" / checks.drafting.slots.words.file
    shown = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
    text = HEADER + "".join(f"{w}\n" for w in slot_words(checks))
    if args.check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"out of date: {shown} (run: .venv/bin/python scripts/write_slot_words.py)", file=sys.stderr)
            return 1
        print(f"{path.name} is up to date")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"{shown}: {text.count(chr(10)) - 2} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
