"""Server-rendered inline SVG charts (no JavaScript chart library): bars and a line over time.

Each returns markup for a Jinja2 template (`{{ chart | safe }}`); every label is escaped here.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

COLORS = {"pitch": "#1c7c45", "prepare": "#8a6d00", "intervene": "#b45309", "hold": "#b42318"}
DEFAULT_COLOR = "#2f5bd3"


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def bar_chart(rows: list[tuple[str, float]], *, title: str, colors: list[str] | None = None,
              unit: str = "", width: int = 640, bar_h: int = 22) -> Markup:
    """Horizontal bars, one row per (label, value), largest scale first-come."""
    label_w, gap, top = 180, 6, 28
    height = top + len(rows) * (bar_h + gap) + 8
    peak = max((v for _, v in rows), default=0) or 1
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<text x="8" y="18" font-size="14" font-weight="600">{escape(title)}</text>']
    span = width - label_w - 70
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_h + gap)
        w = max(1.0, span * max(value, 0) / peak)
        color = (colors[index] if colors and index < len(colors) else DEFAULT_COLOR)
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h * 0.7:.1f}" font-size="12" text-anchor="end">'
                     f'{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" fill="{color}">'
                     f'<title>{escape(label)}: {_num(value)}{escape(unit)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="12">'
                     f'{_num(value)}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_counts(groups: dict[str, dict[str, int]], *, title: str, order: tuple[str, ...],
                   width: int = 640, bar_h: int = 26) -> Markup:
    """One horizontal bar per group (e.g. a motion), split by category (e.g. verdict)."""
    label_w, gap, top = 120, 8, 28
    height = top + len(groups) * (bar_h + gap) + 30
    peak = max((sum(c.values()) for c in groups.values()), default=0) or 1
    span = width - label_w - 40
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<text x="8" y="18" font-size="14" font-weight="600">{escape(title)}</text>']
    for index, (group, counts) in enumerate(groups.items()):
        y, x = top + index * (bar_h + gap), float(label_w)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h * 0.7:.1f}" font-size="12" text-anchor="end">'
                     f'{escape(group)}</text>')
        for category in order:
            count = counts.get(category, 0)
            if not count:
                continue
            w = span * count / peak
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{COLORS.get(category, DEFAULT_COLOR)}"><title>{escape(group)}, '
                         f'{escape(category)}: {count}</title></rect>')
            if w > 18:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_h * 0.68:.1f}" font-size="12" fill="#fff" '
                             f'text-anchor="middle">{count}</text>')
            x += w
    legend_y = height - 10
    for index, category in enumerate(order):
        lx = label_w + index * 110
        parts.append(f'<rect x="{lx}" y="{legend_y - 10}" width="10" height="10" '
                     f'fill="{COLORS.get(category, DEFAULT_COLOR)}"/>'
                     f'<text x="{lx + 14}" y="{legend_y}" font-size="12">{escape(category)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(points: list[tuple[str, float]], *, title: str, unit: str = "", width: int = 640,
               height: int = 220) -> Markup:
    """A line over time: (label, value) in order; the labels are shown under the first and last point."""
    left, right, top, bottom = 48, 16, 28, 32
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<text x="8" y="18" font-size="14" font-weight="600">{escape(title)}</text>']
    if not points:
        parts.append(f'<text x="{left}" y="{height / 2:.0f}" font-size="13">no data in this period</text></svg>')
        return Markup("".join(parts))
    values = [v for _, v in points]
    low, high = min(values + [0.0]), max(values) or 1.0
    span_y = (high - low) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)
        return x, top + plot_h * (1 - (v - low) / span_y)

    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#ccc"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 10}" font-size="11" text-anchor="end">{_num(high)}{escape(unit)}</text>')
    parts.append(f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">{_num(low)}{escape(unit)}</text>')
    parts.append('<polyline fill="none" stroke="#2f5bd3" stroke-width="2" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (label, value), (x, y) in zip(points, coords):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#2f5bd3"><title>{escape(label)}: '
                     f'{_num(value)}{escape(unit)}</title></circle>')
    for index in {0, len(points) - 1}:
        x, _ = coords[index]
        parts.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="11" text-anchor="middle">'
                     f'{escape(points[index][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
