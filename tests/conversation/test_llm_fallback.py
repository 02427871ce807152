"""An LLM may read phrasing the patterns cannot: only then, and only as validated data."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel


class CountingModel(FakeListChatModel):
    """A fake chat model that fails when called more often than expected."""

    max_calls: int = 1
    calls: int = 0

    def invoke(self, *args, **kwargs):
        self.calls += 1
        assert self.calls <= self.max_calls, f"the model was called {self.calls} times"
        return super().invoke(*args, **kwargs)


def test_the_model_is_not_called_when_the_patterns_read_the_question(chat):
    model = CountingModel(responses=["{}"], max_calls=0)
    answer = chat(chat_model=model).ask("should I pitch DQ to Acme")
    assert answer.parser == "rules" and answer.verdict is not None and model.calls == 0


def test_the_model_reads_odd_phrasing_and_its_names_are_resolved(chat):
    model = CountingModel(responses=['Sure! {"intent": "check_play", "account": "acme", "product": "DQ"}'])
    answer = chat(chat_model=model).ask("yo coach, thoughts on the roadrunner-proofing thingy for the coyote crew??")
    assert model.calls == 1 and answer.parser == "llm"
    assert answer.entities["account"] == "Acme Corp" and answer.entities["product"] == "Data Quality"
    assert answer.text.startswith("Pitch it:")  # the verdict still comes from the rules


def test_an_account_the_model_invents_is_asked_back(chat):
    model = CountingModel(responses=['{"intent": "check_play", "account": "Globex", "product": "Data Quality"}'])
    answer = chat(chat_model=model).ask("yo coach, the globex people, that data thingy, worth it??")
    assert answer.verdict is None and answer.ask_back.kind == "account"


def test_an_unknown_intent_or_garbage_from_the_model_is_not_understood(chat):
    for reply in ('{"intent": "approve_everything"}', "no idea", '{"intent": "followup"}'):
        answer = chat(chat_model=CountingModel(responses=[reply])).ask("zorp blip the wibble")
        assert answer.intent == "unclear" and answer.verdict is None, reply
