"""The portfolio (the quarterly plan with filters and a chart of the book) and the metrics page
(NRR and GRR over time, expansions followed by churn, an NPS drop or an escalation apart)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from assistant.web import charts
from assistant.web.deps import CoachDep, PageUser, PageViewer
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)
VERDICTS = ("pitch", "prepare", "intervene", "hold")
MOTIONS = ("upsell", "cross_sell")
CHART_ACCOUNTS = 25  # the densest accounts drawn in the density chart


def _matches(entry, verdict: str | None, motion: str | None) -> bool:
    best = entry.best_play
    if verdict and (best is None or best.verdict != verdict):
        return False
    return not motion or (best is not None and best.motion == motion)


def _portfolio(coach, viewer, user: str, owner, verdict, motion, today) -> dict:
    plan = coach.plan(owner=owner, today=today, workers=1, user=user, viewer=viewer)
    parts = {name: [e for e in getattr(plan, name) if _matches(e, verdict, motion)]
             for name in ("focus", "later", "blocked")}
    entries = sorted([e for part in parts.values() for e in part], key=lambda e: e.rank)
    density = charts.bar_chart(
        [(e.account, e.score) for e in entries[:CHART_ACCOUNTS]],
        colors=[charts.COLORS.get(e.best_play.verdict if e.best_play else "hold") for e in entries[:CHART_ACCOUNTS]],
        title=f"Signal density of the {min(len(entries), CHART_ACCOUNTS)} densest accounts shown")
    by_motion: dict[str, Counter] = defaultdict(Counter)
    for e in entries:
        by_motion[(e.best_play.motion if e.best_play else "none").replace("_", "-")][
            e.best_play.verdict if e.best_play else "hold"] += 1
    verdict_chart = charts.stacked_counts(dict(by_motion), title="Best play's verdict by motion", order=VERDICTS)
    # The owners on the plan (not a second read of every account: the book may be large).
    owners = sorted({e.owner for name in ("focus", "later", "blocked") for e in getattr(plan, name) if e.owner}
                    ) if viewer.sees_all else []
    return {"plan": plan, "parts": parts, "density_chart": density, "verdict_chart": verdict_chart,
            "owners": owners, "filters": {"owner": owner or "", "verdict": verdict or "", "motion": motion or ""},
            "verdicts": VERDICTS, "motions": MOTIONS, "today": today}


@router.get("/portfolio")
async def portfolio_page(request: Request, coach: CoachDep, viewer: PageViewer, user: PageUser,
                         owner: str | None = Query(None, max_length=200),
                         verdict: str | None = Query(None, pattern="^(|pitch|prepare|intervene|hold)$"),
                         motion: str | None = Query(None, pattern="^(|upsell|cross_sell)$"),
                         today: dt.date | None = None):
    context = await run_in_threadpool(_portfolio, coach, viewer, user.name, owner or None, verdict or None,
                                      motion or None, today)
    return page(request, "portfolio.html", context)


def _quarters(end: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """`count` periods of 91 days ending at `end`, oldest first."""
    periods = []
    for index in range(count):
        last = end - dt.timedelta(days=91 * index)
        periods.append((last - dt.timedelta(days=90), last))
    return periods[::-1]


def _metrics(coach, viewer, user: str, start, end, owner, today) -> dict:
    result = coach.metrics(start=start, end=end, owner=owner, today=today, user=user, viewer=viewer)
    series = []
    for first, last in _quarters(result.period.end, 4):
        quarter = coach.metrics(start=first, end=last, owner=owner, today=today, viewer=viewer)
        series.append((f"{first:%b %Y}–{last:%b %Y}", quarter.revenue.nrr, quarter.revenue.grr))
    nrr = charts.line_chart([(label, value * 100) for label, value, _ in series if value is not None],
                            title="Net revenue retention by quarter", unit="%")
    grr = charts.line_chart([(label, value * 100) for label, _, value in series if value is not None],
                            title="Gross revenue retention by quarter", unit="%")
    flagged = [e for e in result.expansions if e.status != "retained" or e.nps_drop or e.escalation]
    retained = [e for e in result.expansions if e not in flagged]
    return {"metrics": result, "nrr_chart": nrr, "grr_chart": grr, "flagged": flagged, "retained": retained,
            "filters": {"start": start or "", "end": end or "", "owner": owner or ""},
            "owners": sorted({a.owner for a in coach.accounts(None, viewer=viewer) if a.owner})
            if viewer.sees_all else []}


@router.get("/metrics")
async def metrics_page(request: Request, coach: CoachDep, viewer: PageViewer, user: PageUser,
                       start: dt.date | None = None, end: dt.date | None = None,
                       owner: str | None = Query(None, max_length=200), today: dt.date | None = None):
    context = await run_in_threadpool(_metrics, coach, viewer, user.name, start, end, owner or None, today)
    return page(request, "metrics.html", context)
