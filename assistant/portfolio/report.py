"""Plans and metrics as plain data: JSON-able dicts, flat rows (CSV, tables) and Markdown."""

from __future__ import annotations

import csv
from typing import IO, Iterator

from assistant.portfolio.metrics import STATUSES, ExpansionMetrics
from assistant.portfolio.plan import PlanEntry, QuarterlyPlan

PLAN_COLUMNS = ("section", "rank", "account", "owner", "score", "signals", "best_product", "best_change",
                "motion", "verdict", "pitch_plays", "blockers", "remedies")
SECTION_TITLES = {
    "focus": "Focus: the next 90 days of expansion",
    "later": "Later: a play to pitch, below the focus cut",
    "blocked": "Blocked: not pushed this quarter (blockers and remedies)",
}


def entry_row(entry: PlanEntry) -> dict:
    s, best = entry.summary, entry.summary.best
    return {
        "section": entry.section, "rank": entry.rank, "account": s.account, "owner": s.owner or "",
        "score": s.score, "signals": " ".join(s.signals),
        "best_product": best.product if best else "", "best_change": best.change if best else "",
        "motion": best.motion if best else "", "verdict": best.verdict if best else "",
        "pitch_plays": s.pitch_plays,
        "blockers": " ".join(b.code for b in s.blockers),
        "remedies": " | ".join(f"{b.code}: {b.remedy}" for b in s.blockers if b.remedy),
    }


def plan_rows(plan: QuarterlyPlan) -> Iterator[dict]:
    for entry in plan.entries():
        yield entry_row(entry)


def _entry_dict(entry: PlanEntry, layers: tuple[str, ...]) -> dict:
    s, best = entry.summary, entry.summary.best
    return {
        "rank": entry.rank, "account": s.account, "owner": s.owner, "score": s.score,
        "layers": dict(zip(layers, s.layer_counts)), "signals": list(s.signals),
        "annual_value": s.annual_value, "pitch_plays": s.pitch_plays,
        "best_play": None if best is None else {
            "product": best.product, "change": best.change, "motion": best.motion, "verdict": best.verdict,
            "signals": list(best.signals)},
        "blockers": [{"code": b.code, "message": b.message, "remedy": b.remedy} for b in s.blockers],
    }


def plan_dict(plan: QuarterlyPlan) -> dict:
    return {
        "today": plan.today.isoformat(), "owner": plan.owner, "ruleset_version": plan.ruleset_version,
        "book_size": plan.book_size, "focus_size": plan.focus_size,
        "density": {"layers": list(plan.layers), "weights": list(plan.weights)},
        "focus": [_entry_dict(e, plan.layers) for e in plan.focus],
        "later": [_entry_dict(e, plan.layers) for e in plan.later],
        "blocked": [_entry_dict(e, plan.layers) for e in plan.blocked],
    }


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV
    injection advice); numbers stay numbers, so a negative amount is still a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_plan_csv(plan: QuarterlyPlan, stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=PLAN_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in plan_rows(plan))


def _md(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def plan_markdown(plan: QuarterlyPlan) -> str:
    who = f" for {plan.owner}" if plan.owner else ""
    lines = [f"# Quarterly expansion plan{who} ({plan.today.isoformat()})", "",
             f"{plan.book_size} accounts; focus on the top {plan.focus_size} with a play to pitch. "
             f"Rule set {plan.ruleset_version}.", ""]
    for section, entries in (("focus", plan.focus), ("later", plan.later)):
        lines += [f"## {SECTION_TITLES[section]} ({len(entries)})", ""]
        if entries:
            lines += ["| rank | account | owner | score | signals | best play |", "|---:|---|---|---:|---|---|"]
            for e in entries:
                r = entry_row(e)
                lines.append(f"| {r['rank']} | {_md(r['account'])} | {_md(r['owner'])} | {r['score']:g} | "
                             f"{_md(r['signals'])} | {_md(r['best_product'])} ({r['motion']}, {r['best_change']}) |")
            lines.append("")
    lines += [f"## {SECTION_TITLES['blocked']} ({len(plan.blocked)})", ""]
    for e in plan.blocked:
        s = e.summary
        best = f"{s.best.product} ({s.best.motion}): {s.best.verdict}" if s.best else "no play"
        lines.append(f"- **{_md(s.account)}** (rank {e.rank}, {_md(s.owner or 'no owner')}; best play {best})")
        for b in s.blockers:
            lines.append(f"  - `{b.code}`: {_md(b.message)}. Remedy: {_md(b.remedy or '-')}")
    return "\n".join(lines) + "\n"


def _money(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def metrics_dict(m: ExpansionMetrics) -> dict:
    r = m.revenue
    counts, amounts = m.count_by_status(), m.revenue_by_status()
    return {
        "period": {"from": m.start.isoformat(), "to": m.end.isoformat()}, "as_of": m.as_of.isoformat(),
        "owner": m.owner, "followup_window_days": m.window_days,
        "revenue": {
            "starting_arr": _money(r.starting_arr), "ending_arr": _money(r.ending_arr),
            "expansion": _money(r.expansion), "cohort_expansion": _money(r.cohort_expansion),
            "contraction": _money(r.contraction), "churned": _money(r.churned), "new_logo": _money(r.new_logo),
            "nrr": r.nrr, "grr": r.grr, "cohort_accounts": r.cohort_accounts,
            "churned_accounts": r.churned_accounts,
        },
        "expansion_by_status": {
            status: {"count": counts[status], "amount": _money(amounts[status])}
            for status in STATUSES},
        "plays": {motion: {"won": s.won, "lost": s.lost, "deferred": s.deferred, "won_amount": _money(s.won_amount),
                           "win_rate": s.win_rate} for motion, s in sorted(m.plays.items())},
        "expansions": [{
            "account": e.account, "date": e.date.isoformat(), "product": e.product, "amount": e.amount,
            "status": e.status, "churn_date": e.churn_date.isoformat() if e.churn_date else None,
            "churn_in_window": e.churn_in_window, "nps_drop": e.nps_drop, "below_floor": e.below_floor,
            "escalation": e.escalation} for e in m.expansions],
    }
