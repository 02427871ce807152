"""Conversation: ask in plain words, with follow-ups, in a chat session.

    answer = coach.ask("should I pitch Data Quality to Acme?", session_id=..., user=...)
    # which runs: Conversation(coach, session_id, user).ask(question)

Modules: phrasebook (the data file prompts/conversation/intents.yaml, compiled), intents
(deterministic reader), blockers_from_words (play facts in the AM's words), resolve (typed
names -> known names), known_names (the names on record), understand (slots -> request),
follow_ups (follow-ups and ask-back replies), actions (one per intent, each calling the Coach),
memory (session state), answer (the Answer object), llm_parse (optional), chat (the
Conversation). The wording is prompts/wording.yaml (assistant/wording.py).
"""

from assistant.conversation.answer import Answer, Applied, AskBack
from assistant.conversation.chat import Conversation, new_session_id

__all__ = ["Answer", "Applied", "AskBack", "Conversation", "new_session_id"]
