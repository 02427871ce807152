"""One Coach over the demo portfolio in a temporary data directory, shared by the review tests."""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.config import PROJECT_ROOT, Settings


@pytest.fixture(scope="session")
def review_settings(tmp_path_factory) -> Settings:
    # Explicit values override any COACH_* variables of the developer's shell.
    return Settings(data_dir=tmp_path_factory.mktemp("review-data"), llm_base_url=None, llm_model=None,
                    rules_dir=PROJECT_ROOT / "rules", knowledge_dir=PROJECT_ROOT / "knowledge",
                    prompts_dir=PROJECT_ROOT / "prompts", load_demo=True)


@pytest.fixture(scope="session")
def coach(review_settings) -> Coach:
    return Coach(review_settings)
