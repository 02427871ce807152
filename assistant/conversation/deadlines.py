"""Deadlines said in words, read to a date ("by the 31st", "before month end", "this week", "by
Friday", "in two weeks", "before Christmas", "by December 18"): the words are data
(prompts/conversation/meaning.yaml `deadlines:`), the calendar arithmetic is here.

Inside the vendor's quota window (the last `quota_window_days` of its fiscal quarter, from
rules/parameters.yaml and the catalog's quarter end) a play proposed to close by a deadline on or
before the quarter end, with no reason on the customer's side, is quota-driven timing (POLICY.md
`timing.quota_driven`): reading.py applies it, quoting the words. Outside the window the same
words are not a blocker on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from assistant.conversation.cues import Said, Words, cue_words, group
from assistant.conversation.number_words import NumberWords, number_words

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class Deadline:
    date: dt.date | None  # None: urgency with no date ("asap", "rush it through")
    phrase: str  # the AM's words, as read (lower case)
    exclusive: bool = False  # said with a word that leaves the date out ("before January")

    @property
    def last_day(self) -> dt.date | None:
        """The last day the deadline allows: the day before the date said "before January" (December
        31st, inside a quarter that ends then), the date itself said "by January"."""
        if self.date is None or not self.exclusive:
            return self.date
        return self.date - dt.timedelta(days=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_day_of_month(today: dt.date, day: int) -> dt.date | None:
    """The first date on or after today whose day of the month is `day` ("by the 31st")."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and dt.date(year, month, day) >= today:
            return dt.date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _next_month_day(today: dt.date, month: int, day: int | None) -> dt.date:
    """The next `month` (this year's, or next year's once it is over): its `day`, or its first day
    (its last when it is this month: "by December" said in December means by its end)."""
    year = today.year if month >= today.month else today.year + 1
    if day is None:
        return _month_end(today) if (year, month) == (today.year, today.month) else dt.date(year, month, 1)
    day = min(day, calendar.monthrange(year, month)[1])
    found = dt.date(year, month, day)
    return found if found >= today else dt.date(year + 1, month, day)


