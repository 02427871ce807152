"""Fitting the intent model (intent_model.py) on labelled turns (intent_data.py): used by
scripts/train_intent_model.py and by the leave-one-set-out benchmark (benchmarks/bench_intent_model.py).
It sits above conversation/ and coach, beside the interfaces, because it builds a Coach to read each file's
world; conversation/ itself never imports the coach (tests/test_layering.py).

Each turn is read as the layer reads it at run time: normalised, names masked in the world of its own
file (the demo book plus the accounts the file declares), then embedded with the shipped MiniLM model.
scikit-learn fits the logistic regression (a development dependency); prediction needs numpy only.
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from pathlib import Path
from typing import Sequence

from assistant.conversation.intent_data import LabelledTurn, data_hash
from assistant.conversation.intent_model import IntentModel, IntentModelSettings, char_terms, tfidf, word_terms


def masked_texts(path: Path, turns: Sequence[LabelledTurn], data_dir: Path) -> list[str]:
    """The turns' words as the layer reads them for the intent: normalised, names masked."""
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.conversation import Conversation
    from assistant.conversation.evaluation import load_phrasings
    from assistant.conversation.intents import normalise
    from assistant.conversation.known_names import KnownNames
    from assistant.domain import Account

    spec = load_phrasings(path, part="tune")
    coach = Coach(Settings(data_dir=data_dir, llm_base_url=None, llm_model=None))
    extra = list({a["name"]: Account.model_validate(a) for a in spec.accounts}.values())
    if extra:
        coach.store.import_accounts(extra)
    chat = Conversation(coach, "training", spec.user, today=spec.today)
    world = KnownNames(coach, chat.book, None, None, chat.reader.spec.names)
    return [chat.reader.masked_message(normalise(t.say), world) for t in turns]


def all_masked(files: Sequence[Path], turns_of: dict[Path, list[LabelledTurn]]) -> dict[Path, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        return {path: masked_texts(path, turns_of[path], Path(tmp) / f"file-{n}") for n, path in enumerate(files)}


def _vocabulary(documents: list[list[str]], min_count: int):
    import numpy as np

    counts = Counter(t for terms in documents for t in set(terms))
    kept = sorted(t for t, n in counts.items() if n >= min_count)
    n = len(documents)
    idf = np.array([math.log((1 + n) / (1 + counts[t])) + 1.0 for t in kept], dtype="float32")
    return kept, idf


def _matrix(documents: list[list[str]], vocabulary: dict[str, int], idf):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for row, terms in enumerate(documents):
        c, v = tfidf(terms, vocabulary, idf)
        rows += [row] * len(c)
        cols += c
        vals += v
    return csr_matrix((vals, (rows, cols)), shape=(len(documents), len(vocabulary)), dtype="float32")


def fit(texts: Sequence[str], vectors, intents: Sequence[str], settings: IntentModelSettings, digest: str) -> dict:
    """The model's arrays (as intent_model.py reads them), fitted on the texts and their vectors."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    t = settings.training
    word_docs = [word_terms(x, *t.word_ngrams) for x in texts]
    char_docs = [char_terms(x, *t.char_ngrams) for x in texts]
    word_kept, word_idf = _vocabulary(word_docs, t.word_min_count)
    char_kept, char_idf = _vocabulary(char_docs, t.char_min_count)
    words = hstack([_matrix(word_docs, {w: i for i, w in enumerate(word_kept)}, word_idf),
                    _matrix(char_docs, {w: i for i, w in enumerate(char_kept)}, char_idf)]).tocsr()
    features = hstack([words, csr_matrix(np.asarray(vectors, dtype="float32"))]).tocsr()

    def regression():
        return LogisticRegression(C=t.c, class_weight=None if t.class_weight == "none" else t.class_weight,
                                  max_iter=t.max_iter, random_state=t.seed)

    model, words_only = regression().fit(features, list(intents)), regression().fit(words, list(intents))
    assert list(model.classes_) == list(words_only.classes_)
    return {"classes": np.array(model.classes_, dtype=str), "weights": model.coef_.astype("float32"),
            "bias": model.intercept_.astype("float32"), "words_weights": words_only.coef_.astype("float32"),
            "words_bias": words_only.intercept_.astype("float32"), "word_terms": np.array(word_kept, dtype=str),
            "char_terms": np.array(char_kept, dtype=str), "word_idf": word_idf, "char_idf": char_idf,
            "data_hash": np.array(digest)}


def train(files: Sequence[Path], settings: IntentModelSettings, encode) -> tuple[dict, list[LabelledTurn]]:
    """The arrays of a model trained on the files' first turns (`encode`: texts -> unit vectors)."""
    from assistant.conversation.intent_data import labelled_turns

    turns_of = {path: labelled_turns(path) for path in files}
    masked = all_masked(files, turns_of)
    turns = [t for path in files for t in turns_of[path]]
    texts = [x for path in files for x in masked[path]]
    digest = data_hash(turns, settings.training.model_dump(mode="json"))
    return fit(texts, encode(texts), [t.intent for t in turns], settings, digest), turns


def as_model(arrays: dict, settings: IntentModelSettings) -> IntentModel:
    return IntentModel(arrays, settings)
