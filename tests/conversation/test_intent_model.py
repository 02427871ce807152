"""The trained intent model: it is trained only on what may be tuned on, the shipped file is not stale
against that data, its features are those it was trained with, and it reads fresh wording the nearest
examples did not (learn_phrasings_s29.yaml, never trained on)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings
from assistant.conversation.intent_data import (RefusedFile, data_hash, labelled_turns, refuse_unseen,
                                                training_files)
from assistant.conversation.intent_model import (IntentModel, char_terms, load_intent_model, load_settings,
                                                 tfidf, word_terms)

HERE = Path(__file__).parent
PROMPTS = HERE.parents[1] / "prompts"

TWO_PARTS = """today: 2026-11-03
user: Jordan Blake
cases:
  - say: should I pitch Data Quality to Acme?
    expect: {intent: check_play}
  - say: who signs off on DQ at Acme?
    part: held_out
    expect: {intent: who_sponsor}
  - id: a-session
    turns:
      - say: what can I sell to Kestrel?
        expect: {intent: list_plays}
      - say: why not?
        expect: {intent: why_not}
"""


def test_locked_sets_are_refused_unread(tmp_path):
    with pytest.raises(RefusedFile, match="evaluation set"):
        refuse_unseen(tmp_path / "locked_phrasings_v99.yaml")  # (no such file: it is never opened)
    for name in ("locked_phrasings_v19.yaml", "test_phrasings.yaml"):
        with pytest.raises(RefusedFile):
            training_files(tmp_path, ["phrasings.yaml", name])  # (the last: no tuning file of a known kind)
    names = load_settings(PROMPTS).training.files
    assert [p.name for p in training_files(HERE, names)] == names
    assert not any(n.startswith("locked") for n in names)


def test_a_locked_set_is_refused_even_when_listed_and_never_opened(tmp_path):
    with pytest.raises(RefusedFile, match="locked_phrasings_v28.yaml"):
        training_files(tmp_path / "nowhere", ["phrasings.yaml", "locked_phrasings_v28.yaml"])
    with pytest.raises(RefusedFile, match="evaluation set"):
        labelled_turns(tmp_path / "nowhere" / "locked_phrasings_v28.yaml")


@pytest.mark.parametrize("name", ["dev_phrasings_l.yaml", "dev_phrasings_m.yaml", "dev_phrasings_n.yaml",
                                  "dev_phrasings_o.yaml"])
def test_earlier_validation_sets_are_tuning_data_now_their_held_out_parts_still_unseen(name):
    """dev l, m, n and o were written in the thirteenth to seventeenth rounds: their `tune` parts are
    learned, never their `held_out` parts (validation: the held-out parts of every development set)."""
    assert name in load_settings(PROMPTS).training.files
    learned = labelled_turns(HERE / name)
    tune, whole = (load_phrasings(HERE / name, part=p) for p in ("tune", None))
    assert len(learned) == len(tune.cases) < len(whole.cases)  # (one first turn per `tune` case, no more)


@pytest.mark.parametrize("name", ["blk_wordings_s33.yaml", "intent_wordings_s33.yaml", "names_wordings_s33.yaml",
                                  "learn_phrasings_s31.yaml", "own_followups_r14.yaml", "own_followups_r16.yaml"])
def test_the_later_rounds_wording_files_are_learned(name):
    """Every tuner's wording file of a kind the trainer takes is learned once written (a list kept by
    hand had stopped at the thirteenth round's)."""
    assert name in load_settings(PROMPTS).training.files


def test_only_first_turns_of_the_tune_part_are_learned(tmp_path):
    path = tmp_path / "dev_phrasings_z.yaml"
    path.write_text(TWO_PARTS, encoding="utf-8")
    assert [(t.say, t.intent) for t in labelled_turns(path)] == [
        ("should I pitch Data Quality to Acme?", "check_play"), ("what can I sell to Kestrel?", "list_plays")]


def test_the_shipped_model_is_trained_on_the_data_as_it_is():
    settings = load_settings(PROMPTS)
    turns = [t for path in training_files(HERE, settings.training.files) for t in labelled_turns(path)]
    model = load_intent_model(PROMPTS)
    assert model is not None, "intent_model.yaml turns the model off"
    assert model.data_hash == data_hash(turns, settings.training.model_dump(mode="json")), \
        "the training data changed: run scripts/train_intent_model.py"


