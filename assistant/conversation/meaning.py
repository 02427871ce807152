"""Reading by meaning: intents and blockers-in-words by nearest neighbours over the example
phrasings of prompts/conversation/meaning.yaml, embedded with the shipped MiniLM model.

Only what the patterns cannot read for certain comes here, so a plain question never loads the
model (reading.py decides, from the data file alone). The examples' vectors are cached on disk under the
data directory, keyed by a hash of the data file and the model folder: a warm start reads one
small .npy file instead of embedding every example again.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from assistant.conversation.meaning_spec import BlockerMeaning, MeaningSpec

PLACEHOLDERS = {"account": "ACCOUNT", "product": "PRODUCT", "person": "PERSON"}
# The examples of messages that ask nothing the coach can answer ("what do you think?", "so?"): a
# message nearest them is not read by meaning (they keep it from the intent it is faintly like).
UNREAD = "unclear"
# punctuation (and notes' field bars, "acct: acme | prod: dq"), a dash between spaces, and brackets: an aside
# in brackets is a clause of its own ("pitch it to their new CRO (never saw the results) before my quarter
# closes": its "never" negates nothing after it)
# (a point or comma between digits is a decimal or thousands mark, no boundary: "CSAT went from 4.5 to 2.2",
# "I'm 150,000 short")
_BOUNDARY = r"(?:[;!?\n|()\[\]]|(?<!\d)\.|\.(?!\d))+|(?<!\d),|,(?!\d)|\s[-–—]\s"
_WORD = re.compile(r"[\w'%]+")

Embed = Callable[[Sequence[str]], "object"]  # texts -> unit vectors (numpy, one row per text)
# Vectors of the last texts read, by text: one message is read in several passes (the facts of
# a message, then its intent; a re-read when a pattern needed a question back) that embed the
# same clauses again. A memory bound (384 floats a text), not a reading parameter.
RECENT_TEXTS = 2048


@dataclass(frozen=True)
class IntentReading:
    intent: str
    score: float  # likeness of its nearest example
    margin: float  # its vote above the next intent's
    example: str
    vote: float = 0.0  # mean likeness of its nearest examples


@dataclass(frozen=True)
class BlockerReading:
    blocker: BlockerMeaning
    clause: str  # the AM's words that revealed it
    score: float
    confident: bool  # apply it; otherwise ask

    @property
    def code(self) -> str:
        return self.blocker.code


class ClauseCutter:
    """Clause boundaries: punctuation, a dash between spaces, or one of the words of meaning.yaml's
    `clause_words`; but not a clause word inside one of the data file's own phrases (`kept`: "touch and
    go", "so long as", "if and only if", "sick and tired"). A phrase the cues are written in is read
    whole: cut at its "and", "the renewal is touch | go" says nothing, and no cue could ever find it."""

    def __init__(self, boundary: re.Pattern, kept: re.Pattern | None = None):
        self.boundary, self.kept = boundary, kept

    def split(self, text: str) -> list[str]:
        """The text cut at clause boundaries, every piece kept (as `re.split` would)."""
        spans = [m.span() for m in self.kept.finditer(text)] if self.kept is not None else []
        if not spans:
            return self.boundary.split(text)
        pieces, last = [], 0
        for cut in self.boundary.finditer(text):
            if any(start <= cut.start() and cut.end() <= end for start, end in spans):
                continue  # (a clause word inside a kept phrase)
            pieces.append(text[last:cut.start()])
            last = cut.end()
        pieces.append(text[last:])
        return pieces


def clause_pattern(clause_words: Sequence[str], phrases: Sequence[str] = ()) -> ClauseCutter:
    """The clause boundaries of meaning.yaml's `clause_words`, keeping whole those of `phrases` (the
    data file's phrases) that have a clause word among their words ("touch and go")."""
    joiners = "|".join(re.escape(w) for w in clause_words)
    boundary = re.compile(rf"{_BOUNDARY}|\b(?:{joiners})\b", re.IGNORECASE)
    joining = {w.casefold() for w in clause_words}
    kept = sorted({p for p in phrases if len(words(p)) >= 2 and joining & set(words(p))}, key=len, reverse=True)
    # (typed with hyphens or several spaces too: "touch-and-go"; `_` any one word, `*` any ending)
    alternatives = [r"[\s\-]+".join(r"[\w']+" if w == "_" else re.escape(w.rstrip("*")) + (r"[\w']*" if w.endswith("*") else "")
                                   for w in p.split()) for p in kept]
    return ClauseCutter(boundary, re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])", re.IGNORECASE)
                        if alternatives else None)


def clause_split(text: str, pattern: ClauseCutter) -> list[str]:
    """The text cut at clause boundaries (punctuation, conjunctions), every piece kept."""
    return pattern.split(text)


