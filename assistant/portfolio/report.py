"""Plans and metrics as plain JSON-able dicts (the shape of assistant.results.PlanResult and
MetricsResult; their renderings are in assistant/render/)."""

from __future__ import annotations

from assistant.portfolio.metrics import STATUSES, ExpansionMetrics
from assistant.portfolio.plan import PlanEntry, QuarterlyPlan


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
