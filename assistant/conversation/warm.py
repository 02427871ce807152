"""Warm-up for servers: load what reading by meaning needs (the MiniLM model and the examples'
vectors) before a process takes requests, so that no question pays for the load (seconds) and
each process holds one model. The web app's lifespan calls it (and Socket Mode's start); the
Slack answer processes are forked after it and share the loaded model (slack/workers.py).

A server process also keeps torch to `threads` CPU threads (`embedding_threads`, default 1): it
answers several questions at once, and torch's own thread pool on top of that oversubscribes
the cores (measured on the 2-core machine under load: one short encode took 0.7-1.5 s with 2
threads and about 0.1 s with 1)."""

from __future__ import annotations

import os
import sys


def limit_threads(threads: int) -> None:
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)
    else:  # read by torch (OpenMP) when it is imported
        os.environ["OMP_NUM_THREADS"] = str(threads)


def warm_up(settings) -> None:
    from assistant.conversation.meaning_spec import load_meaning_spec
    from assistant.conversation.phrasebook import load_phrasebook
    from assistant.conversation.reading import shared_meaning

    limit_threads(settings.embedding_threads)
    meaning = shared_meaning(settings, load_meaning_spec(settings.prompts_dir), load_phrasebook(settings.prompts_dir))
    meaning.vectors  # noqa: B018 - the examples' vectors (from the disk cache, or embedded now)
    meaning.embed(["warm up"])  # the model itself: the vectors may have come from the cache
