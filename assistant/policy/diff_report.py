"""A BookDiff as a terminal table, Markdown or JSON (one shape of content, three renderings)."""

from __future__ import annotations

import json

from assistant.policy.diff import BookDiff, PlayMove

_VERDICTS = ("pitch", "prepare", "intervene", "hold")


def _summary_lines(diff: BookDiff) -> list[str]:
    accounts = diff.accounts_moved()
    return [
        f"rules today {diff.current_version} → proposed {diff.proposed_version}, as of {diff.today}",
        f"{diff.accounts} accounts, {diff.plays} plays evaluated in {diff.seconds:.1f} s",
        f"{len(diff.moves)} verdicts move ({len(diff.stricter)} stricter, {len(diff.looser)} looser) "
        f"on {len(accounts)} accounts; {len(diff.reasons_only)} more plays change reasons only",
    ]


def _verdict_counts(diff: BookDiff) -> list[tuple[str, int, int]]:
    return [(v, diff.before.get(v, 0), diff.after.get(v, 0)) for v in _VERDICTS]


def _code_counts(diff: BookDiff) -> list[tuple[str, int, int]]:
    codes = sorted(set(diff.appeared) | set(diff.disappeared))
    return [(c, diff.appeared.get(c, 0), diff.disappeared.get(c, 0)) for c in codes]


def _move_row(move: PlayMove) -> list[str]:
    return [move.account, f"{move.product} ({move.change})", move.before, move.after, move.direction,
            ", ".join(move.appeared) or "-", ", ".join(move.disappeared) or "-"]


_MOVE_HEADERS = ["account", "play", "today", "proposed", "direction", "codes appeared", "codes gone"]


def _shown(diff: BookDiff, limit: int | None) -> tuple[list[PlayMove], int]:
    # stricter moves first: they are the ones that take plays away from account managers
    ordered = sorted(diff.moves, key=lambda m: (m.direction != "stricter", m.account, m.product, m.change))
    if limit is None or limit < 0:
        return ordered, 0
    return ordered[:limit], max(0, len(ordered) - limit)


def render_markdown(diff: BookDiff, limit: int | None = 50) -> str:
    lines = ["# Policy diff", ""] + [f"- {line}" for line in _summary_lines(diff)] + [""]
    lines += ["| verdict | today | proposed |", "| --- | ---: | ---: |"]
    lines += [f"| {v} | {a} | {b} |" for v, a, b in _verdict_counts(diff)]
    codes = _code_counts(diff)
    if codes:
        lines += ["", "| reason code | appeared | disappeared |", "| --- | ---: | ---: |"]
        lines += [f"| `{c}` | {a} | {d} |" for c, a, d in codes]
    moves, hidden = _shown(diff, limit)
    if moves:
        lines += ["", "| " + " | ".join(_MOVE_HEADERS) + " |", "|" + " --- |" * len(_MOVE_HEADERS)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in _move_row(m)) + " |" for m in moves]
    if hidden:
        lines += ["", f"… and {hidden} more moves (use --limit or --format json for all)"]
    if diff.errors:
        lines += ["", f"{len(diff.errors)} plays could not be evaluated:"] + [f"- {e}" for e in diff.errors[:20]]
    return "\n".join(lines) + "\n"


def render_json(diff: BookDiff) -> str:
    from assistant.validation import json_safe

    return json.dumps(json_safe(diff.to_dict()), indent=2, ensure_ascii=False, allow_nan=False)


def print_table(diff: BookDiff, console, limit: int | None = 50) -> None:
    """Rich tables on `console` (a rich.console.Console)."""
    from rich.table import Table

    for line in _summary_lines(diff):
        console.print(line)
    verdicts = Table(title="Verdicts")
    for column in ("verdict", "today", "proposed"):
        verdicts.add_column(column, justify="left" if column == "verdict" else "right")
    for v, a, b in _verdict_counts(diff):
        verdicts.add_row(v, str(a), str(b))
    console.print(verdicts)
    codes = _code_counts(diff)
    if codes:
        table = Table(title="Reason codes")
        for column in ("code", "appeared", "disappeared"):
            table.add_column(column, justify="left" if column == "code" else "right")
        for c, a, d in codes:
            table.add_row(c, str(a), str(d))
        console.print(table)
    moves, hidden = _shown(diff, limit)
    if moves:
        table = Table(title="Verdicts that move")
        for column in _MOVE_HEADERS:
            table.add_column(column)
        for move in moves:
            table.add_row(*_move_row(move))
        console.print(table)
    if hidden:
        console.print(f"… and {hidden} more moves (use --limit or --format json for all)")
    for error in diff.errors[:20]:
        console.print(f"could not evaluate: {error}")
