"""One message is read in several passes (its facts, then its intent; a re-read when a pattern
needed a question back): the vectors of texts read lately are kept, so each text is embedded
once, and the oldest are dropped past RECENT_TEXTS."""

from __future__ import annotations

from assistant.config import PROJECT_ROOT
from assistant.conversation import meaning as meaning_module
from assistant.conversation.meaning import Meaning
from assistant.conversation.meaning_spec import load_meaning_spec
from tests.conversation.test_understanding import CountingEmbedder


def _meaning(tmp_path):
    embed = CountingEmbedder()
    meaning = Meaning(load_meaning_spec(PROJECT_ROOT / "prompts"), embed, tmp_path, "m")
    meaning.vectors  # noqa: B018 - the examples, embedded once
    embed.texts = 0
    return meaning, embed


def test_a_text_read_again_is_not_embedded_again(tmp_path):
    meaning, embed = _meaning(tmp_path)
    parts = ["they have been upset with us lately", "is Kestrel ready for more seats"]
    first = meaning.blockers(parts)
    assert embed.texts == 2
    assert meaning.blockers(parts) == first and embed.texts == 2
    meaning.intent("is Kestrel ready for more seats")
    assert embed.texts == 2  # the same clause, read for its intent
    rows = meaning.embed_texts(["new words here", parts[0], "new words here"])
    assert embed.texts == 3 and rows.shape[0] == 3 and (rows[0] == rows[2]).all()
    meaning.forget_recent()
    meaning.blockers(parts)
    assert embed.texts == 5


def test_the_oldest_texts_are_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(meaning_module, "RECENT_TEXTS", 3)
    meaning, embed = _meaning(tmp_path)
    meaning.embed_texts(["a b", "c d", "e f"])
    meaning.embed_texts(["a b"])  # now the most recent
    meaning.embed_texts(["g h"])  # drops "c d", the least recent
    assert embed.texts == 4
    meaning.embed_texts(["a b", "e f"])
    assert embed.texts == 4
    meaning.embed_texts(["c d"])
    assert embed.texts == 5
