"""Train the intent model on the tuning data and write prompts/conversation/intent_model.npz.

Run: .venv/bin/python scripts/train_intent_model.py [--leave-out dev_phrasings_j.yaml] [--out FILE]

Reads the turns intent_data.py allows (never a locked set or a held-out part),
masks their names, embeds them with the shipped MiniLM model and fits the logistic regression of
prompts/conversation/intent_model.yaml `training`. Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def encoder_of_settings():
    from assistant.config import Settings
    from assistant.knowledge.encoder import encoder
    from assistant.knowledge.model_folder import resolve_model_dir

    settings = Settings()
    made = encoder(resolve_model_dir(settings.embedding_model_dir), threads=1, cache_dir=settings.embedding_cache_dir)
    return made.encode


def main() -> None:
    import numpy as np

    from assistant.conversation.intent_data import training_files
    from assistant.conversation.intent_model import load_settings
    from assistant.intent_training import train

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "tests/conversation")
    parser.add_argument("--prompts", type=Path, default=ROOT / "prompts")
    parser.add_argument("--leave-out", nargs="*", default=[], help="file names not trained on")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = load_settings(args.prompts)
    files = [p for p in training_files(args.folder, settings.training.files) if p.name not in args.leave_out]
    arrays, turns = train(files, settings, encoder_of_settings())
    out = args.out or args.prompts / "conversation" / settings.model_file
    np.savez_compressed(out, **arrays)
    print(f"{len(turns)} turns of {len(files)} files, {len(arrays['classes'])} intents, "
          f"{arrays['weights'].shape[1]} features -> {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
