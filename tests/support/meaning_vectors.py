"""The conversation's example vectors (prompts/conversation/meaning.yaml embedded with MiniLM), made
once per test session and copied into a world's data directory before a server warms up there.

A process that warms up over a fresh data directory embeds every example again (some 860 texts:
about 5 s of CPU, minutes on the shared machine under load); the production code reads them from
`<data dir>/cache/` when they are there (assistant/conversation/meaning.py). The file is made by
that same code, so its name and contents are what the server would have written itself; the
model is still loaded by the warm-up, which these tests check.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def make_meaning_vectors(folder: Path) -> Path:
    """Embed the examples once, as a server's warm-up does, into `folder`/cache/; the file."""
    from assistant.config import Settings
    from assistant.conversation.meaning_spec import load_meaning_spec
    from assistant.conversation.phrasebook import load_phrasebook
    from assistant.conversation.reading import shared_meaning

    settings = Settings(data_dir=folder)
    meaning = shared_meaning(settings, load_meaning_spec(settings.prompts_dir), load_phrasebook(settings.prompts_dir))
    meaning.vectors  # noqa: B018 - embedded now and written to the cache
    (found,) = (folder / "cache").glob("meaning-*.npy")
    return found


def seed_meaning_vectors(data_dir: Path, vectors: Path) -> None:
    """Copy the session's example vectors where a server over `data_dir` looks for them."""
    cache = Path(data_dir) / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vectors, cache / vectors.name)