def clauses(text: str, pattern: ClauseCutter) -> list[str]:
    """The message cut into clauses (a story's facts are usually one clause each)."""
    parts = [" ".join(p.split()) for p in pattern.split(text)]
    return [p for p in parts if len(p.split()) >= 2]


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


_VOCABULARIES: dict[str, frozenset[str] | None] = {}


def model_words(configured: Path | str | None) -> frozenset[str] | None:
    """The whole words of the model's tokenizer vocabulary (vocab.txt, some 22,000 English words):
    real words, never a misspelling of another. Read once per process, and only when asked (no model
    is loaded); None when the model's folder has none."""
    key = str(configured)
    if key not in _VOCABULARIES:
        from assistant.knowledge.model_folder import resolve_model_dir
        from assistant.knowledge.errors import ModelNotFoundError

        try:
            text = (resolve_model_dir(configured) / "vocab.txt").read_text(encoding="utf-8")
        except (ModelNotFoundError, OSError):
            _VOCABULARIES[key] = None
        else:
            _VOCABULARIES[key] = frozenset(w for w in text.split() if w.isalpha())
    return _VOCABULARIES[key]


class ModelEmbedder:
    """The shipped MiniLM model, loaded on first use only (once per process): run by ONNX Runtime
    when it can be (assistant/knowledge/encoder.py: the same vectors, faster, no torch import),
    else by torch."""

    def __init__(self, model_dir: Path | str | None, threads: int | None = None,
                 cache_dir: Path | str | None = None, backend: str | None = None):
        self.configured = model_dir
        # CPU threads for one encode (None: the runtime's own choice). A chat message is a few
        # short clauses: one thread encodes them fastest, and on a busy machine several threads
        # wait on each other (measured: 50 ms vs 800 ms at load 6 on 2 cores).
        self.threads = threads
        self.cache_dir, self.backend = cache_dir, backend  # where the ONNX export is kept; which runtime
        self._encoder = None
        self._lock = threading.Lock()

    @property
    def model_dir(self) -> Path:
        from assistant.knowledge.model_folder import resolve_model_dir

        return resolve_model_dir(self.configured)

    def fingerprint(self) -> str:
        """What the cached vectors depend on: the model's config (not its multi-MB weights). Both
        runtimes give the same vectors (to float rounding), so the runtime is not part of it."""
        folder = self.model_dir
        return hashlib.sha256((folder / "config.json").read_bytes()).hexdigest()[:16]

    @property
    def encoder(self):
        with self._lock:
            if self._encoder is None:
                from assistant.knowledge.encoder import encoder

                self._encoder = encoder(self.model_dir, threads=self.threads, cache_dir=self.cache_dir,
                                        backend=self.backend)
            return self._encoder

    def __call__(self, texts: Sequence[str]):
        return self.encoder.encode(texts)


