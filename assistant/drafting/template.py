"""TemplateDrafter: the deterministic talk track, one Jinja2 template per motion in prompts/.

It uses only the facts in the DraftContext, so it is the fallback the gate can always show;
if approval ever refuses it, that is a bug reported as an error, never a shown draft.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from assistant.drafting.context import DraftContext
from assistant.drafting.errors import DraftFailure
from assistant.drafting.parts import PART_NAMES, DraftParts
from assistant.drafting.prompts import render_block


class TemplateDrafter:
    name = "template"

    def __init__(self, prompts_dir: Path):
        self.prompts_dir = Path(prompts_dir)

    def template_name(self, context: DraftContext) -> str:
        return f"talk_track_{context.motion}.md.j2"

    def draft(self, context: DraftContext, *, slots: dict[str, str] | None = None, **_) -> DraftParts:
        """The talk track; `slots` are a model's clauses for slot mode (None: the template's own words)."""
        name = self.template_name(context)
        values = {**context.model_dump(), "slots": slots}
        try:
            parts = {part: " ".join(render_block(self.prompts_dir, name, part, **values).split())
                     for part in PART_NAMES}
        except jinja2.UndefinedError as exc:
            raise DraftFailure(f"{self.prompts_dir / name}: the account lacks a fact the template needs "
                               f"({exc})") from None
        except jinja2.TemplateError as exc:
            raise DraftFailure(f"{self.prompts_dir / name}: {exc}") from None
        return DraftParts(**parts)
