"""The intent model, measured leaving one development set out (its main measure of generalisation).

Run: .venv/bin/python benchmarks/bench_intent_model.py [--sets dev_phrasings_j.yaml ...] [--layer] [--json]

For each development set X (dev, b, c ...): the model is trained on every allowed file except X
(intent_data.py: never a locked set or a held-out part) and reads the intent
of the first turns of X's `tune` part, names masked, on its own. --layer also plays X's `tune`
part through the whole understanding layer twice, with that model and with none (the nearest
examples alone, as before the model), and scores turns passing and stated blockers seen. The
layer was tuned on these sets, so it is favoured against the model that never saw them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



def main() -> None:
    import numpy as np

    import assistant.conversation.reading as reading
    from assistant.conversation.evaluation import load_phrasings
    from assistant.conversation.intent_data import labelled_turns, training_files, data_hash
    from assistant.conversation.intent_model import load_settings
    from assistant.intent_training import all_masked, as_model, fit
    from benchmarks.bench_conversation import accuracy_per_file
    from scripts.train_intent_model import encoder_of_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", help="default: every development set the model learns from")
    parser.add_argument("--layer", action="store_true", help="also play each set through the whole layer")
    parser.add_argument("--mode", choices=("first", "after"), help="instead of intent_model.yaml's")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = ROOT / "tests/conversation"
    settings = load_settings(ROOT / "prompts")
    if args.mode:
        settings = settings.model_copy(update={"mode": args.mode})
    files = training_files(folder, settings.training.files)
    turns_of = {p: labelled_turns(p) for p in files}
    masked = all_masked(files, turns_of)
    texts = [x for p in files for x in masked[p]]
    vectors = np.asarray(encoder_of_settings()(texts), dtype="float32")
    owner = [p.name for p in files for _ in masked[p]]
    intents = [t.intent for p in files for t in turns_of[p]]
    # Left out one at a time, so only the sets the model learns from (intent_model.yaml): a list written
    # out by hand here had fallen behind the training files.
    sets = args.sets or [p.name for p in files if p.name.startswith("dev_phrasings")]
    rows = {}
    for name in sets:
        train = [i for i, f in enumerate(owner) if f != name]
        test = [i for i, f in enumerate(owner) if f == name]
        kept = [t for p in files if p.name != name for t in turns_of[p]]
        arrays = fit([texts[i] for i in train], vectors[train], [intents[i] for i in train], settings,
                     data_hash(kept, settings.training.model_dump(mode="json")))
        model = as_model(arrays, settings)
        best = [model.probabilities(texts[i], vectors[i])[0][0] for i in test]
        sure = [model.read(texts[i], vectors[i]) for i in test]
        row = {"first_turns": len(test), "model_right": sum(b == intents[i] for b, i in zip(best, test)),
               "sure": sum(s is not None for s in sure),
               "sure_right": sum(s is not None and s.intent == intents[i] for s, i in zip(sure, test))}
        if args.layer:
            path = folder / name
            spec = load_phrasings(path, part="tune")
            for label, made in (("layer_without_model", None), ("layer_with_model", model)):
                reading.load_intent_model = lambda prompts_dir, made=made: made
                with tempfile.TemporaryDirectory() as tmp:
                    scored = next(iter(accuracy_per_file(Path(tmp), [(path, spec)]).values()))
                row[label] = {"turns": scored["turns"], "passing": round(scored["accuracy"] * scored["turns"]),
                              "blockers_seen": scored["blockers"]["seen"], "blockers_stated": scored["blockers"]["stated"],
                              "intent_wrong": sum(any(x.startswith("intent ") for x in f["problems"])
                                                  for f in scored["failures"])}
        rows[name] = row
        print(name, json.dumps(row), flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
