"""Warm-up for servers: load what reading by meaning needs (the MiniLM model and the examples'
vectors) before a process takes requests, so that no question pays for the load (seconds) and
each process holds one model. The web app's lifespan and the Slack worker processes call it."""

from __future__ import annotations


def warm_up(settings) -> None:
    from assistant.conversation.meaning_spec import load_meaning_spec
    from assistant.conversation.phrasebook import load_phrasebook
    from assistant.conversation.reading import shared_meaning

    meaning = shared_meaning(settings, load_meaning_spec(settings.prompts_dir), load_phrasebook(settings.prompts_dir))
    meaning.vectors  # noqa: B018 - the examples' vectors (from the disk cache, or embedded now)
    meaning.embed(["warm up"])  # the model itself: the vectors may have come from the cache
