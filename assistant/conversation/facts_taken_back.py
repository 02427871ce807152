"""What a message takes back of the play in focus: the facts an earlier turn stated that this one says
are not so ("forget the bundle", "no, it's their deadline", "what if it weren't for my quarter?").

Split out of chat.py (`Conversation` keeps the flow and asks these): a correction or a take-back
must remove exactly the facts it names, and the rules for which facts those are belong together.
"""

from __future__ import annotations

from assistant.conversation.intents import normalise, parse
from assistant.conversation.known_names import KnownNames
from assistant.conversation.meaning import clauses
from assistant.conversation.memory import SessionState
from assistant.conversation.turns import hypothetical, taken_back
from assistant.conversation.understand import Request


class TakenBack:
    """The facts a message takes back, read with the phrasebook's and the reader's blocker words."""

    def __init__(self, book, reader, replies):
        self.book, self.reader, self.replies = book, reader, replies

    def takes_back(self, question: str, state: SessionState) -> bool:
        """Whether the message says a fact the play in focus carries is not so (its blocker's `calm`
        words or a negated cue: "ok, split them", "keep the renewal out of it")."""
        if not self.carried_facts(state):
            return False
        carried = {k for k in (state.play or {}) if (state.play or {}).get(k)}
        # (a fact kept as a what-if too: "they've been unhappy" is sentiment=negative)
        rules = {b.code for b in self.reader.spec.blockers if set(b.sets) & carried or set(b.what_if) & set(state.what_ifs)} | \
            {b.rule for b in self.book.blockers if set(b.sets) & carried}
        return bool(self.calmed(question) & rules)

    def carried_facts(self, state: SessionState) -> bool:
        """Whether the play in focus carries facts stated earlier (what a message may take back)."""
        keys = {k for b in self.book.blockers for k in b.sets} | {k for b in self.reader.spec.blockers for k in b.sets}
        return bool(state.what_ifs) or bool(state.play and set(state.play) & keys)

    def denied(self, parsed, state: SessionState, world: KnownNames) -> set[str]:
        """"No, their budget cycle" after a verdict that took the timing as ours: the rules of
        the timing facts it takes back. Only a reply that names no account, product or change,
        asks nothing the patterns know, and says the customer's side (meaning.yaml `confirm`)."""
        taken = self._timing_of_verdict(parsed, state, world)
        if not taken or self.reader.answered(parsed.question) is not False:
            return set()
        return taken

    def confirms(self, parsed, state: SessionState, world: KnownNames) -> list:
        """"Ours, honestly" after a verdict that took the timing as ours (a deadline in the quota window):
        the same reply as to the question whether it is, the play checked again with the fact said (the
        blockers of its rules; none when it says nothing of the kind)."""
        rules = self._timing_of_verdict(parsed, state, world) if parsed.intent is None else set()
        # (a reply that opens with the words of a yes, "ours, honestly": not a "yes" said in passing, "what would
        # make it a yes", nor our side named in a take-back, "scratch the quarter bit, no rush on our side")
        opening = f"{normalise(parsed.question)} "
        if not any(opening.startswith(f"{normalise(p)} ") for p in self.reader.spec.confirm.confirms):
            return []
        if not rules or self.reader.answered(parsed.question) is not True or \
                taken_back(parsed.question, self.book) is not None or self.calmed(parsed.question) & rules:
            return []  # (not one that drops it: "drop the quarter thing" names the quarter to take it back)
        return [b for b in self.reader.spec.blockers if b.code in rules and not b.unsure_only][:1]

    def _timing_of_verdict(self, parsed, state: SessionState, world: KnownNames) -> set[str]:
        """The timing rules of the last verdict a reply may say yes or no to: a reply that names no
        account, product or change and asks nothing the patterns know."""
        if not state.play or not state.last_verdict or parsed.change is not None:
            return set()  # ("what about more capacity instead, no rush on that one?" asks of another play)
        if parsed.intent is not None and not (parsed.intent == "followup" and hypothetical(parsed.question, self.book)):
            return set()  # (but "what if it weren't for my quarter?" takes it back)
        if world.accounts.mentions(parsed.text) or world.products.mentions(parsed.text):
            return set()
        timing = {b.rule for b in self.book.blockers if b.rule and "timing_reason" in b.sets}
        return timing & set(state.last_verdict.get("codes") or ())

    def rules_taken_back(self, question: str) -> set[str]:
        """The rules of the blockers a message takes back as a whole ("forget the bundle", "skip
        the discount"): those its words are about (a blocker's hint or cue words), no other ask."""
        what = taken_back(question, self.book)
        asked = parse(what, self.book) if what is not None else None
        # ("forget it, what can I sell at Lumen?" asks something: not a fact dropped; "forget the quota
        # bit" is read as a fact alone, a follow-up no pattern reads: the fact it names is dropped)
        if asked is None or (asked.intent is not None and (asked.intent != "followup" or asked.pattern)):
            return set()
        # (the phrases of the words count too: "the quarter-end part" is the phrasebook's quarter end)
        return self.facts_named(what) | self.rules_of(asked.revealed)

    def facts_named(self, words: str) -> set[str]:
        """The rules of the blockers some words are about ("the bundle", "the discount"): a
        blocker's hint or cue words."""
        about = self.reader.hinted(words) | self.reader.cued(words)
        return {b.code for b in self.reader.spec.blockers if b.id in about and b.code}

    def rules_of(self, revealed) -> set[str]:
        return {r.rule for r in revealed if r.rule}

    def told_apart(self, request: Request, negated, question: str) -> list[dict]:
        """The questions about a blocker that a clause raised apart from the phrases negated in the
        message ("why Acme isn't in my commit, | and told me to get it signed before the 31st"): a
        negated phrase takes its blocker back in its own clause only (the message's calm words, all of it)."""
        if not negated:
            return []
        calmed = self.calmed(question)
        said = [normalise(r.phrase) for r in negated]
        return [u for u in request.unsure if u.get("code") not in calmed
                and not any(p and p in normalise(u.get("phrase", "")) for p in said)]

    def calmed(self, question: str) -> set[str]:
        """The rules of the blockers the message says are not so ("keep the renewal separate",
        "what if they weren't unhappy any more": cue words that fire once the negation is gone), or
        over ("they're happy again now")."""
        plain = " ".join(w for w in question.replace("\u2019", "'").split()
                         if normalise(w) not in self.reader.negations and not normalise(w).endswith("n't"))
        negated = {b for c in clauses(plain, self.reader.clause_re) for b in self.reader.cued(c)} - \
            {b for c in clauses(question, self.reader.clause_re) for b in self.reader.cued(c)}
        over = self.reader.over(question)
        return {b.code for b in self.reader.spec.blockers
                if (b.id in self.reader.calm(question) or b.id in negated or b.id in over) and b.code}

    def drop_facts(self, request: Request, state: SessionState, rules: set[str]) -> None:
        """Facts of the play in focus that the message takes back ("what if it weren't for my
        quarter?", "no, it's their deadline"): removed from the play this turn checks."""
        # (a blocker the message says is not so is not asked about either: "they're not unhappy")
        request.unsure = [u for u in request.unsure if u.get("code") not in rules]
        if rules and request.play is None and request.intent == "list_plays" and request.ask_back is None:
            self.drop_from_a_list(request, rules)
        if not rules or request.play is None or request.ask_back is not None:
            return
        # (stated in this message's words: a reply to a question back carries the facts its question's
        # message applied, "two separate quotes then, no package" takes that bundle back)
        said = normalise(request.question)
        here = [item for item in request.applied if normalise(item.get("phrase") or "") in said]
        stated = {(k, repr(v)) for item in here for k, v in item.get("sets", {}).items()}
        sets = [b.sets for b in self.book.blockers if b.rule in rules] + \
            [b.sets for b in self.reader.spec.blockers if b.code in rules]
        taken = {w for b in self.reader.spec.blockers if b.code in rules for w in b.what_if}
        stated_facts = {w for item in request.applied for w in item.get("sets", {}).get("what_if", [])}
        dropped = sorted(taken & set(request.what_ifs) - stated_facts)  # "they're not unhappy any more"
        request.what_ifs = [w for w in request.what_ifs if w not in dropped]
        # (what the words say instead replaces it: "she has seen the results" after "she hasn't seen any of
        # it", where the new executive would otherwise be taken not to have; not when the message names
        # someone else to take it to: "forget the CFO, Mia owns the budget")
        same_person = not request.named("person") or request.person == (state.play or {}).get("pitch_to")
        instead = [w for b in self.reader.spec.blockers if b.code in rules and same_person and
                   set(b.what_if) & set(dropped) for w in b.calm_what_if]
        request.what_ifs += [w for w in instead if w not in request.what_ifs]
        for facts in sets:
            for key, value in facts.items():
                if key in request.play and (key, repr(request.play[key])) not in stated and \
                        (request.play[key] == value or key == "bundled_with"):
                    dropped.append(key)
                    request.play.pop(key)
                    request.play_facts.pop(key, None)
        if dropped:
            request.applied = [item for item in request.applied if item in here or item.get("rule") not in rules]
            request.notes.append(self.replies.say("note.taken_back", rules=sorted(rules)))
            request.taken_back = sorted(rules)

    def drop_from_a_list(self, request: Request, rules: set[str]) -> None:
        """A list of the account's plays read on facts carried from earlier turns, one of which the
        message takes back ("what if it weren't for my quarter?" after "list my plays at Evergreen, I'm
        behind on my number"): the list, and the play picked from it later, are read without it."""
        stated = {(k, repr(v)) for item in request.applied for k, v in item.get("sets", {}).items()}
        sets = [b.sets for b in self.book.blockers if b.rule in rules] + \
            [b.sets for b in self.reader.spec.blockers if b.code in rules]
        for facts in sets:
            for key, value in facts.items():
                if key in request.play_facts and (key, repr(request.play_facts[key])) not in stated and \
                        request.play_facts[key] == value:
                    request.play_facts.pop(key)
