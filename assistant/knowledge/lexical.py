"""BM25 keyword search over the same sections the dense index holds.

Dense MiniLM vectors miss exact terms an AM types ("NRR", "85%", "CDO"); BM25 catches them.
"""

from __future__ import annotations

import re

from assistant.knowledge.sections import Section

# Words, plus figures such as 85%, $4.2m, 400-450k, kept whole so they can match exactly.
_TOKEN = re.compile(r"\$?[a-z0-9]+(?:[.,'’%-][a-z0-9%]+)*%?")


# English function words carry no topic; left in, "when is the right moment" matches every section.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing don't down during each few for from further had has have having he
her here hers him his how i i'm if in into is it it's its itself just me more most my no nor not now of off
on once only or other our ours out over same she should so some such than that that's the their theirs
them then there these they this those through to too under until up very was we were what when where which
while who whom whose why will with would you your yours
""".split())


def _stem(token: str) -> str:
    """A deliberately tiny suffix stripper: 'signals'/'signal', 'pitched'/'pitch' meet."""
    if token[0].isdigit() or token[0] == "$" or len(token) <= 4:
        return token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def tokenize(text: str) -> list[str]:
    tokens = (t.replace("’", "'") for t in _TOKEN.findall(text.lower()))
    return [_stem(t) for t in tokens if t not in STOPWORDS]


class LexicalIndex:
    """BM25Okapi over title + text of each section."""

    def __init__(self, sections: list[Section], title_weight: int = 2) -> None:
        from rank_bm25 import BM25Okapi  # light, but only needed when searching

        self.sections = list(sections)
        # Repeating the title gives headings extra weight, like a field boost.
        corpus = [tokenize(" ".join([s.title] * title_weight + [s.text])) for s in self.sections]
        self._bm25 = BM25Okapi(corpus) if self.sections else None

    def search(self, query: str, k: int) -> list[tuple[Section, float]]:
        """Top-k sections with a positive BM25 score, best first."""
        terms = tokenize(query)
        if self._bm25 is None or not terms:
            return []
        scores = self._bm25.get_scores(terms)
        ranked = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
        return [(self.sections[i], float(scores[i])) for i in ranked[:k] if scores[i] > 0]