class DeadlineReader:
    """The deadline words of meaning.yaml, compiled once per file."""

    def __init__(self, spec, numbers: NumberWords | None = None):
        """`numbers`: the numbers said in words ("by the thirty-first"), read as figures."""
        self.spec = spec
        self.number_words = numbers
        self.before: Words = group(spec.before)
        self.acts: Words = group(spec.acts)
        self.theirs: Words = group(spec.theirs)
        self.ours: Words = group(spec.ours)
        self.urgent: Words = group(spec.urgent)
        self.urgent_needs: Words = group(spec.urgent_needs)
        self.weak: Words = group(spec.weak_before)
        self.exclusive: Words = group(spec.before_exclusive)
        self.weeks = {k.casefold(): v for k, v in spec.weekday_weeks.items()}
        self.periods = [(group(p.words), p.date, p.needs_before) for p in spec.periods]
        self.months = {k.casefold(): v for k, v in spec.months.items()}
        self.weekdays = {k.casefold(): v for k, v in spec.weekdays.items()}
        self.numbers = {k.casefold(): v for k, v in spec.numbers.items()}
        self.units = {k.casefold(): v for k, v in spec.units.items()}
        self.month_parts = {k.casefold(): v for k, v in spec.month_parts.items()}

    def theirs_in(self, said: Said) -> bool:
        """The clause tells the deadline as the customer's: a customer word is its subject, before
        what the clause does ("they need it live by the 20th", "their budget freezes on the 20th",
        "their fiscal year ends on the 31st"), or the deadline is the customer's own event ("before
        their audit", "by their year end"). After what the clause does it is only the object: "get
        their signature by Friday", "wrap it up with them this week" are the vendor's deadlines."""
        if self.theirs.regex is None:
            return False
        # (the subject ends at the first act or the first word of our side: "I'd like their PO by the 18th")
        ends = [at for at in (self.acts.first(said), self.ours.first(said)) if at is not None]
        subject_ends = min(ends) if ends else None
        for match in self.theirs.regex.finditer(said.text):
            at = said.text.count(" ", 0, match.start())
            if subject_ends is None or at < subject_ends or self._before_ends_at(list(said.words), at) is not None:
                return True
        return False

    def find(self, said: Said, today: dt.date, quarter_end: dt.date, raw: str | None = None) -> Deadline | None:
        """The first deadline the clause states, read to a date; or urgency with no date."""
        found = self.find_all(said, today, quarter_end, raw)
        return found[0] if found else self.urgency(said)

    def urgency(self, said: Said) -> Deadline | None:
        """Urgency with no date ("asap", "rush it through"), if the clause says it."""
        at = self.urgent.first(said)
        return None if at is None else Deadline(None, said.words[at])

    def find_all(self, said: Said, today: dt.date, quarter_end: dt.date, raw: str | None = None) -> list[Deadline]:
        """Every dated deadline the clause states, in the order said: its words, then the dates it
        types in numbers (`raw`, the clause as typed: "by 12/31", "2026-12-20")."""
        spelt = self.number_words.fold(said.words) if self.number_words is not None else None
        words = list(spelt.words) if spelt is not None else list(said.words)
        acted = self.acts.first(said) is not None
        found: list[Deadline] = []
        index = 0
        while index < len(words):
            start = self._before_ends_at(words, index) if index > 0 else None
            if start is not None and not acted and _ends(self.weak, _before_run(words, start, index)):
                start = None  # "we have a call on Friday": "on" makes a deadline only of something done
            date = self._date_at(words, index, today, quarter_end, start is not None, acted)
            if date is None:
                index += 1
                continue
            said_from = index if start is None else start
            exclusive = start is not None and _ends(self.exclusive, _before_run(words, start, index))
            index += max(1, len(date.phrase.split()))
            if spelt is not None:  # (quoted as said: "by the thirty-first", not "by the 31st")
                first, end = spelt.span(said_from, min(index, len(words)))
                phrase = " ".join(said.words[first:end])
            else:
                phrase = " ".join([*words[said_from:index - max(1, len(date.phrase.split()))], date.phrase])
            found.append(Deadline(date.date, phrase, exclusive))  # with its "by"
        if raw:
            found += self._numeric(raw, today, acted)
        return found

    def _numeric(self, raw: str, today: dt.date, acted: bool) -> list[Deadline]:
        """Dates typed in numbers, after a `before` word (a weak one only in a clause that acts) or
        in a clause that closes or proposes something ("close it 12/20")."""
        out = []
        for match in _NUMERIC_DATE.finditer(raw):
            date = _numeric_date(match, today, self.spec.numeric_month_first)
            if date is None:
                continue
            prefix = cue_words(raw[:match.start()])
            start = self._before_ends_at([*prefix, "#"], len(prefix)) if prefix else None
            if start is not None and not acted and _ends(self.weak, _before_run(prefix, start, len(prefix))):
                start = None
            if start is None and not acted:
                continue
            exclusive = start is not None and _ends(self.exclusive, _before_run(prefix, start, len(prefix)))
            out.append(Deadline(date, " ".join([*prefix[len(prefix) if start is None else start:], match.group(0)]),
                                exclusive))
        return out

    def _before_ends_at(self, words: list[str], index: int) -> int | None:
        """Where a `before` word ("by", "ahead of") ending just before words[index] starts (a "the"
        between them is skipped: "by the 31st"); None when there is none."""
        end = index - 1 if index > 0 and words[index - 1] != "the" else index - 2
        for length in (4, 3, 2, 1):  # the longest: "no later than", not "than"
            if end - length + 1 >= 0 and _ends(self.before, words[end - length + 1:end + 1]):
                return end - length + 1
        return None

    def _date_at(self, words: list[str], i: int, today: dt.date, quarter_end: dt.date, after_before: bool,
                 acted: bool) -> Deadline | None:
        word = words[i]
        rest = " ".join(words[i:])
        for period, kind, needs_before in self.periods:
            match = period.regex.match(rest) if period.regex else None
            if match and (after_before or (acted and not needs_before)):
                date = self._period(kind, today, quarter_end)
                if date is not None:
                    return Deadline(date, match.group(0))
        ahead = words[i + 1] if i + 1 < len(words) else ""
        dated = ahead in self.months or (ahead == "of" and i + 2 < len(words) and words[i + 2] in self.months)
        if not after_before and not (acted and (_ORDINAL.match(word) and dated or word in self.months and
                                                _ORDINAL.match(ahead) or word in self.weeks and ahead in self.weekdays)):
            return None  # (in a clause that acts, a date said in full is one: "aiming to close Dec 31st")
        ordinal = _ORDINAL.match(word)
        if ordinal and (word != ordinal.group(1) or (i > 0 and words[i - 1] == "the") or dated):
            upto = i + 2 if i + 1 < len(words) and words[i + 1] in self.months else \
                i + 3 if i + 2 < len(words) and words[i + 1] == "of" and words[i + 2] in self.months else i + 1
            month = self.months[words[upto - 1]] if upto > i + 1 else None  # "the 20th of january"
            day = int(ordinal.group(1))
            if 1 <= day <= 31:
                date = _next_month_day(today, month, day) if month else _next_day_of_month(today, day)
                return Deadline(date, " ".join(words[i:upto])) if date else None
        part = self.month_parts.get(word)
        at = i + 2 if i + 2 < len(words) and words[i + 1] == "of" else i + 1  # "mid january", "end of january"
        if part is not None and at < len(words) and words[at].removesuffix("'s") in self.months:
            month = self.months[words[at].removesuffix("'s")]
            base = _next_month_day(today, month, None).replace(day=1)  # (this month's, said in it: "end of december")
            day = calendar.monthrange(base.year, base.month)[1] if part <= 0 else part
            return Deadline(base.replace(day=day), " ".join(words[i:at + 1]))
        if word in self.months:
            month = self.months[word]
            nxt = words[i + 1] if i + 1 < len(words) else ""
            day = _ORDINAL.match(nxt)
            number = int(day.group(1)) if day and 1 <= int(day.group(1)) <= 31 else None
            return Deadline(_next_month_day(today, month, number), " ".join(words[i:i + (2 if number else 1)]))
        if word in self.weeks and i + 1 < len(words) and words[i + 1] in self.weekdays:
            # "next tuesday": the day of the week that many weeks on; "this friday": this week's
            monday = today - dt.timedelta(days=today.weekday())
            day = monday + dt.timedelta(days=7 * self.weeks[word] + self.weekdays[words[i + 1]])
            return Deadline(day if day >= today else day + dt.timedelta(days=7), f"{word} {words[i + 1]}")
        if word in self.weekdays:
            ahead = (self.weekdays[word] - today.weekday()) % 7
            return Deadline(today + dt.timedelta(days=ahead), word)
        count = self.numbers.get(word) or (int(word) if _NUMBER.match(word) else None)
        if count is not None and i + 1 < len(words) and words[i + 1] in self.units:
            return Deadline(today + dt.timedelta(days=count * self.units[words[i + 1]]), f"{word} {words[i + 1]}")
        return None

    @staticmethod
    def _period(kind: str, today: dt.date, quarter_end: dt.date) -> dt.date | None:
        sunday = today + dt.timedelta(days=6 - today.weekday())
        if kind == "month_end":
            return _month_end(today)
        if kind == "week_end":
            return sunday
        if kind == "next_week_end":
            return sunday + dt.timedelta(days=7)
        if kind == "quarter_end":
            return quarter_end
        if kind == "year_end":
            return dt.date(today.year, 12, 31)
        if kind == "today":
            return today
        if re.fullmatch(r"\d\d-\d\d", kind):  # a fixed day of the year ("12-25": Christmas)
            month, day = int(kind[:2]), int(kind[3:])
            found = dt.date(today.year, month, day)
            return found if found >= today else dt.date(today.year + 1, month, day)
        return None


