"""The intent read by a model trained on the labelled turns of the tuning sets (a learned reading).

A multinomial logistic regression over three blocks of features of the message, names masked as
the example phrasings write them (ACCOUNT, PRODUCT): TF-IDF of its words and word pairs, TF-IDF of
the character n-grams of its words (typos, shorthand), and its MiniLM sentence vector (the one the
reading by meaning has already computed: no encode of its own). scripts/train_intent_model.py
fits it and writes `prompts/conversation/intent_model.npz`; its settings (the confidence it needs,
how it was trained) are data: `prompts/conversation/intent_model.yaml`.

Prediction is numpy only (no scikit-learn at run time): a few hundred multiplications a message.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Sequence

from pydantic import Field

from assistant.conversation.phrasebook import PhrasebookError, load_when_changed, read_spec
from assistant.strict import StrictModel

SETTINGS_FILE = "intent_model.yaml"
_TOKEN = re.compile(r"\w+")


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class Training(_Strict):
    """How scripts/train_intent_model.py fits the model (part of the training data's hash)."""

    c: float = Field(gt=0)  # inverse regularisation strength of the logistic regression
    class_weight: Literal["balanced", "none"]  # balanced: a rare intent counts as much as check_play
    word_ngrams: list[int] = Field(min_length=2, max_length=2)  # shortest and longest word n-gram
    char_ngrams: list[int] = Field(min_length=2, max_length=2)  # ... and character n-gram (inside words)
    word_min_count: int = Field(ge=1)  # an n-gram is a feature when this many training texts have it
    char_min_count: int = Field(ge=1)
    max_iter: int = Field(ge=1)
    seed: int
    turns: Literal["first"]  # first turns and single messages (a follow-up's intent is the session's)
    files: list[str] = Field(min_length=1)  # the files of tests/conversation/ it learns from


class IntentModelSettings(_Strict):
    version: int
    use: bool  # read intents with the model at all (off: the nearest examples alone, as before)
    # first: the model's reading when it is sure, else the nearest examples'; after: the nearest
    # examples' when they are sure, else the model's
    mode: Literal["first", "after"]
    model_file: str  # beside this file
    accept: float = Field(ge=0, le=1)  # the probability its best intent needs to be read for sure
    # Mode `after`: the model's reading, when its probability is at least this, is taken before the
    # nearest examples' (their likeness is mostly topic; the model also weighs the words that ask).
    # None: the nearest examples always first.
    overrule: float | None = Field(default=None, ge=0, le=1)
    margin: float = Field(ge=0, le=1)  # ... and how far above the next intent's
    # A check read by a general pattern is read as another intent when the words alone (the model's
    # word and character features, no sentence vector: the embedding model is not loaded) give it at
    # least this probability; None: never.
    override_check: float | None = Field(default=None, ge=0, le=1)
    # Intents it learned that only their own reading answers (a review needs the text review.yaml splits
    # off): its reading of one of these is no reading, and the message is read as if it had none.
    not_taken: list[str] = Field(default_factory=list)
    training: Training


@dataclass(frozen=True)
class LearnedReading:
    intent: str
    probability: float
    margin: float  # above the next intent's probability


def word_terms(text: str, low: int, high: int) -> list[str]:
    tokens = _TOKEN.findall(text.casefold())
    return [" ".join(tokens[i:i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


def char_terms(text: str, low: int, high: int) -> list[str]:
    """The character n-grams of each word, padded with a space either side ("dq" -> " d", "dq", "q ")."""
    out = []
    for token in _TOKEN.findall(text.casefold()):
        padded = f" {token} "
        out += [padded[i:i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]
    return out


def tfidf(terms: Sequence[str], vocabulary: dict[str, int], idf) -> tuple[list[int], list[float]]:
    """(columns, weights) of one text's known terms: 1 + log(count), times idf, to unit length."""
    counts = Counter(t for t in terms if t in vocabulary)
    if not counts:
        return [], []
    columns = [vocabulary[t] for t in counts]
    weights = [(1.0 + math.log(n)) * float(idf[vocabulary[t]]) for t, n in counts.items()]
    norm = math.sqrt(sum(w * w for w in weights)) or 1.0
    return columns, [w / norm for w in weights]


class IntentModel:
    """The shipped weights: `classes`, `weights` (one row per class over word, char and vector
    features, in that order), `bias`, and each TF-IDF block's vocabulary and idf."""

    def __init__(self, arrays, settings: IntentModelSettings):
        import numpy as np

        self.settings = settings
        self.classes = [str(c) for c in arrays["classes"]]
        self.weights = np.asarray(arrays["weights"], dtype="float32")
        self.bias = np.asarray(arrays["bias"], dtype="float32")
        self.word_vocabulary = {t: i for i, t in enumerate(arrays["word_terms"].tolist())}
        self.char_vocabulary = {t: i for i, t in enumerate(arrays["char_terms"].tolist())}
        self.word_idf = np.asarray(arrays["word_idf"], dtype="float32")
        self.char_idf = np.asarray(arrays["char_idf"], dtype="float32")
        self.data_hash = str(arrays["data_hash"])
        self.words_weights = np.asarray(arrays["words_weights"], dtype="float32")  # the words-only model
        self.words_bias = np.asarray(arrays["words_bias"], dtype="float32")
        self._char_start = len(self.word_vocabulary)
        self._vector_start = self._char_start + len(self.char_vocabulary)

    def scores(self, text: str, vector, weights=None, bias=None):
        """The linear score of every class for one masked text and its sentence vector (None: the
        words-only model's, whose weights have no vector block)."""
        t = self.settings.training
        weights = self.weights if weights is None else weights
        w_cols, w_vals = tfidf(word_terms(text, *t.word_ngrams), self.word_vocabulary, self.word_idf)
        c_cols, c_vals = tfidf(char_terms(text, *t.char_ngrams), self.char_vocabulary, self.char_idf)
        out = self.bias + weights[:, self._vector_start:] @ vector if vector is not None else bias.copy()
        if w_cols:
            out = out + weights[:, w_cols] @ _array(w_vals)
        if c_cols:
            out = out + weights[:, [self._char_start + c for c in c_cols]] @ _array(c_vals)
        return out

    def words_probabilities(self, text: str) -> list[tuple[str, float]]:
        """Every intent with its probability by the words alone, most likely first."""
        return self._ranked(self.scores(text, None, self.words_weights, self.words_bias))

    def read_words(self, text: str) -> LearnedReading | None:
        """The intent the words alone give at least `override_check`, or None."""
        if self.settings.override_check is None:
            return None
        ranked = self.words_probabilities(text)
        (best, p), runner = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        taken = p >= self.settings.override_check and best not in self.settings.not_taken
        return LearnedReading(best, p, p - runner) if taken else None

    def probabilities(self, text: str, vector) -> list[tuple[str, float]]:
        """Every intent with its probability, most likely first."""
        import numpy as np

        return self._ranked(self.scores(text, np.asarray(vector, dtype="float32")))

    def _ranked(self, scores) -> list[tuple[str, float]]:
        import numpy as np

        exp = np.exp(scores - scores.max())
        probs = exp / exp.sum()
        return sorted(zip(self.classes, (float(p) for p in probs)), key=lambda item: -item[1])

    @property
    def vector_size(self) -> int:
        return self.weights.shape[1] - self._vector_start

    def read(self, text: str, vector) -> LearnedReading | None:
        """The most likely intent when it is likely enough and clearly ahead of the next; else None
        (also for a vector of another encoder than the one it was trained with: it cannot read it)."""
        if len(vector) != self.vector_size:
            return None
        ranked = self.probabilities(text, vector)
        (best, p), runner = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        if p < self.settings.accept or p - runner < self.settings.margin or best in self.settings.not_taken:
            return None
        return LearnedReading(best, p, p - runner)


def _array(values: list[float]):
    import numpy as np

    return np.asarray(values, dtype="float32")


@lru_cache(maxsize=8)
def _settings(path: Path, mtime: float) -> IntentModelSettings:
    return read_spec(path, IntentModelSettings, "intent model settings")


def load_settings(prompts_dir: Path) -> IntentModelSettings:
    return load_when_changed(Path(prompts_dir) / "conversation" / SETTINGS_FILE, _settings,
                             "the intent model settings file is missing")


@lru_cache(maxsize=8)
def _model(path: Path, mtime: float, prompts_dir: Path, settings_mtime: float) -> IntentModel:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as arrays:
            return IntentModel({k: arrays[k] for k in arrays.files}, load_settings(prompts_dir))
    except (OSError, ValueError, KeyError) as exc:
        raise PhrasebookError(f"{path}: cannot read the intent model ({exc}); run scripts/train_intent_model.py") from None


def load_intent_model(prompts_dir: Path) -> IntentModel | None:
    """The shipped model (read once per process, again when it or its settings change), or None
    when the settings turn it off."""
    settings = load_settings(prompts_dir)
    if not settings.use:
        return None
    folder = Path(prompts_dir) / "conversation"
    path = folder / settings.model_file
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise PhrasebookError(f"{path}: the intent model is missing; run scripts/train_intent_model.py") from None
    return _model(path, mtime, Path(prompts_dir), (folder / SETTINGS_FILE).stat().st_mtime)
