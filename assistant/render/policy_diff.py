"""A policy diff (PolicyDiffResult) as Markdown, or as rows for a terminal table."""

from __future__ import annotations

from assistant.results import PlayMove, PolicyDiffResult

VERDICTS = ("pitch", "prepare", "intervene", "hold")
MOVE_HEADERS = ["account", "play", "today", "proposed", "direction", "codes appeared", "codes gone"]


def summary_lines(diff: PolicyDiffResult) -> list[str]:
    return [
        f"rules today {diff.current_version} → proposed {diff.proposed_version}, as of {diff.today}",
        f"{diff.accounts} accounts, {diff.plays} plays evaluated in {diff.seconds:.1f} s",
        f"{diff.moved} verdicts move ({diff.stricter} stricter, {diff.looser} looser) "
        f"on {len(diff.accounts_moved)} accounts; {diff.reasons_only} more plays change reasons only",
    ]


def verdict_counts(diff: PolicyDiffResult) -> list[tuple[str, int, int]]:
    return [(v, diff.verdicts_before.get(v, 0), diff.verdicts_after.get(v, 0)) for v in VERDICTS]


def code_counts(diff: PolicyDiffResult) -> list[tuple[str, int, int]]:
    codes = sorted(set(diff.codes_appeared) | set(diff.codes_disappeared))
    return [(c, diff.codes_appeared.get(c, 0), diff.codes_disappeared.get(c, 0)) for c in codes]


def move_row(move: PlayMove) -> list[str]:
    return [move.account, f"{move.product} ({move.change})", move.before, move.after, move.direction,
            ", ".join(move.appeared) or "-", ", ".join(move.disappeared) or "-"]


def shown_moves(diff: PolicyDiffResult, limit: int | None) -> tuple[list[PlayMove], int]:
    """The moves to list (stricter first: they take plays away from account managers), and how
    many are left out."""
    ordered = sorted(diff.moves, key=lambda m: (m.direction != "stricter", m.account, m.product, m.change))
    if limit is None or limit < 0:
        return ordered, 0
    return ordered[:limit], max(0, len(ordered) - limit)


def more_line(hidden: int) -> str:
    return f"… and {hidden} more moves (use --limit or --format json for all)"


def render_markdown(diff: PolicyDiffResult, limit: int | None = 50) -> str:
    lines = ["# Policy diff", ""] + [f"- {line}" for line in summary_lines(diff)] + [""]
    lines += ["| verdict | today | proposed |", "| --- | ---: | ---: |"]
    lines += [f"| {v} | {a} | {b} |" for v, a, b in verdict_counts(diff)]
    codes = code_counts(diff)
    if codes:
        lines += ["", "| reason code | appeared | disappeared |", "| --- | ---: | ---: |"]
        lines += [f"| `{c}` | {a} | {d} |" for c, a, d in codes]
    moves, hidden = shown_moves(diff, limit)
    if moves:
        lines += ["", "| " + " | ".join(MOVE_HEADERS) + " |", "|" + " --- |" * len(MOVE_HEADERS)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in move_row(m)) + " |" for m in moves]
    if hidden:
        lines += ["", more_line(hidden)]
    if diff.errors:
        lines += ["", f"{len(diff.errors)} plays could not be evaluated:"] + [f"- {e}" for e in diff.errors[:20]]
    return "\n".join(lines) + "\n"
