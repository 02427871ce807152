"""Drafting talk tracks: the Drafter protocol, TemplateDrafter (Jinja2) and LLMDrafter (LangChain).

Drafters only phrase what the rules allowed; the approval gate (assistant.talk_tracks.gate)
decides what is shown. LangChain is imported inside the LLM drafter only.
"""

from assistant.drafting.context import DraftContext, build_context
from assistant.drafting.drafter import Drafter
from assistant.drafting.errors import DraftFailure
from assistant.drafting.parts import DraftParts
from assistant.drafting.template import TemplateDrafter


def __getattr__(name: str):
    if name == "LLMDrafter":  # lazily: importing the package must not import LangChain
        from assistant.drafting.llm import LLMDrafter

        return LLMDrafter
    raise AttributeError(name)


__all__ = ["Drafter", "DraftContext", "DraftParts", "DraftFailure", "TemplateDrafter", "LLMDrafter", "build_context"]
