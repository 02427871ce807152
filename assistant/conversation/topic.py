"""Off topic or unclear: what a message that nothing read for sure is about.

README ("coach ask and coach chat"): a message about something other than accounts, plays and the
framework (office hours, lunch, IT, expenses, a general-knowledge question) is `off_topic`, also
when it opens with "btw" or follows a remark; a reaction, a remark or a fragment is `unclear`.

The example phrasings cannot list every subject outside the domain, and MiniLM likeness between
two off-topic questions is low ("how far is the moon" is 0.27 alike to "how tall is the eiffel
tower"), so nearness to the off_topic examples alone leaves most of them unread. They are read
here by their distance from the domain instead: a question whose nearest example of every intent
about accounts, plays and the framework is far (`domain_below`), or whose nearest example of all
is an off_topic one (`nearest`), is off topic; a message nearest a remark ("I hate mondays") is
not. The caller keeps out what names an account, product or person, or tells a blocker's cue
words: those are about the domain whatever their likeness. Thresholds: intent_choice.yaml
`off_topic`.
"""

from __future__ import annotations

from typing import Sequence

from assistant.conversation.meaning import ClauseCutter, IntentReading, clause_split, clauses, words

OFF_TOPIC = "off_topic"
REMARK = "unclear"  # the remarks and fragments of meaning.yaml: asks nothing
HELP = "help"
OUTSIDE = (OFF_TOPIC, REMARK, HELP)  # intents not about accounts, plays or the framework


def asks(question: str, question_words: frozenset[str], lead: frozenset[str], clause_re: ClauseCutter) -> bool:
    """Whether the message asks something: it ends in "?", or one of its clauses opens, after
    lead-in words, with a question word or words of asking ("btw is the office closed friday",
    "lol ok. unrelated but where's the nearest pharmacy", "anyone know a good dentist nearby"; not
    "honestly not what I expected")."""
    if question.rstrip().endswith("?"):
        return True
    for clause in clause_split(question, clause_re):
        said = words(clause or "")
        while said and said[0] in lead:
            said.pop(0)
        if any(" ".join(said[:n]) in question_words for n in (1, 2, 3)):
            return True
    return False


def off_topic(rankings: Sequence[list[IntentReading]], question: str, params, *, question_words: frozenset[str],
              lead: frozenset[str], clause_re: ClauseCutter) -> bool:
    """Whether a message no reader read for sure is about something else than the domain, by the
    rankings of the texts read for its intent (meaning.py: nearest example per intent)."""
    if not rankings or len(words(question)) < params.min_words:
        return False
    best: dict[str, float] = {}
    for ranked in rankings:
        for reading in ranked:
            best[reading.intent] = max(best.get(reading.intent, 0.0), reading.score)
    off, remark = best.get(OFF_TOPIC, 0.0), best.get(REMARK, 0.0)
    domain = max((s for i, s in best.items() if i not in OUTSIDE), default=0.0)
    if not asks(question, question_words, lead, clause_re):
        return False  # a remark ("going to grab lunch brb", "can't wait for the weekend")
    if off >= params.nearest and off > max(domain, remark, best.get(HELP, 0.0)):
        # nearest an off_topic example of all ("who won the match", "is it snowing"); one nearer a call for
        # help is about the coach ("hi, I'm new here. what can you actually do for me?")
        return True
    return domain < params.domain_below and remark < max(off, domain)


class Topics:
    """The reading above for one Conversation: its words of asking (meaning.yaml `question_words`,
    intents.yaml `open_question`, intent_choice.yaml `off_topic.asking`) built once."""

    def __init__(self, reader, book, params):
        self.reader, self.params = reader, params
        self.lead = book.words.get("lead_in", frozenset())
        self.asking = reader.question_words | book.words.get("open_question", frozenset()) | \
            frozenset(" ".join(words(w)) for w in params.asking)

    def asks(self, question: str) -> bool:
        return asks(question, self.asking, self.lead, self.reader.clause_re)

    def tells_blocker(self, question: str) -> bool:
        """Whether a clause of the message has a blocker's cue or hint words (no model)."""
        reader = self.reader
        return any(reader.cued(c) or reader.hinted(c) for c in clauses(question, reader.clause_re))

    def elsewhere(self, question: str, parsed, request, world) -> bool:
        """Whether a message nothing read for sure is off topic: one that names an account, product
        or person on record, a change, or a blocker's cue or hint words is about the domain."""
        if request.change or request.play_facts or request.applied or request.unsure or \
                world.accounts.mentions(parsed.text) or world.products.mentions(parsed.text) or \
                world.everyone.names.mentions(parsed.text):
            return False
        if self.tells_blocker(question):
            return False
        reader = self.reader
        # (an intent the words do not ask for is no nearness to the domain: "how do I log a call in
        # salesforce" is near a script for a call, yet asks for no words to say: meaning.yaml intent_needs)
        rankings = [[r for r in reader.meaning.ranking(text) if reader.meaning.asked_as(r.intent, text)]
                    for text in reader.intent_texts(parsed, world)]
        return off_topic(rankings, question, self.params, question_words=self.asking,
                         lead=self.lead, clause_re=reader.clause_re)
