"""One function per intent: ask the Coach (the service API it is given), then say it (prompts/wording.yaml).

Only `Coach` methods are called: the verdict always comes from the rules (`Coach.verdict`,
with the what-would-change search for "why not?"; `Coach.plays` for lists); text is written
around it and its first sentence states it (verdict_words.py). Talk tracks come from
`Coach.draft` (the approval gate) and are attached only when it returns an approved one for a
`pitch` verdict. This package never imports assistant.coach: the coach object is passed in.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from assistant.conversation.answer import Answer, AskBack
from assistant.wording import Replies
from assistant.conversation.understand import Request
from assistant.conversation.verdict_words import VerdictWords
from assistant.conversation.known_names import KnownNames
from assistant.domain import Verdict
from assistant.errors import CoachError

EXCERPT_CHARS = 220


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


class Actions:
    def __init__(self, coach, world: KnownNames, replies: Replies, today: dt.date, user: str | None,
                 session_id: str, knowledge=None, viewer=None):
        self.coach, self.world, self.replies, self.today = coach, world, replies, today
        self.user, self.session_id, self.knowledge, self.viewer = user, session_id, knowledge, viewer
        self.say = replies.say

    @cached_property
    def words(self) -> VerdictWords:
        return VerdictWords(self.replies, self.coach.reason_codes())

    # -- shared pieces ----------------------------------------------------------------------
    @property
    def _who(self) -> dict:
        return {"user": self.user, "session_id": self.session_id, "viewer": self.viewer}

    def verdict(self, request: Request, lifts: bool = False) -> Verdict:
        """The rules' verdict; with `lifts`, also what would change it (the costly search, so it
        runs for "why not?" only). Logged with the answer, not separately."""
        play = dict(request.play)
        product = play.pop("product")
        if request.what_ifs:
            # Facts of the account the AM stated ("they're unhappy"): the verdict on those facts,
            # logged by the coach with the changes (the audit log shows what the words applied).
            result = self.coach.check(request.account, product, what_ifs=list(request.what_ifs), today=self.today,
                                      user=self.user, viewer=self.viewer, **play)
            return result.what_if.verdict
        return self.coach.verdict(request.account, product, lifts=lifts, today=self.today, viewer=self.viewer,
                                  **play)

    # -- intents ----------------------------------------------------------------------------
    def check_play(self, request: Request, answer: Answer) -> None:
        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        words = self.words
        lines = [words.headline(verdict), *words.applied_lines(answer, verdict), *words.reason_lines(verdict),
                 words.alignment_line(verdict), *words.plan_lines(verdict), *words.sources_line(answer.passages)]
        answer.text = "\n".join(lines)

    def why(self, request: Request, answer: Answer, blockers_only: bool = False) -> None:
        verdict = self.verdict(request, lifts=blockers_only)
        self.words.with_verdict(answer, verdict)
        lines = [self.words.headline(verdict), *self.words.applied_lines(answer, verdict)]
        if blockers_only and not verdict.blockers():
            lines.append(self.say("why.nothing_blocks"))
        lines += self.words.reason_lines(verdict, ("blocker", "note") if blockers_only else ("blocker", "signal", "note"))
        if not blockers_only and not verdict.signals():
            lines.append(self.say("why.no_signals"))
        if answer.passages:
            lines.append(self.say("section.why_sources"))
            lines += [self.say("reason.passage", title=p["title"], doc=p["doc"], section=p["section"],
                               excerpt=_excerpt(p["text"])) for p in answer.passages]
        answer.text = "\n".join(lines)

    def why_not(self, request: Request, answer: Answer) -> None:
        self.why(request, answer, blockers_only=True)

    def who_sponsor(self, request: Request, answer: Answer) -> None:
        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        account = self.world.account(verdict.account)
        lines = [self.words.headline(verdict)]
        if verdict.sponsor:
            person = account.stakeholder(verdict.sponsor)
            lines.append(self.say("sponsor.found", sponsor=verdict.sponsor, title=person.title if person else None,
                                  priority=verdict.priority, source=verdict.priority_source, product=verdict.product))
        else:
            lines.append(self.say("sponsor.none", account=verdict.account, product=verdict.product))
        lines += [self.say("reason.blocker", label=self.words.label(r.code), code=r.code, message=r.message,
                           remedy=r.remedy)
                  for r in verdict.blockers() if r.code.startswith(("alignment.", "cross_sell.", "stakeholder."))]
        answer.text = "\n".join(lines)

    def draft(self, request: Request, answer: Answer) -> None:
        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        lines = [self.words.headline(verdict), *self.words.applied_lines(answer, verdict)]
        play = dict(request.play)
        product = play.pop("product")
        try:
            result = self.coach.draft(request.account, product, today=self.today, **play, **self._who)
        except CoachError as exc:
            answer.text = "\n".join(lines + [self.say("draft.failed", error=str(exc))])
            return
        if result.kind == "talk_track" and result.approved and verdict.verdict.value == "pitch":
            answer.talk_track = result.model_dump(mode="json")
            lines += [self.say("draft.heading", drafter=result.drafter_name), result.text, *result.notes]
        else:
            lines.append(self.say("draft.refused"))
            lines += [f"- {remedy}" for remedy in dict.fromkeys(r.remedy for r in verdict.blockers() if r.remedy)]
        answer.text = "\n".join(lines)

    @staticmethod
    def listed_what_ifs(request: Request) -> list[str]:
        """The facts the AM's words stated, as the what-ifs of every listed play: the play's facts
        (quota-driven timing, the renewal tie, the executive pitched to) first, then the account's
        ("sentiment=negative"), since a fact of the person pitched needs that person. A fact no
        what-if can state (the bundle, which needs the play it goes with) is not among them."""
        from assistant.policy.whatif import accepted_names, format_what_if

        names = set(accepted_names())
        facts = [format_what_if(k, v) for k, v in request.play_facts.items() if k in names and v is not None]
        first = [w for w in request.what_ifs if w.startswith("pitch_to=")]
        return list(dict.fromkeys([*first, *facts, *request.what_ifs]))

    def list_plays(self, request: Request, answer: Answer) -> None:
        what_ifs = self.listed_what_ifs(request)
        result = self.coach.plays(request.account, what_ifs=what_ifs, today=self.today, **self._who)
        verdicts = result.what_if.plays if result.what_if is not None else result.plays
        rows = [{"product": v.product, "change": v.change, "motion": v.motion.value, "verdict": v.verdict.value,
                 "signals": [r.code for r in v.signals()], "blockers": [r.code for r in v.blockers()]}
                for v in verdicts]
        answer.plays = rows
        if not verdicts:
            answer.text = self.say("ask.which_product", account=request.account, candidates=[])
            return
        best = verdicts[0]
        pitchable = [v for v in verdicts if v.verdict.value == "pitch"]
        common = {"account": best.account, "product": best.product, "change": self.say(f"change.{best.change}"),
                  "a_motion": self.say(f"motion.{best.motion.value}")}
        if pitchable:
            lines = [self.say("plays.some", count=len(pitchable), **common)]
        else:
            lines = [self.say("plays.none", verdict=best.verdict.value, blockers=rows[0]["blockers"], **common)]
        lines += self.words.applied_lines(answer, None, listed=verdicts)  # (what the words applied, to every play)
        lines += [self.say("plays.row", **{**row, "change": self.say(f"change.{row['change']}"),
                                           "motion": self.say(f"motion.{row['motion']}")}) for row in rows]
        lines.append(self.say("plays.follow"))
        answer.text = "\n".join(lines)
        request.product, request.change = best.product, best.change
        # (the facts the words stated stay with the play in focus: "draft the top one" is drafted on them)
        request.play = {**{k: v for k, v in request.play_facts.items() if k != "bundled_with"},
                        "product": best.product, "change": best.change}

    def qbr(self, request: Request, answer: Answer) -> None:
        # (a fact told beside the request, "they're furious about the outage", is the review's too: its
        # plays are judged on it, as a list's are)
        qbr = self.coach.qbr(request.account, what_ifs=self.listed_what_ifs(request), today=self.today, **self._who)
        plays = [f"{e.product} ({self.say(f'change.{e.change}')})" for e in qbr.expansions]
        key = "qbr.pitch" if plays else "qbr.intervene" if qbr.adoption_plan else "qbr.none"
        answer.talk_track = {"kind": "qbr", **qbr.model_dump(mode="json")}
        held = [code for b in [*qbr.adoption_plan, *qbr.no_expansion] for code in b.codes]  # (the AM's facts that fired)
        answer.text = "\n".join([self.say(key, account=qbr.account, count=len(plays), plays=plays),
                                 *self.words.applied_lines(answer, None, held=held),
                                 qbr.markdown.strip()])
        # The review's lead expansion is the play in focus next ("who should I invite?"); with none to
        # pitch, the play it discusses first (the adoption plan's, else the first held one): "why not?"
        # and "who should I invite?" after an honest "no expansion this quarter" are about that play.
        lead = next(iter([*qbr.expansions, *qbr.adoption_plan, *qbr.no_expansion]), None)
        if lead is not None:
            request.product, request.change = lead.product, lead.change
            request.play = {"product": lead.product, "change": lead.change}

    def focus(self, request: Request, answer: Answer) -> None:
        owner = self.user if self.user and self.coach.count_accounts(owner=self.user, viewer=self.viewer) else None
        plan = self.coach.plan(owner=owner, today=self.today, **self._who)
        answer.portfolio = plan.model_dump(mode="json", by_alias=True)
        lines = []
        if self.user and owner is None:
            answer.notes.append(self.say("focus.whole_book", user=self.user))
        if plan.focus:
            names = [e.account for e in plan.focus]
            lines.append(self.say("focus.heading", count=len(names), book=plan.book_size, owner=plan.owner, names=names))
        else:
            lines.append(self.say("focus.empty", owner=plan.owner))
        for entry in plan.focus:
            top = entry.best_play
            best = f"{top.product} ({self.say(f'change.{top.change}')})" if top else None
            lines.append(self.say("focus.row", rank=entry.rank, account=entry.account, best=best,
                                  verdict=top.verdict if top else None, signals=list(entry.signals)))
        if plan.blocked:
            lines.append(self.say("focus.blocked_heading"))
            for entry in plan.blocked:
                remedy = next((b.remedy for b in entry.blockers if b.remedy), None)
                lines.append(self.say("focus.blocked_row", account=entry.account,
                                      blockers=[b.code for b in entry.blockers], remedy=remedy))
        answer.text = "\n".join(lines + answer.notes)

    def framework(self, request: Request, answer: Answer) -> None:
        topic = (request.topic or "").strip()
        if not topic:
            answer.ask_back = AskBack(question=self.say("ask.which_topic"), kind="question")
            answer.text = answer.ask_back.question
            return
        if self.knowledge is not None:
            found = self.knowledge.search(topic, k=3)
        else:
            found = self.coach.search(topic, k=3).passages
        answer.passages = [{"doc": p.doc, "section": p.section_id, "title": p.title, "text": p.text,
                            "score": p.score, "source": getattr(p, "source", "framework")} for p in found]
        if not found:
            answer.text = self.say("framework.none", topic=topic)
            return
        # Provenance: documents users added are never presented as the framework.
        ours = [p for p in answer.passages if p["source"] == "framework"]
        theirs = [p for p in answer.passages if p["source"] != "framework"]
        lines = [self.say("framework.heading", topic=topic)] if ours else []
        lines += [self.say("reason.passage", title=p["title"], doc=p["doc"], section=p["section"],
                           excerpt=_excerpt(p["text"])) for p in ours]
        if theirs:
            lines.append(self.say("framework.from_documents"))
            lines += [self.say("reason.passage", title=p["title"], doc=p["doc"], section=p["section"],
                               excerpt=_excerpt(p["text"])) for p in theirs]
        answer.text = "\n".join(lines)

    def help(self, request: Request, answer: Answer) -> None:
        answer.text = self.say("help")

    def off_topic(self, request: Request, answer: Answer) -> None:
        answer.text = self.say("off_topic")

    def unclear(self, request: Request, answer: Answer) -> None:
        answer.ask_back = AskBack(question=self.say("ask.unclear"), kind="question")
        answer.text = answer.ask_back.question

    def run(self, request: Request, answer: Answer) -> None:
        handlers = {
            "check_play": self.check_play, "why": self.why, "why_not": self.why_not,
            "who_sponsor": self.who_sponsor, "draft": self.draft, "list_plays": self.list_plays,
            "qbr": self.qbr, "focus": self.focus, "framework": self.framework, "help": self.help,
            "off_topic": self.off_topic,
        }
        handlers.get(request.intent or "", self.unclear)(request, answer)