def test_features_are_words_word_pairs_and_character_ngrams_of_words():
    assert word_terms("PRODUCT at ACCOUNT?", 1, 2) == ["product", "at", "account", "product at", "at account"]
    assert char_terms("dq now", 2, 3) == [" d", "dq", "q ", " dq", "dq ", " n", "no", "ow", "w ", " no", "now", "ow "]
    columns, weights = tfidf(["dq", "dq", "now", "unknown"], {"dq": 0, "now": 1}, [2.0, 1.0])
    assert columns == [0, 1] and math.isclose(sum(w * w for w in weights), 1.0, rel_tol=1e-6)
    assert weights[0] > weights[1]  # (said twice, and rarer)


def test_turned_off_it_reads_nothing(tmp_path):
    folder = tmp_path / "conversation"
    folder.mkdir()
    text = (PROMPTS / "conversation" / "intent_model.yaml").read_text(encoding="utf-8")
    (folder / "intent_model.yaml").write_text(text.replace("use: true", "use: false"), encoding="utf-8")
    assert load_intent_model(tmp_path) is None


def test_the_words_alone_read_a_formal_request_and_a_vector_of_another_encoder_is_not_read():
    model = load_intent_model(PROMPTS)
    read = model.read_words("hi team please could you explain the reasoning behind the verdict on PRODUCT at ACCOUNT")
    assert read is not None and read.intent == "why"
    assert model.read("should i pitch PRODUCT to ACCOUNT", [0.1] * 14) is None  # (a test's toy encoder)


def test_an_intent_only_its_own_reading_answers_is_never_taken_from_the_model():
    """A review needs the text review.yaml splits off: the model's "review" of a customer's quoted reply
    ("she replied: 'numbers look right, but ...'") is no reading (intent_model.yaml `not_taken`)."""
    model = load_intent_model(PROMPTS)
    assert "review" in model.settings.not_taken
    text = "hi team please could you explain the reasoning behind the verdict on PRODUCT at ACCOUNT"
    assert model.read_words(text).intent == "why"
    unread = IntentModel.__new__(IntentModel)
    unread.__dict__.update(model.__dict__, settings=model.settings.model_copy(update={"not_taken": ["why"]}))
    assert unread.read_words(text) is None
    vector = [0.0] * model.vector_size
    best = model.probabilities(text, vector)[0][0]
    unread.settings = model.settings.model_copy(update={"not_taken": [best], "accept": 0.0, "margin": 0.0})
    assert unread.read(text, vector) is None


def test_a_check_read_by_a_general_pattern_is_read_again_when_the_words_say_another_question(coach):
    from assistant.conversation import Conversation
    from tests.conversation.conftest import NoKnowledge

    chat = Conversation(coach, "words", "Jordan Blake", knowledge=NoKnowledge())
    answer = chat.ask("Dear coach, I would appreciate some suggested wording for a note to Ingrid about Insights "
                      "Studio at Fjord Bank.")
    assert answer.intent == "draft" and answer.entities.get("account") == "Fjord Bank"


@pytest.mark.slow  # the reading by meaning loads the embedding model
def test_fresh_wording_of_an_intent_is_read_by_the_model(coach, embedder):
    from assistant.conversation import Conversation
    from tests.conversation.conftest import NoKnowledge

    chat = Conversation(coach, "learned", "Jordan Blake", knowledge=NoKnowledge(), embed=embedder)
    # a general pattern reads a check and the nearest examples read nothing for sure: the model, the plays
    answer = chat.ask("Dear colleagues, would you kindly set out the expansion options presently open to us at Lumen Energy?")
    assert answer.intent == "list_plays" and answer.parser == "meaning" and answer.ask_back is None


@pytest.mark.slow
def test_the_learn_engineers_own_wordings_are_read(coach, embedder):
    """learn_phrasings_s29.yaml: 35 of 43 before the model, 36 with it read after the nearest examples, 38
    with its words also overriding a general pattern's check (round 12, never trained on); trained on since
    round 13."""
    from assistant.conversation import Conversation
    from assistant.conversation.evaluation import load_phrasings, run_phrasings
    from tests.conversation.conftest import NoKnowledge

    spec = load_phrasings(HERE / "learn_phrasings_s29.yaml")
    report = run_phrasings(spec, lambda session: Conversation(coach, session, spec.user, today=spec.today,
                                                              knowledge=NoKnowledge(), embed=embedder))
    failures = "\n".join(f"{r.say!r}: {'; '.join(r.problems)}" for r in report.failures())
    assert sum(r.ok for r in report.results) >= 38, failures
