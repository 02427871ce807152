"""The labelled turns the intent model (intent_model.py) is trained on, and their hash.

Only what may be tuned on (issue 14): the tuning set, the scripted sessions, the `tune` parts of the
development sets and the tuners' own wording files. Never a locked set (`NEVER`), never a `held_out`
part (the validation data): those are refused or left out before they are read. Of a session, only its first turn is kept: a follow-up's intent ("why?",
"and for Kestrel?") is read from the session, not from its words.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from assistant.conversation.evaluation import load_phrasings

# The kinds of file of tests/conversation/ the model may learn from (a glob each): a file listed in
# intent_model.yaml `training: files` that is none of them is refused.
TRAINING_FILES = ("phrasings.yaml", "session_phrasings.yaml", "dev_phrasings*.yaml", "*_wordings*.yaml",
                  "own_followups_*.yaml", "intent_asks_phrasings.yaml", "learn_phrasings_*.yaml")
# ... and never these, whatever the globs match: the locked sets. (Validation is the `held_out` part of
# every development set, dev n's included: `labelled_turns` reads `tune` parts only.)
NEVER = ("locked*",)


class RefusedFile(ValueError):
    pass


@dataclass(frozen=True)
class LabelledTurn:
    file: str
    say: str
    intent: str


def refuse_unseen(path: Path) -> Path:
    """The path, or RefusedFile (unread) when it is a locked set."""
    if any(Path(path).match(pattern) for pattern in NEVER):
        raise RefusedFile(f"{Path(path).name} is an evaluation set: the intent model never learns from it")
    return Path(path)


def allowed(name: str) -> bool:
    return any(Path(name).match(p) for p in TRAINING_FILES) and not any(Path(name).match(p) for p in NEVER)


def training_files(folder: Path, names: Sequence[str]) -> list[Path]:
    """The listed files (intent_model.yaml `training: files`: a new tuning file joins the training
    data when it is listed and the model retrained, so adding one never makes the shipped model
    stale), each refused unread unless it may be tuned on."""
    for name in names:
        if not allowed(name):
            raise RefusedFile(f"{name}: not a file the intent model may learn from (intent_data.py)")
    return [Path(folder) / name for name in names]


def labelled_turns(path: Path) -> list[LabelledTurn]:
    """The first turn of every `tune` case of one file (a single message is a case of one turn)."""
    spec = load_phrasings(refuse_unseen(path), part="tune")
    return [LabelledTurn(Path(path).name, case.turns[0].say, case.turns[0].expect.intent) for case in spec.cases]


def data_hash(turns: Sequence[LabelledTurn], training: dict) -> str:
    """What the shipped model depends on: its turns (file, words, intent) and how it is trained."""
    payload = json.dumps({"turns": [[t.file, t.say, t.intent] for t in turns], "training": training},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
