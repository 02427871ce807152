"""The quarterly motion over a book: rank by signal density, plan the focus, measure expansion.

    from assistant.portfolio import build_plan, compute_metrics, load_portfolio_params
    plan = build_plan(store, ruleset, today, owner="am@example.com")

Modules: parameters (rules/portfolio.yaml), policy.batch (verdicts of candidate plays, unrendered),
ranking (density, best play, focus cut), plan (streaming over the store), metrics (revenue,
NRR/GRR, follow-up of expansions), report (dicts, rows, CSV, Markdown). See docs/portfolio.md.
"""

from assistant.portfolio.metrics import ExpansionMetrics, compute_metrics
from assistant.portfolio.parameters import PortfolioParams, load_portfolio_params
from assistant.portfolio.plan import PlanEntry, QuarterlyPlan, build_plan, summarize_book

__all__ = ["ExpansionMetrics", "PlanEntry", "PortfolioParams", "QuarterlyPlan", "build_plan", "compute_metrics",
           "load_portfolio_params", "summarize_book"]
