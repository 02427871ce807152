"""A quarterly plan (PlanResult) as flat rows, CSV and Markdown."""

from __future__ import annotations

import csv
from typing import IO, Iterator

from assistant.results import PlanEntry, PlanResult

PLAN_COLUMNS = ("section", "rank", "account", "owner", "score", "signals", "best_product", "best_change",
                "motion", "verdict", "pitch_plays", "blockers", "remedies")
SECTION_TITLES = {
    "focus": "Focus: the next 90 days of expansion",
    "later": "Later: a play to pitch, below the focus cut",
    "blocked": "Blocked: not pushed this quarter (blockers and remedies)",
}


def entry_row(section: str, entry: PlanEntry) -> dict:
    best = entry.best_play
    return {
        "section": section, "rank": entry.rank, "account": entry.account, "owner": entry.owner or "",
        "score": entry.score, "signals": " ".join(entry.signals),
        "best_product": best.product if best else "", "best_change": best.change if best else "",
        "motion": best.motion if best else "", "verdict": best.verdict if best else "",
        "pitch_plays": entry.pitch_plays,
        "blockers": " ".join(b.code for b in entry.blockers),
        "remedies": " | ".join(f"{b.code}: {b.remedy}" for b in entry.blockers if b.remedy),
    }


def plan_rows(plan: PlanResult) -> Iterator[dict]:
    for section, entries in plan.sections():
        for entry in entries:
            yield entry_row(section, entry)


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV
    injection advice); numbers stay numbers, so a negative amount is still a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_plan_csv(plan: PlanResult, stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=PLAN_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in plan_rows(plan))


def _md(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def plan_markdown(plan: PlanResult) -> str:
    who = f" for {plan.owner}" if plan.owner else ""
    lines = [f"# Quarterly expansion plan{who} ({plan.today.isoformat()})", "",
             f"{plan.book_size} accounts; focus on the top {plan.focus_size} with a play to pitch. "
             f"Rule set {plan.ruleset_version}.", ""]
    for section, entries in (("focus", plan.focus), ("later", plan.later)):
        lines += [f"## {SECTION_TITLES[section]} ({len(entries)})", ""]
        if entries:
            lines += ["| rank | account | owner | score | signals | best play |", "|---:|---|---|---:|---|---|"]
            for e in entries:
                r = entry_row(section, e)
                lines.append(f"| {r['rank']} | {_md(r['account'])} | {_md(r['owner'])} | {r['score']:g} | "
                             f"{_md(r['signals'])} | {_md(r['best_product'])} ({r['motion']}, {r['best_change']}) |")
            lines.append("")
    lines += [f"## {SECTION_TITLES['blocked']} ({len(plan.blocked)})", ""]
    for e in plan.blocked:
        best = f"{e.best_play.product} ({e.best_play.motion}): {e.best_play.verdict}" if e.best_play else "no play"
        lines.append(f"- **{_md(e.account)}** (rank {e.rank}, {_md(e.owner or 'no owner')}; best play {best})")
        for b in e.blockers:
            lines.append(f"  - `{b.code}`: {_md(b.message)}. Remedy: {_md(b.remedy or '-')}")
    return "\n".join(lines) + "\n"
