"""Conversation(coach, session_id, user).ask(text) -> Answer: the chat's one entry point.

read (patterns; an LLM only for what they cannot read, when configured) -> resolve names ->
fill follow-ups from the session -> ask the Coach -> say it -> remember the focus -> append the
answer to the audit log. Interfaces reach it through `Coach.ask` / `Coach.conversation`; the
coach object is passed in (this package never imports assistant.coach) and only its methods
are called.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from assistant.conversation import cross_sell, topic
from assistant.conversation.actions import Actions
from assistant.conversation.addressed import unaddressed
from assistant.conversation.answer import Answer, Applied, AskBack
from assistant.conversation.asked_whether import draft_or_check
from assistant.conversation.draft_form import asks_for_words
from assistant.conversation.facts_carried import held_in_review, said_of_list, still_applied
from assistant.conversation.facts_taken_back import TakenBack
from assistant.conversation.focus_fills import FocusFills
from assistant.conversation.follow_ups import (ACCOUNT_INTENTS, EXPLAINS, ON_THE_VERDICT, VERDICT_INTENTS, answer_pending,
                                               complete, ordinal, quoted_names_aside, still_open)
from assistant.conversation.going_back import back_to, gone_back, set_aside
from assistant.conversation.intent_choice import ask_back as choice_ask_back, closest, load_choices, picked
from assistant.conversation.intents import asked_of_a_story, asked_opening, clean_slot, loose, normalise, parse
from assistant.conversation.intents import opened as opened_by
from assistant.conversation.listed_pick import at_place
from assistant.conversation.meaning import clauses, words
from assistant.conversation.memory import SessionMemory, SessionState
from assistant.conversation.person_meant import why_of_person
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.reading import Reader
from assistant.conversation.short_follow_ups import ShortFollowUps
from assistant.conversation.turn_memory import REACTION, REMEMBERED_INTENTS, remember
from assistant.wording import load_replies
from assistant.conversation.turns import (at_focus, by_person, by_pronoun, by_title, closing_alone, corrected, dismissed,
                                          hypothetical, is_reaction, opening, redraft, switched, unfinished, unstamped)
from assistant.conversation.understand import Request, understand
from assistant.conversation.choice_settled import settled_person
from assistant.conversation.listed_items import numbered_items
from assistant.conversation.verdict_asked import why_asked
from assistant.conversation.known_names import KnownNames
from assistant.errors import CoachError

AUDIT_KIND = "answer"
NOT_ABOUT_NAMES = ("off_topic", "help")  # intents a message naming accounts or products is not
# ... and intents a story telling facts about the play in focus ("they told me they're talking to
# a competitor") is not: it asks about that play, not about the framework or the whole book.
STATEMENT_NOT = ("framework", "focus")
# ... nor, when no pattern read it, one of the questions about the verdict alone: those are not read
# for the facts a message tells, and a story is read for them.
STORY_NOT = ("why", "why_not", "who_sponsor")
# Questions a follow-up's target may ask on its own ("and the sponsor at Kestrel?"): read as such.
ASKED_OF_A_TARGET = ("who_sponsor", "draft", "why", "why_not", "qbr", "list_plays")
UNANSWERED = (REACTION, "other_one")
# Questions about an account's play that, naming the account alone, are answered for its closest play
CLOSEST_PLAY_INTENTS = ("why_not", "why", "who_sponsor", "draft")
# Questions that evaluate no play: a message read as one of them by meaning that tells a blocker of
# a play it names is a check of that play (reading.py `told_of_play`).
TOLD_NOT = ("framework", "focus", "list_plays", "qbr", "unclear", "off_topic", "help")
# Questions about no play: a message the focus alone made a question about a play is read as them
# when alone it is ("what kinds of questions can I ask you?").
NOT_ABOUT_PLAY = ("help", "off_topic", "framework", "focus", *ACCOUNT_INTENTS)
# ... but a question about the whole book or the coach that names no account or product on record
# ("where's my time best spent this quarter?") is not about the play in focus, whatever its words
BOOK_WIDE = ("focus", "help", "off_topic")
TOLD_BY_PATTERN = ("framework", "focus")  # ... and read so by a pattern, when the message names the play itself ("Fjord 3 yr term - bookings count double on my comp plan this quarter. ok?")  # read, yet no question to answer: the answer's intent is `unclear`


def new_session_id() -> str:
    return uuid.uuid4().hex


class Conversation:
    def __init__(self, coach, session_id: str | None = None, user: str | None = None, *,
                 today: dt.date | None = None, chat_model=None, knowledge=None, viewer=None,
                 allowed_accounts=None, embed=None):
        """`chat_model` (a LangChain chat model) replaces the configured LLM for phrase reading;
        `knowledge` (anything with .search(query, k)) replaces the framework search; `viewer` is
        the access scope passed on to every Coach call; `allowed_accounts` (optional) further
        limits the account names that resolve; `embed` (texts -> unit vectors) replaces the
        MiniLM model for reading by meaning."""
        self.coach = coach
        self.session_id = session_id or new_session_id()
        self.user = user
        self.today = today
        self.knowledge, self.viewer = knowledge, viewer
        settings = coach.settings
        self.book = load_phrasebook(settings.prompts_dir)
        self.replies = load_replies(settings.prompts_dir)
        self.choices = load_choices(settings.prompts_dir)
        self.reader = Reader(settings, self.book, self.replies, embed, today=today)
        self.topics = topic.Topics(self.reader, self.book, self.choices.off_topic)
        self.allowed_accounts = None if allowed_accounts is None else frozenset(allowed_accounts)
        self._chat_model = chat_model
        ttl = getattr(settings, "session_ttl_s", None) or self.book.ttl_s
        self.memory = SessionMemory(coach, self.session_id, user, ttl)
        # the session's rules, each in a module of its own (chat.py keeps the flow)
        self.taken = TakenBack(self.book, self.reader, self.replies)
        self.focus_fills = FocusFills(self.book, self.reader, self._cued)
        self.short = ShortFollowUps(self.book)

    # -- reading ------------------------------------------------------------------------------
    def _llm(self):
        settings = self.coach.settings
        if self._chat_model is None and settings.llm_base_url and settings.llm_model:
            from assistant.conversation.llm_parse import chat_model_from

            self._chat_model = chat_model_from(settings)
        return self._chat_model

    def _read(self, parsed, state: SessionState, world: KnownNames) -> Request:
        if parsed.parser == "meaning" and parsed.intent == "framework" and "topic" not in parsed.slots:
            parsed.slots = {**parsed.slots, "topic": parsed.rest or parsed.text}  # what to look up: the words
        return understand(parsed, world, self.replies, state.account,
                          fragment_words=self.reader.spec.thresholds.fragment_words)

    def _understand(self, question: str, state: SessionState, world: KnownNames, again: bool = False) -> Request:
        # (its reads of the catalog, the names and the accounts share one read of the data version)
        with self.coach.one_data_version():
            return self._understand_now(question, state, world, again)

    def _understand_now(self, question: str, state: SessionState, world: KnownNames, again: bool) -> Request:
        if (item := self._item_for_the_coach(question, world)) is not None:
            # "three things: 1. did anyone book the room 2. can I pitch MA to Evergreen through Mia 3. who has the
            # HDMI adapter": the one item about our accounts is the question for the coach
            return self._understand(item, state, world, again)
        said = parse(question, self.book)
        if asked_of_a_story(said) and \
                any(self.reader.cued(c) for c in clauses(question, self.reader.clause_re)) and \
                not self._list_with_its_facts(said, self._read(said, state, world)):
            # "their renewal is tied to DQ, what's the thinking on it at Acme?": a story that tells a fact of the
            # play, in cue words, is a check of that play, read for its blockers (not what its question asks);
            # but one asking for the account's plays that names no play is that question ("they're furious
            # since the outage. any plays at Delta?"), its fact read on the list
            said = parse(question, self.book, skip=frozenset({said.intent}))
        if said.intent == "followup" and said.slots.get("target"):
            # "and the sponsor at Kestrel?": what the follow-up names is another question, elsewhere
            inner = parse(said.slots["target"], self.book)
            if inner.intent in ASKED_OF_A_TARGET:
                said = replace(inner, question=question, first=said.first)
        if said.intent == "off_topic" and self._ours_in_context(said, state, world):
            said = parse(question, self.book, skip=frozenset({"off_topic"}))  # "DQ for Acme before the holiday season?"
        if said.intent == "framework" and (self._topic_ours(said, world) or self._topic_there(said, state)):
            # "how should I approach Dana about Data Quality": a general pattern's topic that names our
            # account, product or person asks about that play, not the framework (unless it names the framework)
            said = parse(question, self.book, skip=frozenset({"framework"}))
        negated = list(said.revealed)
        parsed = self.reader.drop_negated(said)
        # ("what if it weren't for my quarter?"; not our quarter beside the customer's reason: asked about)
        negated = [r for r in negated if r not in parsed.revealed and not self.reader.beside_theirs(r, question)]
        if state.pending and state.pending["kind"] == "intent":
            parsed = self._intent_picked(parsed, state.pending, world) or parsed
            state.pending = None  # a pick, or a question of its own
        request = answer_pending(parsed, state, world, self.reader)
        answered = request is not None  # (the reply to the question back: nothing of it is asked again)
        if request is None and is_reaction(question, self.book):
            return Request(question=question, intent=REACTION)  # "lol", "ok thanks": nothing asked
        if request is None and parsed.intent in (None, "check_play") and unfinished(question, self.book) and \
                not self._names_ours(parsed, world) and not self._capitalised(question, world):
            return Request(question=question, intent=REACTION)  # "so I was going to ask about": it goes on next
        if request is None and parsed.intent is None and (closing := closing_alone(question, self.book)) and \
                (state.play if closing in VERDICT_INTENTS else state.account):
            # "thoughts?", "hmm ok, right move?" after the customer's reply was pasted: the closing question
            # of what the turns before told, about the play (or the account) in focus
            request = complete(Request(question=question, intent=closing), state, world, self.replies)
            self.reader.settle(request, world)
            return request
        if request is None and parsed.intent is None and (person := why_of_person(self.book, parsed, state, world)):
            # "why her?", "why Ana tho" after the sponsor was named: the reasons behind the play in focus
            request = complete(Request(question=question, intent="why", person=person), state, world, self.replies)
            self.reader.settle(request, world)
            return request
        denied = self.taken.denied(parsed, state, world) if request is None else set()
        confirmed = self.taken.confirms(parsed, state, world) if request is None and not denied else []
        if denied or confirmed:
            request = Request(question=question, intent="followup")  # "no, their budget cycle", "ours, honestly"
            request = complete(request, state, world, self.replies)
            self.taken.drop_facts(request, state, denied)
            for blocker in confirmed:  # (said so: the fact applied from the reply, as an answer is)
                self.reader.apply(request, blocker, question.strip(), 1.0, "answer", world)
            self.reader.settle(request, world)
            return request
        if request is None and state.play and dismissed(question, self.book) is None and \
                (rules := self.taken.rules_taken_back(question)):
            # "forget the bundle", "ok skip the discount": the play in focus without that fact
            request = complete(Request(question=question, intent="followup"), state, world, self.replies)
            self.taken.drop_facts(request, state, rules)
            self.reader.settle(request, world)
            return request
        if request is None and (switch := switched(question, self.book)) is not None and \
                (after := back_to(switch[0], state, world, self.book.remember_plays)) is not None:
            if not switch[1]:  # "ok, back to Orchid then": its play (or its plays), asked about again
                return gone_back(question, after, world, self.replies)
            return self._understand(switch[1], after, world, again)  # "back to Governance: draft it"
        if request is None and (dropped := dismissed(question, self.book)) is not None:
            # "forget Corvid. what's worth pushing at Lumen?": the question after, without Corvid
            what, rest = dropped
            rules = self.taken.facts_named(normalise(what)) if what and state.play else set()
            if rules and (remark := parse(rest, self.book)).intent is None and remark.change is None and \
                    not self._names_ours(remark, world):
                # ("fine, forget my number. their summer campaign only": a fact of the play dropped, then a
                # remark that asks nothing and names nothing, no change either ("forget the bundle, just the
                # seats" narrows the play): the play in focus without it)
                request = complete(Request(question=question, intent="followup"), state, world, self.replies)
                self.taken.drop_facts(request, state, rules)
                self.reader.settle(request, world)
                return request
            after = set_aside(what, state, world) if what else state
            # (what follows a dismissal is a question of its own, not the last one asked again: "hmm
            # actually skip it, what about Orchid gov" after a draft asks for that play's verdict)
            request = self._understand(rest, after, world)
            if what and after.play and (rules := self.taken.facts_named(normalise(what))):
                self.taken.drop_facts(request, after, rules)  # "never mind the discount, just draft it plain"
            return request
        opened = opening(question, self.book, self.reader.negations) if request is None else None
        if opened is not None:
            # "sorry, I meant Delta", "ok cool, and Gale?": the question is what follows the opening
            again = again or opened.correction
            rest = parse(opened.rest, self.book).intent
            # ("ok forget my quota. gov at juniper then?": a dismissal or a fact dropped after a reaction)
            if parsed.intent is None or (rest not in (None, parsed.intent, "followup") and rest not in self.book.plain) \
                    or dismissed(opened.rest, self.book) is not None or \
                    (rest in (None, "followup") and self.taken.rules_taken_back(opened.rest)) \
                    or (rest == "followup" and (self.short.filler_slot(parsed) or opened.correction)) or \
                    (rest == parsed.intent == "followup" and self._opening_in_slots(parsed, opened.rest)):
                # ("no wait, for Priya" after a draft: the draft again, for her; not a check whose product is "wait")
                # ("nah, draft it for Priya": the words after the opening ask for a draft, whatever the
                # whole message, "nah draft it" read as a product's name, looked like; "hmm, and at
                # Harbor?" is a follow-up, not a check whose product is "and"; "wait what about the BI
                # tool instead" is "what about <it>", not "<wait what about the BI tool> instead")
                # ("hang on, what about DQ instead" after "why?": a follow-up of its own, its verdict; not the
                # last question again, as "hang on, I meant DQ" is: session words `asks_anew`)
                return self._understand(opened.rest, state, world,
                                        again and rest in (None, "followup") and not self._asks_anew(opened.rest))
        split = corrected(question, self.book, self.reader.negations, self.reader.spec.thresholds.fragment_words) \
            if request is None else None
        if split is not None and (then := self._corrected(*split, state, world)) is not None:
            return then  # "what about Enterprise... no wait, a 3 year term"
        if request is None:
            request = self._read(parsed, state, world)
            if parsed.intent is None and request.intent == "followup" and request.ask_back is None and \
                    (asked := opened_by(replace(parsed, intent="followup", pattern="names"), self.book, frozenset())).intent \
                    not in (None, "followup"):
                # "kestrel - who signs?", "harbor studio, which exec?": names no pattern read, then a short
                # question opening with another intent's words (`opens`): that question, about what they name
                # (not when the names are a choice asked back: "Acme vs Kestrel: who gets Studio first?")
                parsed = self.reader.with_intent(parsed, asked.intent, f"names, then: {asked.intent}")
                request = self._read(parsed, state, world)
            elif state.play and not (request.typed or request.change or request.play_facts) and self.short.only_a_count(parsed, state.change):
                # "ok and 100 more?", "how about thirty": another count of the play in focus, not a name to ask about
                request = Request(question=question, intent="followup")
            if request.intent in ("check_play", "followup") and (account := request.account or state.account) and \
                    self._between_people(parsed.text, account, world):
                # "Dana or Priya for the DQ pitch at Acme?": which of two people to take the play to (and
                # "Lumen 3 year term: Oskar or Ana?", read for its names alone, or as a follow-up)
                parsed = self.reader.with_intent(parsed, "who_sponsor", "between people")
                request = self._read(parsed, state, world)
            elif state.person and (account := request.account or state.account) and \
                    (meant := by_person(question, self.book, state.person)) is not None and \
                    self._between_people(meant, account, world):
                # "her or Oskar?": which of the two to take the play to, "her" the person last named
                parsed = self.reader.with_intent(self.reader.drop_negated(parse(meant, self.book)), "who_sponsor",
                                                 "between people")
                request = self._read(parsed, state, world)
            if request.intent == "who_sponsor" and \
                    (person := settled_person(question, request.account or state.account, self.book, world)):
                # "Kestrel seats, through Lucia? or Ben... no, Lucia. ok?": the choice settled, the play checked
                parsed = self.reader.with_intent(parsed, "check_play", "a choice of people settled")
                request = self._read(parsed, state, world)
                request.person = person
                request.typed = [*[k for k in request.typed if k != "person"], "person"]
            if self.focus_fills.names_an_account_and_more(parsed, request, state, world):
                # "mariner plays?", "delta options" with a play in focus: the words beside the name ask
                # for the account's plays (or its QBR), as they would alone; not the last question there
                meant = self.reader.intent(parsed, world)
                if meant is not None and meant.intent in ACCOUNT_INTENTS:
                    parsed, request = meant, self._read(meant, state, world)
            if (parsed.pattern or "").startswith("closing:") and state.play is None and \
                    not (request.typed or request.change or request.play_facts or request.ask_back):
                request.intent = "unclear"  # "... worth it??" of a story naming nothing on record: not read for sure
            if request.intent in ("help", "off_topic", "unclear") and state.account and \
                    (pointed := at_focus(question, self.book, state.account)):
                # "what can I do there?": there is the account in focus
                other = self.reader.drop_negated(parse(pointed, self.book))
                if other.intent not in (None, "help", "off_topic", "unclear", "other_one"):
                    parsed, request = other, self._read(other, state, world)
            if request.intent == "check_play" and request.named("account") and not request.named("product") and \
                    not request.change and (pointed := at_focus(question, self.book, request.account)):
                # "Acme's CSAT fell to 2 ... what can I still sell there?": there is the account the message named
                other = self.reader.drop_negated(parse(pointed, self.book))
                if other.intent in ACCOUNT_INTENTS:
                    parsed, request = other, self._read(other, state, world)
            if state.account and request.ask_back is not None and request.ask_back.kind == "account" and \
                    (meant := by_pronoun(question, self.book, state.account) or
                     by_title(question, state.account, self.reader.executive_titles)) is not None:
                # "take it to their CFO instead", "draft it for their director": "their" is the account in focus
                # (and so is the one whose executive "the CFO" is: "take it to the CFO?")
                other = self.reader.drop_negated(parse(meant, self.book))
                reread = self._read(other, state, world)
                if reread.account == state.account and (reread.ask_back is None or reread.ask_back.kind != "account"):
                    parsed, request = other, reread
            if state.person and request.person is None and (request.ask_back is not None or not request.typed) and \
                    (meant := by_person(question, self.book, state.person)) is not None:
                # "who should sponsor it?" ... "draft it for her": the person last named
                other = self.reader.drop_negated(parse(meant, self.book))
                reread = self._read(other, state, world)
                if reread.person == state.person and reread.ask_back is None:
                    if reread.product is not None and request.product is None:
                        # (the name said for "her", in lower case, read as a product too: "draft it for chloe
                        # martin" is no Marketing Automation): only the person is meant, the play stays in focus
                        request.person, request.ask_back = state.person, None
                        request.typed = [*request.typed, "person"]
                    else:
                        parsed, request = other, reread
            if state.account and request.ask_back is not None and request.ask_back.kind in ("account", "person") and \
                    (nobody := by_person(question, self.book, "")) is not None:
                # "draft it for him" when no one was named (no sponsor on record): the pronoun names no account
                # to ask about; the play (or account) in focus, for no one in particular
                other = self.reader.drop_negated(parse(nobody, self.book))
                reread = self._read(other, state, world)
                if reread.ask_back is None or reread.ask_back.kind not in ("account", "person"):
                    parsed, request = other, reread
            # ("hmm and if I wait until they renew?": the opening words said, a what-if all the same)
            if request.intent == "unclear" and state.last_intent == "draft" and state.play and \
                    redraft(question, self.book):
                request.intent = "draft"  # "make it shorter": the draft of the play in focus, again
            elif (change := self.short.change_described(parsed, request, state)) is not None:
                request.intent, request.change = "followup", change  # "what about the tier instead?"
            hypo = state.play is not None and hypothetical(opened.rest if opened is not None else question, self.book)
            # (an account in focus with no play yet, after its plays were listed, counts: "Governance,
            # right? I'd pitch it straight to the new CCO"; a close name suggested of another kind is no name)
            suggested = [c for c in request.ask_back.candidates if c in world.names(request.ask_back.kind).names] \
                if request.ask_back is not None else []
            told = len(parsed.rest.split()) > self.reader.spec.thresholds.fragment_words  # (a story, not "and DQ for globex?")
            if (state.play is not None or (state.account and request.typed and told)) and request.ask_back is not None \
                    and not suggested \
                    and request.ask_back.kind in ("account", "product") and not self._capitalised(question, world) \
                    and (hypo or again or request.change or request.applied or request.typed or
                         (self.taken.carried_facts(state) and self.taken.calmed(question)) or self.short.only_when(parsed)):
                # "and if they asked for it themselves?", "more capacity instead, no rush on that
                # one", "scratch that, they're not looking at competitors": words typed in lower case
                # beside what the turn does say about the play in focus are not a name to ask about
                request.ask_back = None
                request.intent = "followup"
            if request.intent == "unclear" or (request.ask_back is not None and not request.typed and state.play):
                # Only facts about the play in focus ("they're talking to a competitor"), which
                # the patterns read as nothing, or as names that name nothing on record?
                facts = Request(question=question, intent="unclear", parser="meaning")
                self.reader.blockers(facts, parsed, world, play_in_focus=state.play is not None, focus_product=state.product)
                if facts.intent == "followup" and not self._asks_of_the_book(question, parsed, state, world):
                    request = facts
            story = parsed.intent is None and request.intent == "followup" and \
                len(parsed.rest.split()) > self.reader.spec.thresholds.fragment_words and \
                not self.focus_fills.same_again(parsed, request, state, question)
            unsure = self._unsure_pattern(parsed, request, world)
            if not unsure and parsed.intent == request.intent == "check_play" and request.parser == "rules" and \
                    not (parsed.pattern or "").startswith("closing:") and not (request.applied or request.play_facts) \
                    and not any(self.reader.cued(c) for c in clauses(parsed.question, self.reader.clause_re)) and \
                    not self.reader.dated(parsed.question, world) and \
                    (words := self.reader.words_intent(parsed, world)) is not None and \
                    words.intent not in ("check_play", "unclear"):
                # A check read by a general pattern, while the trained model's words alone read another
                # question for sure ("Dear team, kindly explain the reasoning behind the verdict on ..."):
                # that question, about the same names. (Not a message that tells a fact of the play, a
                # blocker's cue words or a deadline: a check of it, read for its blockers, whatever it asks.)
                parsed = self.reader.with_intent(parsed, words.intent, f"words: {words.intent} ({words.probability:.2f})")
                request = self._read(parsed, state, world)
            if request.intent == "unclear" or story or unsure:
                # The patterns read nothing (or only names, in more words than a fragment), or a
                # reading they are not sure of: the nearest example phrasings may (names masked).
                names_a_play = story and (request.product or request.change)
                states_facts = story and bool(request.applied or request.unsure)
                # (a guess of a general pattern whose words name nothing, ours or capitalised, may be a
                # call for help, as it is alone: "how do I get started with you" with a play in focus)
                names_any = self._names_ours(parsed, world) or self._capitalised(question, world)
                wrong = (ACCOUNT_INTENTS if names_a_play else ()) + \
                    (NOT_ABOUT_NAMES if story or (unsure and names_any) else ()) + \
                    (("check_play",) if unsure else ()) + (STATEMENT_NOT if states_facts or (unsure and self._names_ours(parsed, world))
                                                           or self._tells_of_someone(request) else ()) + \
                    (STORY_NOT if story and not loose(parsed, self.book) else ()) + \
                    (NOT_ABOUT_NAMES + STATEMENT_NOT + ACCOUNT_INTENTS if hypo else ())
                # (a story whose question opens with a question word of its own, "... Who there has the
                # final say?", asks that: its who or why is not set aside; and a text read as an intent
                # set aside leaves the next text to read, the question's last clause among them)
                # (with an LLM configured, it reads what the nearest examples cannot, not the trained model)
                # (a story's question about the verdict that the trained model is all but sure of is
                # read as it: a blocker it tells is still heard by its cue words, CUED_INTENTS)
                lifted = frozenset(STORY_NOT) if story and not loose(parsed, self.book) else frozenset()
                meant = self.reader.intent(parsed, world, skip=frozenset(wrong), learned=self._llm() is None,
                                           lifted=lifted)
                if meant is not None and (meant.intent not in wrong or meant.intent in lifted):
                    # (a story that names a product or a change asks about that play, not the plays;
                    # one that names our accounts or products is neither off topic nor a call for help)
                    request = self._read(meant, state, world)
                    if request.intent == "check_play" and request.account and \
                            self._between_people(parsed.text, request.account, world):
                        # "Lumen 3 year term: Oskar or Ana?": read as a check by meaning, a choice of whom
                        parsed = self.reader.with_intent(parsed, "who_sponsor", "between people")
                        request = self._read(parsed, state, world)
            # Still unread, or only words that name nothing on record: a model may read it better
            # (its names are resolved like typed ones).
            unread = request.intent == "unclear" or (request.ask_back is not None and not request.typed)
            if unread and self._llm() is not None:
                from assistant.conversation.llm_parse import llm_parse

                read = llm_parse(question, self.book, world, self._llm(), self.coach.settings.prompts_dir)
                if read is not None:
                    request = self._read(read, state, world)
            by_pattern = request.parser != "meaning" and request.intent not in ("unclear", *TOLD_BY_PATTERN)
            if request.intent in TOLD_NOT and not by_pattern and \
                    not (request.intent in BOOK_WIDE and not self._names_ours(parsed, world) and not self._cued(question)):
                # Read as another question, yet it tells a blocker of a play it names ("I told Dana the
                # renewal terms depend on the DQ deal. Right move?", "Fjord could walk at renewal. What
                # does the framework say about bringing Governance now?"): a check of that play.
                asked = self.reader.with_intent(parsed, "check_play", "told: a blocker of a play")
                told = self._read(asked, state, world)
                if self.reader.told_of_play(told, asked, world, state.account, state.play is not None, state.product,
                                            named=request.parser != "meaning") and \
                        not self._list_with_its_facts(request, told):
                    request = told
            if hypo and request.intent == "unclear":
                request.intent = "followup"  # "what if it weren't quota-driven?": the play in focus
            elif request.intent == "unclear" and state.play and self.focus_fills.about_focus(question, parsed, state, world):
                request.intent = "followup"  # "their data team fights duplicates every week": the play in focus
            elif request.intent in ("unclear", "off_topic") and state.play and parsed.intent is None and \
                    request.ask_back is None and self.short.only_when(parsed):
                request.intent = "followup"  # "Q1?", "in jan then?": a when of the play in focus
            guessed = request.parser == "rules" and parsed.intent == "check_play" and (unsure or (
                request.ask_back is not None and request.ask_back.kind in ("account", "product") and not request.typed))
            if (request.intent == "unclear" and request.ask_back is None or guessed) and not hypo and \
                    self.topics.elsewhere(question, parsed, request, world):
                # Nothing read it for sure (or a general pattern took words that name nothing on record for
                # names), and it asks about something else than accounts, plays and the framework ("btw is
                # the office closed Friday?", "what's the per diem for travel to London"): off topic
                request = Request(question=question, intent="off_topic")
            if request.intent == "unclear" and request.ask_back is None and state.account and parsed.intent is None \
                    and not self._names_ours(parsed, world) and (meant := self.focus_fills.at_focus_said(question, state)) is not None:
                parsed, request = meant, self._read(meant, state, world)  # "what should I pitch?": at the account in focus
            if request.intent == "unclear" and request.ask_back is None:
                # Nothing read it for sure: the closest intents by meaning, when there are some, are asked back.
                offered = closest(self.reader.intent_rankings(parsed, world), self.choices)
                if offered:
                    request.ask_back = choice_ask_back(self.replies, self.choices, offered)
            if not request.unsure:
                self.reader.blockers(request, parsed, world, play_in_focus=state.play is not None,
                                     focus_product=state.product)
            quoted_names_aside(request, state, world, self.reader)  # 'Sam replied: "... the platform ..."': not the play
            at_place(self.book, self.reader, question, request, state, parsed, world)  # "draft the second one": of the plays listed
            elsewhere = self.focus_fills.elsewhere(request, state, parsed)
            nameless = not elsewhere and self.focus_fills.nameless_question(parsed, request, state)
            alone = request.model_copy(deep=True) if elsewhere or nameless else None
            # ("ok, split them. just the upgrade then" after a draft of the bundle: a fact of the play in
            # focus taken back, and the play narrowed: the same question again, without it)
            if (self._guessed_aside(parsed, request) or self._told_only(parsed, request)) and \
                    self.taken.takes_back(question, state) and not self._asks_anew(question):
                # ("the renewal isn't tied after all", "keep the renewal out of it": no pattern reads them,
                # and the examples' likeness takes their topic for a framework question): the play in focus
                request = Request(question=question, intent="followup")
                self.reader.blockers(request, parsed, world, play_in_focus=True, focus_product=state.product)
            if (request.intent == "followup" or self.short.filler_slot(parsed) and not request.typed or
                    self._same_product_only(request, state)) and \
                    self.taken.takes_back(question, state) and not self._asks_anew(question):
                # (the last question again, without the fact; but not one hanging on the verdict the fact gave,
                # "why not?", "who'd sign for it?": taken back, the verdict is another, the play is checked again)
                # (nor when the play is asked again as a question, "no renewal strings. Governance alone?": its verdict)
                request.intent, again = "followup", state.last_intent not in ON_THE_VERDICT and \
                    not self._play_asked_again(request, state)
            if self.short.another_for(parsed, request, state, world):
                request.intent = "followup"  # "now one for Dana" after a draft: the draft again, for Dana
            elif request.intent != "draft" and asks_for_words(parsed.text, self.book, world):
                # "slack msg for sam?", "delta draft", "email version pls": the words, of the play in focus
                # (or of the one the names point at)
                request = self._read(self.reader.with_intent(parsed, "draft", "words: a form and names"), state, world)
            request = complete(request, state, world, self.replies, again)
            if self._cross_sell_to_pitch(request, world) or self._closest_play(request, state, world):
                request = complete(request, state, world, self.replies, again)
            if request.ask_back is not None and request.parser == "rules" and request.intent not in ("unclear",):
                # A pattern matched, yet its reading needs a question back: it was not certain.
                # When the example phrasings read another intent that needs no question, take it.
                request = self._reread(parsed, request, state, world)
            elif alone is not None and request.ask_back is None and request.parser == "rules" and \
                    (alone := complete(alone, SessionState(), world, self.replies)).ask_back is not None:
                # ... and the same when only the play in focus at another account filled what the
                # question left out ("I have the Acme QBR tomorrow, what should I say?" after a
                # Borealis play): read as the message alone would be, when that reads a question
                # about the account (its QBR, its plays) for sure.
                reread = self._reread(parsed, alone, state, world)
                if reread is not alone and reread.intent in (NOT_ABOUT_PLAY if nameless else ACCOUNT_INTENTS) and \
                        not (nameless and request.intent in EXPLAINS and reread.intent in ACCOUNT_INTENTS) and \
                        not (nameless and request.intent in ON_THE_VERDICT and reread.intent in NOT_ABOUT_NAMES and
                             (self.focus_fills.points_at_play(question) or self.focus_fills.says_they(parsed) or
                              not self.topics.elsewhere(question, parsed, alone, world))):
                    request = reread  # (a question about the account: the play carried does not matter)
                # ("what do I need to sort out first" with a play in focus asks what blocks it, whatever the
                # likeness of its words alone to a call for help; unless it is about something else altogether)
                # ("why is this not possible?" with a play in focus asks the reasons of its verdict, whatever
                # the likeness of "possible" to "what's possible at Orchid": not the account's plays)
                # ("what kinds of questions can I ask you, and can you write emails too?" names nothing:
                # read as it is alone, a call for help, not a draft of the play in focus)
        else:
            request = complete(request, state, world, self.replies)
        if request.intent == "off_topic" and request.parser == "meaning" and not self.topics.asks(question):
            request = Request(question=question, intent="unclear")  # a remark, "going to grab lunch brb": asks nothing
        if request.unsure or self.taken.carried_facts(state):  # (reading the cues again costs: only when it may matter)
            apart = self.taken.told_apart(request, negated, question)
            self.taken.drop_facts(request, state, self.taken.rules_of(negated) | self.taken.calmed(question))
            request.unsure += [u for u in apart if u not in request.unsure]
        # ("why not?" instead of an answer, or another play of the account: asked again)
        request.unsure += still_open(request, state, self._of_one_pitch, replied=answered)
        self.reader.settle(request, world)
        return request

    def _ours_in_context(self, parsed, state: SessionState, world: KnownNames) -> bool:
        """Whether a message read as off topic only for words that may also tell of a play
        (intents.yaml `off_topic_in_context`: "before the holiday season", "their president")
        names an account, a product or a person of the account in focus."""
        found = {m.group(0) for m in self.book.word_pattern("off_topic").finditer(parsed.text)}
        if not found or not found <= self.book.session_words.get("off_topic_in_context", frozenset()):
            return False
        people = world.people(state.account).mentions(parsed.text) if state.account else []
        return bool(world.accounts.mentions(parsed.text) or world.products.mentions(parsed.text) or people)

    def _between_people(self, text: str, account: str, world: KnownNames) -> bool:
        """Whether the words name two people of the account with a word of choice between them
        ("Dana or Priya", "Tom vs Dana"; intents.yaml `vocab: either_or`)."""
        found = sorted(world.people(account).mentions(text), key=lambda m: m.span)
        either = self.book.words.get("either_or", frozenset())
        return any(a.name != b.name and " ".join(text[a.span[1]:b.span[0]].split()) in either
                   for a, b in zip(found, found[1:]))

    def _plays(self, account: str) -> list | None:
        """The account's verdicts, best first, as the user may see them; None when they cannot be had."""
        try:
            return self.coach.plays(account, today=self.today, user=self.user, viewer=self.viewer).plays
        except CoachError:
            return None

    def _cross_sell_to_pitch(self, request: Request, world: KnownNames) -> bool:
        """A cross-sell asked about with no product ("cross-sell at Evergreen?"), asked back with the
        products the account does not own: the one with a play to pitch, when only one has, is the play
        (said in a note); else the question back offers them best play first."""
        ask = request.ask_back
        if ask is None or ask.kind != "product" or not request.account or request.named("product") or \
                request.products_named or not cross_sell.said(request.question, world) or \
                set(ask.candidates) != set(cross_sell.not_owned(world, request.account)):
            return False
        if (plays := self._plays(request.account)) is None:
            return False
        one, ordered = cross_sell.to_pitch(plays, list(ask.candidates))
        if one is None:
            request.ask_back = ask.model_copy(update={"candidates": ordered, "question": self.replies.say(
                "ask.which_product", kind="product", candidates=ordered, account=request.account)})
            return False
        request.product, request.ask_back = one, None
        request.typed = [k for k in request.typed if k != "product"]
        request.notes.append(self.replies.say("note.one_to_pitch", account=request.account, product=one))
        return True

    def _closest_play(self, request: Request, state: SessionState, world: KnownNames) -> bool:
        """What blocks an account that names no product ("what's stopping me from pitching Corvid?",
        "how come I can't upsell Harbor?"): the account's plays settle which play is meant, the
        closest one (best first; of an upsell, the best play growing what it owns), said in a note,
        rather than a question back for the product. The same for the reasons and the sponsor of an
        account named alone ("kestrel - who signs?", "why is Lumen on the list?" of an account the
        quarter's list did not name), and for its words right after that list ("how about a draft for
        Lumen?"; else "an email for Acme" asks which product)."""
        ask = request.ask_back
        if request.intent not in CLOSEST_PLAY_INTENTS or (request.intent == "draft" and not state.on_the_list()) or \
                ask is None or ask.kind != "product" or not request.account or \
                request.named("product") or request.change or request.products_named:
            return False
        if (plays := self._plays(request.account)) is None:
            return False
        if set(request.question.casefold().split()) & world.name_params.upsell_words:
            plays = [v for v in plays if v.motion.value == "upsell"]
        elif cross_sell.said(request.question, world):  # ("what's blocking a cross-sell into Corvid?")
            plays = [v for v in plays if v.motion.value == "cross_sell"]
        if not plays:
            return False
        best = plays[0]
        request.product, request.change, request.ask_back = best.product, best.change, None
        request.notes.append(self.replies.say("note.closest_play", account=best.account, product=best.product,
                                              change=self.replies.say(f"change.{best.change}")))
        return True

    def _topic_ours(self, parsed, world: KnownNames) -> bool:
        """Whether a framework question read by a pattern names, in its topic, an account, product or
        person on record, and no word of the framework itself ("framework", "playbook", "guide"; not the coach's own
        "your guidance")."""
        topic_words = parsed.slots.get("topic")
        text = self.book.word_pattern("framework_of_the_coach").sub(" ", parsed.text)
        if not topic_words or self.book.word_pattern("framework").search(text):
            return False
        return bool(world.accounts.mentions(topic_words) or world.products.mentions(topic_words)
                    or world.everyone.names.mentions(topic_words))

    def _topic_there(self, parsed, state: SessionState) -> bool:
        """Whether a framework pattern's topic points at the account in focus ("what else can I sell there
        in general?": intents.yaml `there`), which asks about that account, not the framework."""
        topic_words = parsed.slots.get("topic")
        return bool(topic_words and state.account and not self.book.word_pattern("framework").search(parsed.text)
                    and at_focus(topic_words, self.book, state.account))

    def _asks_of_the_book(self, question: str, parsed, state: SessionState, world: KnownNames) -> bool:
        """A question about the whole book or the coach ("where's my time best spent this quarter?",
        "which accounts before the quarter closes?"): asked as a question, naming no account, product
        or person on record and no pronoun for the account in focus, and read by meaning as one
        (BOOK_WIDE). Its words ("this quarter") tell no fact of the play in focus. (A statement, "my
        quarter ends soon and I'm behind", may: it is read for facts.)"""
        said = normalise(question).split()
        if not said or not (question.rstrip().endswith("?") or said[0] in self.reader.question_words):
            return False
        if self._names_ours(parsed, world) or (state.account and (world.people(state.account).mentions(parsed.text) or
                                                                  by_pronoun(question, self.book, state.account))):
            return False
        if self._cued(question):
            return False  # (cue words of a blocker state a fact: read, and applied or asked, as before)
        meant = self.reader.intent(parsed, world)
        return meant is not None and meant.intent in BOOK_WIDE

    @staticmethod
    def _list_with_its_facts(request: Request, told: Request) -> bool:
        """Whether a question for the account's plays that tells a fact but names no play of its own ("I'm
        short of my target this quarter, what can I close at Gale?") stays that question: its fact is read
        on the list, and holds for the play picked from it (README "What carries across a session")."""
        return request.intent == "list_plays" and not (told.product or told.change or told.products_named)

    @staticmethod
    def _tells_of_someone(request: Request) -> bool:
        """Whether a message no pattern read names an account and one of its people ("remember the Orchid
        call last week? Helen was keen on lineage"): it tells of that account, not of the whole book or
        the framework (STATEMENT_NOT)."""
        return request.named("account") and request.named("person")

    def _asks_anew(self, text: str) -> bool:
        """Whether the words open a follow-up of its own ("what about more capacity instead", "how about
        Delta"; session words `asks_anew`): its verdict, not the last question asked again."""
        return f"{normalise(text)} ".startswith(tuple(f"{w} " for w in self.book.session_words.get("asks_anew", ())))

    def _opening_in_slots(self, parsed, opened_rest: str) -> bool:
        """Whether the whole message's follow-up took words of its opening into its slots ("wait" in
        "wait what about the BI tool", the target of "<target> instead"): the opening words ("wait",
        "lol", "sorry") are never a name, so the words after them are read instead."""
        opening_words = set(normalise(parsed.question).split()) - set(normalise(opened_rest).split())
        return any(set(clean_slot(text, self.book).split()) & opening_words
                   for slot, text in parsed.slots.items() if slot != "topic")

    def _cued(self, question: str) -> bool:
        """Whether a clause of the message has the cue words (or sure cues) of a blocker: a fact
        stated, never left unread for a question's sake (blockers' recall comes first)."""
        return any(self.reader.cued(c) or self.reader.sure(c) for c in clauses(question, self.reader.clause_re))

    def _intent_picked(self, reply, pending: dict, world: KnownNames):
        """The reply to "do you want me to check the play or draft it?": the message asked about,
        read as the intent picked (intent_choice.py); None when the reply is a question of its own."""
        offered = list(pending.get("intents") or [])
        if world.accounts.mentions(reply.text) or world.products.mentions(reply.text):
            return None  # names of its own: a question asked again, read as it is
        chosen = picked(reply.rest or reply.text, reply.intent, ordinal(reply.rest, world), offered, self.choices)
        if chosen is None:
            return None
        asked = self.reader.drop_negated(parse(pending["request"]["question"], self.book))
        return self.reader.with_intent(asked, chosen, f"picked: {chosen}")

    def _slots_named(self, parsed, world: KnownNames) -> bool:
        """Whether every word of the reading's slots is a name on record or filler ("upsell Gale"),
        none a word the patterns could not place ("pitch it to the quokka")."""
        known = world.name_words | self.book.words["noise"] | self.book.words["stop"]
        return all(w.removesuffix("'s") in known for slot, text in parsed.slots.items() if slot != "topic"
                   for w in clean_slot(text, self.book).split())

    def _item_for_the_coach(self, question: str, world: KnownNames) -> str | None:
        """Of the items of a numbered list typed in one message, the one item that names an account or product
        on record, when the others name none and tell no fact of a play (no blocker's cue words); None otherwise."""
        listed = numbered_items(question)
        ours = [i for i in listed if self._names_ours(parse(i, self.book), world)]
        if len(ours) != 1:
            return None
        others = [i for i in listed if i is not ours[0]]
        if any(self.reader.cued(c) for i in others for c in clauses(i, self.reader.clause_re)):
            return None
        return ours[0]

    @staticmethod
    def _names_ours(parsed, world: KnownNames) -> bool:
        """Whether the message writes out an account or product on record (a name or an alias)."""
        return bool(world.accounts.mentions(parsed.text) or world.products.mentions(parsed.text))

    def _capitalised(self, question: str, world: KnownNames) -> bool:
        """Whether a word typed with a capital, not where a sentence starts, names nothing known."""
        typed = question.replace("\u2019", "'").split()
        known = world.name_words | world.common | self.book.session_words.get("calendar", frozenset())
        titles = self.reader.executive_titles  # "take it to the CFO instead" names a person, not a company
        return any(w[:1].isupper() and not before.rstrip("\"')")[-1:] in tuple(".?!:")
                   and normalise(w).removesuffix("'s") not in known
                   and titles.first(self.reader.said(normalise(w).removesuffix("'s"))) is None
                   for before, w in zip(typed, typed[1:]))

    # -- a message that corrects itself -------------------------------------------------------
    def _corrected(self, said: str, meant: str, state: SessionState, world: KnownNames) -> Request | None:
        """A message that corrects itself: what it said first is read as a turn of its own (not
        answered), and what it meant as the correction of that turn. None unless the correction
        names again a kind of thing the first part named (an account, a product, a change). A first
        part that names something but no play ("Acme, sorry, I mean Delta: can I go in with MA?",
        "Kestrel - no wait, Fjord - seats?") is corrected all the same: only its names are replaced."""
        kinds = lambda text, request: set(request.typed) | ({"change"} if parse(text, self.book).change else set())  # noqa: E731
        first_state = state.model_copy(deep=True)
        first = self._understand(said, first_state, world)
        if first.play is None:
            if not kinds(said, first):
                return None
        elif first.ask_back is not None:
            return None
        if first.ask_back is None:
            first_state.move_focus(first.account, first.product, first.change, first.play, self.book.remember_plays)
        first_state.pending, first_state.named = None, list(first.typed)
        if first.intent in REMEMBERED_INTENTS:
            first_state.last_intent = first.intent
        then = self._understand(meant, first_state, world, again=True)
        if then.intent in ("unclear", REACTION) or then.ask_back is not None or \
                not kinds(said, first) & kinds(meant, then):
            return None
        return then

    @staticmethod
    def _guessed_aside(parsed, request: Request) -> bool:
        """Whether only the examples' likeness read the message, and as a question not about a play
        (the framework, the plays, a remark), or nothing read it ("they're happy again now"), while it
        names nothing: a guess from its topic words, or none."""
        guessed = request.parser == "meaning" and request.intent in (*NOT_ABOUT_PLAY, "unclear")
        return parsed.intent is None and (guessed or request.intent == "unclear") \
            and not (request.typed or request.change or request.play_facts)

    @staticmethod
    def _same_product_only(request: Request, state: SessionState) -> bool:
        """Whether a check names only the product of the play in focus ("ok, split them. just DQ then" after a
        draft of DQ with MA as one bundle): with a fact taken back, the play narrowed to itself, not a new check.
        The product asked as a question ("ok ok, no renewal strings. Governance by itself?") asks its verdict again."""
        return request.intent == "check_play" and request.typed == ["product"] and state.play is not None and \
            request.product == state.product and request.change is None and not Conversation._play_asked_again(request, state)

    @staticmethod
    def _play_asked_again(request: Request, state: SessionState) -> bool:
        """Whether the message asks of the product in focus as a question ("... Governance by itself?"): its verdict."""
        return request.named("product") and request.product == state.product and "?" in request.question

    def _told_only(self, parsed, request: Request) -> bool:
        """Whether only the examples' likeness read the message as a question while it asks nothing
        (no question mark, no question word first: "actually they're happy again, the billing thing got
        fixed"): what it tells is what it says."""
        first = (words(parsed.question) or [""])[0]
        return parsed.intent is None and request.parser == "meaning" and "?" not in parsed.question and \
            first not in self.reader.question_words and not (request.typed or request.change or request.play_facts)

    def _unsure_pattern(self, parsed, request: Request, world: KnownNames) -> bool:
        """A reading of "check this play" the patterns are not sure of: a general pattern whose
        slots named nothing on record ("put it in words for me", "who do I need to convince").
        (A fragment with other words, "ok Kestrel, same question", stays a follow-up: read by
        meaning, it was too often taken for another question.)"""
        if request.intent not in ("check_play", "followup") or request.ask_back is not None:
            return False
        opening = asked_opening(parsed, self.book) if parsed.intent == "check_play" and parsed.pattern and \
            not parsed.pattern.startswith("closing:") else None
        if opening is not None and opening.split()[0] in self.book.session_words.get("asks_which", frozenset()):
            # "... wants more capacity before February. what would I even say to him": a question asking
            # what, who, why or how read as a check by a general pattern is its guess, also beside words that
            # state a fact of the play (its blockers are read for any question about it)
            return True
        if any(self.reader.cued(c) for c in clauses(parsed.question, self.reader.clause_re)):
            return False  # words that may state a fact of the play: a check of it, read for blockers
        if parsed.intent == "check_play":
            if opening is not None:
                return True  # "is there anything at Kestrel worth pitching": a general pattern's guess
            if request.named("product") or request.named("person") or request.change or request.play_facts:
                return False
            # no slot named a product: one whose words name nothing on record was a guess ("should
            # I pitch it now?" names nothing either, but its slot is only filler: a check of the focus)
            slots = [clean_slot(text, self.book) for slot, text in parsed.slots.items() if slot != "topic"]
            return any(s and not set(s.split()) & world.name_words for s in slots)
        if parsed.intent == "followup" and not hypothetical(parsed.question, self.book):
            # "ok so what should I do instead" fits "<target> instead", yet its target is a
            # question, not a name: a follow-up only when its words name something
            if request.typed or request.change or request.play_facts or request.chose:
                return False
            slots = [parsed.slots[slot] for slot in parsed.slots if slot != "topic"]
            return any(set(s.split()) & self.reader.question_words and not set(s.split()) & world.name_words
                       for s in slots)  # ("what about next quarter" stays a follow-up: other timing, same play)
        return False

    def _reread(self, parsed, request: Request, state: SessionState, world: KnownNames) -> Request:
        if (parsed.pattern or "").startswith("closing:"):
            return request  # "... Right move?": the story's closing question is certain of what it asks
        if request.intent == "draft" and state.last_intent == "draft" and state.play and \
                redraft(request.question, self.book):
            return request  # "too salesy, tone it down" after a draft: that draft again, whatever its words alone look like
        if self._closest_play(request, state, world):
            return complete(request, state, world, self.replies)  # what blocks an account: its closest play
        if request.intent in ("why", "why_not") and request.ask_back.kind == "play" and not request.typed and \
                self.topics.tells_blocker(request.question):
            # "why is quota-driven timing a blocker?", "what's wrong with selling to a new exec": no play in
            # focus, nothing named, the words of a blocker: the rule is asked about, in general
            return self._read(self.reader.with_intent(parsed, "framework", "general: a blocker's rule"), state, world)
        meant = self.reader.intent(parsed, world)
        if meant is not None and meant.intent in STATEMENT_NOT and \
                (self._names_ours(parsed, world) or self._capitalised(parsed.question, world)):
            return request  # (a question naming an account or product, known or not, asks about it, not the book)
        if meant is None or meant.intent == request.intent or (meant.intent in NOT_ABOUT_NAMES and request.typed):
            return request  # (a message naming accounts or products is neither off topic nor a call for help)
        if request.change and state.account and request.account in (None, state.account) and \
                meant.intent in (*STATEMENT_NOT, *NOT_ABOUT_NAMES):
            return request  # ("what about a longer term?" at an account owning two products: which product, asked; not the framework)
        if (request.applied or request.unsure) and request.typed and meant.intent in TOLD_NOT and \
                request.intent in VERDICT_INTENTS:
            return request  # (nor is one telling a blocker of the play it names: its question back stands)
        if meant.intent in ACCOUNT_INTENTS and request.intent in ("check_play", "followup") and \
                (request.named("product") or request.change):
            return request  # (nor is a question about a play naming its product or change one about the plays)
        if meant.intent == "list_plays" and request.intent == "draft" and not loose(parsed, self.book):
            return request  # (nor is a request for words, "prepare a message to Lars about the expansion", a list)
        if meant.intent in ACCOUNT_INTENTS and parsed.intent == "check_play" and request.ask_back.kind == "product" \
                and not loose(parsed, self.book) and self._slots_named(parsed, world):
            return request  # "should I upsell Gale?": a check, asked as one; which product is asked back
        other = self._read(meant, state, world)
        self.reader.blockers(other, parsed, world, play_in_focus=state.play is not None, focus_product=state.product)
        other = complete(other, state, world, self.replies)
        return request if other.ask_back is not None else other

    # -- answering ----------------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        from assistant.conversation.review_turn import answer_review, split_review

        typed = question  # (shown and logged as typed; read without the coach's name, "@coach and gov?")
        question = unaddressed(unstamped(question), self.book.session_words.get("coach_names", frozenset()),
                               self.book.session_words.get("coach_greetings", frozenset()))
        review = split_review(question, self.coach.settings.prompts_dir)
        if review is None and (opened := opening(question, self.book, self.reader.negations)) is not None:
            review = split_review(opened.rest, self.coach.settings.prompts_dir)  # "cool, here's my follow-up: ..."
        if review is not None:
            return answer_review(self, question, *review)  # "review this before I send it: ..."
        state = self.memory.load()
        world = KnownNames(self.coach, self.book, self.viewer, self.allowed_accounts, self.reader.spec.names,
                           self.reader.negations, self.reader.measures)
        self.reader.know_accounts(world)
        question = world.unglued(question)  # ("pitch MAto Delta": a space the keyboard dropped)
        request = self._understand(question, state, world)
        request.intent = why_asked(request.intent, question, self.book)
        if state.last_intent != "draft":  # (after a draft, "should I make it shorter?" asks for it again)
            request.intent = draft_or_check(request.intent, question, self.book)
        intent = "unclear" if request.intent in UNANSWERED else request.intent or "unclear"
        answer = Answer(intent=intent, text="", question=typed, session_id=self.session_id,
                        user=self.user, notes=list(request.notes), parser=request.parser,
                        applied=[Applied(**item) for item in request.applied])
        if request.intent in UNANSWERED:
            self._unanswered(request, state, answer)
        elif request.ask_back is not None:
            answer.ask_back = request.ask_back
            answer.text = request.ask_back.question
        else:
            actions = Actions(self.coach, world, self.replies, self.today or dt.date.today(), self.user,
                              self.session_id, self.knowledge, self.viewer)
            try:
                actions.run(request, answer)
                self.reader.named_executive_rule(request, answer, world)  # ("pitch MA to robert": his view, by the record)
                still_applied(state, request, answer, self.replies, self.words_label)
                said_of_list(state, request, answer, self.replies, self.words_label)
                held_in_review(state, request, answer, self.replies, self.words_label)
            except CoachError as exc:
                answer.text = self.replies.say("note.cannot", error=str(exc))
        change = answer.verdict.change if answer.verdict else request.change  # the engine's, when it derived one
        answer.entities = {k: v for k, v in {
            "account": request.account, "product": request.product, "person": request.person,
            "change": change, "topic": request.topic}.items() if v}
        if answer.notes and request.intent != "focus":
            answer.text = "\n".join([answer.text, *answer.notes])
        with self.coach.writes_together():  # the session and its audit entry: both kept or neither
            remember(state, request, answer, self.book.remember_plays)
            self.memory.save(state)
            self._log(answer, request)
        return answer

    def _of_one_pitch(self, item: dict) -> bool:
        """Whether a blocker asked about is a fact of one pitch, not of the account: of the person pitched (an
        executive's view) or of the play it goes with (a bundle)."""
        blocker = self.reader.spec.blocker(item.get("id") or "")
        return blocker is not None and (blocker.person is not None or bool(blocker.bundle))

    def words_label(self, rule: str) -> str | None:
        """The reason code's label for people ("quota-driven timing"), when the rules have one."""
        code = self.coach.reason_codes().get(rule) or {}
        return code.get("label")

    def _unanswered(self, request: Request, state: SessionState, answer: Answer) -> None:
        """A reaction ("lol", "ok thanks") is acknowledged; "no, the other one" with no other one
        to go back to says so. Neither is a question the coach did not understand."""
        focus = {"account": state.account, "product": state.product,
                 "change": self.replies.say(f"change.{state.change}") if state.change else None}
        if request.intent == REACTION:
            answer.text = self.replies.say("session.reaction", **focus)
            return
        answer.ask_back = AskBack(question=self.replies.say("session.no_other", **focus), kind="question")
        answer.text = answer.ask_back.question

    def _log(self, answer: Answer, request: Request) -> None:
        payload = {"question": answer.question, "answer": answer.model_dump(mode="json"), "play": request.play}
        version = None
        if answer.verdict is not None:
            payload["facts"] = answer.verdict.facts
            version = answer.verdict.ruleset_version
        self.coach.audit(AUDIT_KIND, payload, user=self.user, session_id=self.session_id, ruleset_version=version)