class Meaning:
    """Nearest-neighbour reading over the data file's examples."""

    def __init__(self, spec: MeaningSpec, embed: Embed, cache_dir: Path | None = None, fingerprint: str = ""):
        self.spec, self.embed = spec, embed
        self.cache_dir, self.fingerprint = cache_dir, fingerprint
        self._texts: list[str] = []
        self._labels: list[tuple[str, str]] = []  # (kind, id): ("intent", name) | ("blocker", id) | ("neutral", "")
        for name, examples in spec.intents.items():
            self._add(examples + spec.intent_variants.get(name, []), ("intent", name))
        for blocker in spec.blockers:
            self._add(blocker.examples, ("blocker", blocker.id))
        self._add(spec.neutral, ("neutral", ""))
        self._vectors = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, object] = OrderedDict()  # text -> vector (RECENT_TEXTS, LRU)
        self._recent_lock = threading.Lock()
        self._rows: tuple[list[int], dict[str, list[int]]] | None = None  # example rows by label
        self._negations = frozenset(w.casefold() for w in spec.negations)
        self._needs = {name: tuple(f" {' '.join(words(w))} " for w in needed)
                       for name, needed in spec.intent_needs.items()}

    def _add(self, examples: list[str], label: tuple[str, str]) -> None:
        for text in examples:
            self._texts.append(text)
            self._labels.append(label)

    # -- vectors ----------------------------------------------------------------------------
    def _cache_path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.spec.digest}:{self.fingerprint}".encode()).hexdigest()[:24]
        return Path(self.cache_dir) / f"meaning-{key}.npy"

    @property
    def vectors(self):
        with self._lock:
            if self._vectors is None:
                self._vectors = self._load_or_embed()
            return self._vectors

    def _load_or_embed(self):
        import numpy as np

        path = self._cache_path()
        if path is not None and path.is_file():
            try:
                cached = np.load(path, allow_pickle=False)
                if cached.shape[0] == len(self._texts):
                    return cached
            except (OSError, ValueError):
                pass  # a broken cache file is rebuilt below
        vectors = np.asarray(self.embed(self._texts), dtype="float32")
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp.npy")
                np.save(tmp, vectors, allow_pickle=False)
                tmp.replace(path)  # atomic: another worker never reads half a file
            except OSError:
                pass  # a read-only data directory only costs the next start-up an embedding pass
        return vectors

    def embed_texts(self, texts: Sequence[str]):
        """The texts' vectors (one row each): those read lately from memory, the rest in one call."""
        import numpy as np

        with self._recent_lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            for text in known:
                self._recent.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = dict(zip(missing, np.asarray(self.embed(missing), dtype="float32")))
            known.update(fresh)
            with self._recent_lock:
                self._recent.update(fresh)
                while len(self._recent) > RECENT_TEXTS:
                    self._recent.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def forget_recent(self) -> None:
        """Drop the vectors of texts read lately (the benchmark times each message unseen)."""
        with self._recent_lock:
            self._recent.clear()

    # -- reading ----------------------------------------------------------------------------
    def ranking(self, text: str) -> list[IntentReading]:
        """Every intent, best first, by the mean likeness of its `intent_neighbours` nearest
        examples (a k-nearest vote): `vote` that mean, `score` its nearest example's likeness,
        `margin` how far its vote is above the next intent's."""
        import numpy as np

        t = self.spec.thresholds
        sims = self.vectors @ self.embed_texts([text])[0]
        best: dict[str, tuple[float, str]] = {}
        per_intent: dict[str, list[float]] = {}
        for index in np.argsort(-sims):
            kind, name = self._labels[index]
            if kind != "intent":
                continue
            scores = per_intent.setdefault(name, [])
            if len(scores) < t.intent_neighbours:
                scores.append(float(sims[index]))
                if name not in best:
                    best[name] = (float(sims[index]), self._texts[index])
        votes = sorted(((sum(v) / len(v), n) for n, v in per_intent.items()), reverse=True)
        return [IntentReading(name, best[name][0], vote - (votes[i + 1][0] if i + 1 < len(votes) else 0.0),
                              best[name][1], vote)
                for i, (vote, name) in enumerate(votes)]

    def asked_as(self, intent: str, text: str) -> bool:
        """Whether the text has a word its intent needs (meaning.yaml `intent_needs`): MiniLM's likeness
        is mostly topic ("how's ACCOUNT looking for an upsell" is nearest "ACCOUNT upsell ideas"), while
        what a message asks is said in a few words ("what", "anything", "options" ask for the plays)."""
        needed = self._needs.get(intent)
        if not needed:
            return True
        padded = f" {' '.join(words(text))} "
        return any(w in padded for w in needed)

    def reads_nothing(self, text: str) -> bool:
        """Whether the nearest examples of the intents the text has the words of are those of asking
        nothing ("so?", "hmm what now"): no other reading (the trained model's) is then taken."""
        ranked = [r for r in self.ranking(text) if self.asked_as(r.intent, text)]
        return bool(ranked) and ranked[0].intent == UNREAD

    def intent(self, text: str) -> IntentReading | None:
        """The intent whose examples are nearest (k-nearest vote) among those the text has the words
        of, or None when unsure."""
        t = self.spec.thresholds
        ranked = [r for r in self.ranking(text) if self.asked_as(r.intent, text)]
        ranked = [replace(r, margin=r.vote - (ranked[i + 1].vote if i + 1 < len(ranked) else 0.0))
                  for i, r in enumerate(ranked)]
        if not ranked:
            return None
        top = ranked[0]
        if top.intent == UNREAD:
            return None
        accept = t.intent_accept_short if len(words(text)) <= t.intent_short_words else t.intent_accept
        if top.score < max(accept, t.intent_accept) or top.margin < t.intent_margin:
            return None
        return top

    def _groups(self) -> tuple[list[int], dict[str, list[int]]]:
        """The rows of the neutral examples, and of each blocker's (computed once)."""
        if self._rows is None:
            neutral = [i for i, (k, _) in enumerate(self._labels) if k == "neutral"]
            groups = {b.id: [i for i, (k, n) in enumerate(self._labels) if k == "blocker" and n == b.id]
                      for b in self.spec.blockers}
            self._rows = (neutral, groups)
        return self._rows

    def _negated(self, text: str) -> bool:
        return any(w in self._negations or w.endswith("n't") for w in words(text))

    def revealing(self, parts: list[str], cued: list[frozenset[str]] | None,
                  hinted: list[frozenset[str]] | None) -> list[int]:
        """The rows of the clauses that can reveal a blocker below: not one with no cue or hint word
        that is shorter than `blocker_min_words` (its nearest blocker is read only in a clause that
        long). The others need no vector (a speed change: the readings are the same)."""
        least = self.spec.thresholds.blocker_min_words
        return [row for row, clause in enumerate(parts)
                if (cued and cued[row]) or (hinted and hinted[row]) or len(words(clause)) >= least]

    def blockers(self, parts: list[str], cued: list[frozenset[str]] | None = None,
                 past: list[bool] | None = None, hinted: list[frozenset[str]] | None = None) -> list[BlockerReading]:
        """Blockers the clauses reveal: confident ones (apply) and unsure ones (ask), best first.

        A clause speaks for its nearest blocker, and for every blocker its cue words name
        (`cued`, by blocker id: cues.py). A cued blocker is always at least asked about, and
        applied when the clause is also alike in meaning (`blocker_cue_apply`); an uncued one
        is asked about when the clause is alike (`blocker_ask`, and `blocker_margin` above the
        nearest neutral example), and applied only when it is nearly an example (`blocker_apply`). MiniLM hardly sees negation, so a clause whose polarity differs from
        its nearest example ("not tied to the renewal" vs "tie it to the renewal") is never
        applied; nor is a clause that tells of the past (`past`). A clause with a blocker's hint
        word (`hinted`: "renewal", "december") is asked about at a lower likeness
        (`blocker_hint_ask`): the word and the meaning together are worth a question."""
        import numpy as np

        if not parts:
            return []
        t = self.spec.thresholds
        read = self.revealing(parts, cued, hinted)  # (only these are encoded)
        if not read:
            return []
        vectors = self.vectors
        queries = np.zeros((len(parts), vectors.shape[1]), dtype=vectors.dtype)
        queries[read] = self.embed_texts([parts[row] for row in read])
        # clauses x examples, by numpy's own loop, not BLAS: with this many examples BLAS splits the
        # product over threads, which on a busy machine wait on each other (measured: p50 70 vs 27 ms)
        sims = np.einsum("qd,ed->qe", queries, vectors)
        neutral_idx, groups = self._groups()
        found: dict[tuple[str, str], BlockerReading] = {}
        for row in read:
            clause = parts[row]
            neutral = float(sims[row, neutral_idx].max()) if neutral_idx else 0.0
            by_id = {}
            for b in self.spec.blockers:
                idx = groups[b.id]
                best = idx[int(np.argmax(sims[row, idx]))]
                by_id[b.id] = (float(sims[row, best]), b, best)
            nearest = max(by_id.values(), key=lambda item: item[0])
            cues = cued[row] if cued else frozenset()
            hints = (hinted[row] if hinted else frozenset()) - cues
            told_of_past = bool(past and past[row])
            for score, b, best in [nearest, *(by_id[i] for i in sorted(cues | hints) if i != nearest[1].id)]:
                same_polarity = self._negated(clause) == self._negated(self._texts[best])
                if b.id in cues:
                    if not same_polarity:
                        # (its cue words already said the blocker is so, negation read: the likeness
                        # that counts is to the examples written the same way, "they're unhappy" to
                        # "they are upset", not to "they are not satisfied with us")
                        alike = [i for i in groups[b.id] if self._negated(self._texts[i]) == self._negated(clause)]
                        score = max((float(sims[row, i]) for i in alike), default=0.0)
                        same_polarity = bool(alike)
                    confident = score >= t.blocker_cue_apply and same_polarity
                elif b.id in hints:
                    # A hint word and some likeness: asked about; applied only as an uncued clause
                    # would be (nearly an example, and clearly nearer it than any neutral one).
                    if score < t.blocker_hint_ask or score - neutral < t.blocker_hint_margin:
                        continue
                    confident = score >= t.blocker_apply and score - neutral >= t.blocker_margin and same_polarity
                else:
                    # No cue word: the meaning alone asks, only for a clause long enough to mean
                    # something, clearly nearer the blocker than any neutral example, of the same
                    # polarity; it applies only a near-paraphrase of an example.
                    if (score < t.blocker_ask or score - neutral < t.blocker_margin or not same_polarity
                            or len(words(clause)) < t.blocker_min_words):
                        continue
                    confident = score >= t.blocker_apply
                confident = confident and not b.unsure_only and not told_of_past
                reading = BlockerReading(b, clause, score, confident)
                kept = found.get((b.code, clause))
                if kept is None or (reading.confident, reading.score) > (kept.confident, kept.score):
                    found[(b.code, clause)] = reading
        # Every clause's reading, best first (not only each blocker's best): the caller takes the first
        # it keeps of each blocker, so a cued clause is still asked about when a likelier clause of
        # the same blocker is set aside ("one price, | cheaper than buying them separately").
        return sorted(found.values(), key=lambda r: (-r.confident, -r.score))