def play_unowned(text: str, plays: list[tuple[int, int]], owner: re.Pattern, reach: int,
                 ends_name: Callable[[str], bool]) -> str:
    """The text with a customer's possessive that owns the play read as "the": "get Delta's MA order
    signed before the 31st", "their tier upgrade by 12/31" name the deal we close, not the customer
    acting on a date of theirs. `plays`: where the play's names are in the text (its product, its
    change); `owner`: a possessive of the customer ("their", "Delta's"), at most `reach` words before
    one ("Kestrel's extra Studio seats"). The play's name must end the words owned: the text ends
    there, or the next word is one `ends_name` accepts (a word of what is done, "order", "signed";
    an auxiliary, "are") or another of the play's names; "their DQ budget closes" is their budget."""
    starts = {start for start, _ in plays}
    spans = []
    for start, end in plays:
        after = re.match(r"\s*([\w']+)", text[end:])
        if after is not None and not ends_name(after.group(1)) and end + after.start(1) not in starts:
            continue
        before = list(re.finditer(r"[\w']+", text[:start]))[-reach:]
        owned = [m for m in before if owner.fullmatch(m.group(0))]
        if owned:
            spans.append(owned[-1].span())
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + "the" + text[end:]
    return text


def _before_run(words: list[str], start: int, index: int) -> list[str]:
    """The `before` words from `start` up to the date at `index` (without a "the" between)."""
    end = index - 1 if words[index - 1] != "the" else index - 2
    return words[start:end + 1]


_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?)(?![\w/]|-\d)")


def _numeric_date(match: re.Match, today: dt.date, month_first: bool) -> dt.date | None:
    """A date typed in numbers: ISO (2026-12-31), or two numbers and a year maybe (12/31, 31/12/26);
    with no year, the next such day on or after today."""
    if match.group(1):
        numbers, year = (int(match.group(2)), int(match.group(3))), int(match.group(1))
        month, day = numbers
    else:
        first, second = int(match.group(4)), int(match.group(5))
        year = int(match.group(6)) if match.group(6) else None
        if year is not None and year < 100:
            year += 2000
        month, day = (first, second) if (month_first and first <= 12) or second > 12 else (second, first)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for candidate in ([year] if year else [today.year, today.year + 1]):
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            return None
        if year or date >= today:
            return date
    return None


def _ends(words: Words, run: list[str]) -> bool:
    return words.regex is not None and words.regex.fullmatch(" ".join(run)) is not None


_READERS: dict[str, DeadlineReader] = {}


def deadline_reader(spec) -> DeadlineReader | None:
    """The `deadlines:` of a meaning file, compiled once per file (None when it has none)."""
    if spec.deadlines is None:
        return None
    if spec.digest not in _READERS:
        _READERS[spec.digest] = DeadlineReader(spec.deadlines, number_words(spec))
    return _READERS[spec.digest]


def in_quota_window(today: dt.date, quarter_end: dt.date, window_days: int) -> bool:
    """Whether today is in the last `window_days` of the quarter (the policy's test, from the
    same parameter: days to the quarter end fewer than the window)."""
    return 0 <= (quarter_end - today).days < window_days
