"""Conversation: ask in plain words, with follow-ups, in a chat session.

    from assistant.conversation import Conversation
    answer = Conversation(coach, session_id, user).ask("should I pitch Data Quality to Acme?")

Modules: phrasebook (the data file prompts/conversation/intents.yaml, compiled), intents
(deterministic reader), blockers_from_words (play facts in the AM's words), resolve (typed
names -> known names), world (names on record), understand (slots -> request), context
(follow-ups and ask-back replies), actions (one per intent), replies (wording), memory
(session state in the store), answer (the Answer object), llm_parse (optional), engine.
"""

from assistant.conversation.answer import Answer, Applied, AskBack
from assistant.conversation.engine import Conversation, new_session_id

__all__ = ["Answer", "Applied", "AskBack", "Conversation", "new_session_id"]
