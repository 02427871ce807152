"""HTML documents load in linear time: a 1 MB page of many tags, in a bounded time and memory."""

from __future__ import annotations

import subprocess
import textwrap

from assistant.knowledge.loaders import html_text, load_document
from tests.hardening.conftest import PYTHON, subprocess_env


def test_headings_blocks_and_dropped_tags(tmp_path):
    page = ("<html><head><title>Playbook</title><style>x{}</style></head><body>"
            "<nav>menu</nav><h1>Upsell</h1><p>Only when <b>usage</b> is high.</p><script>evil()</script>"
            "<h2>Cross-sell</h2><ul><li>one</li><li>two</li></ul>tail text<footer>f</footer></body></html>")
    text, title = html_text(page)
    assert title == "Playbook"
    assert "## Upsell" in text and "## Cross-sell" in text
    assert "Only when usage is high." in text and "tail text" in text
    assert "evil" not in text and "menu" not in text and "x{}" not in text
    path = tmp_path / "playbook.html"
    path.write_text(page)
    loaded = load_document(path)
    assert [s.title for s in loaded.sections] == ["Upsell", "Cross-sell"]


def test_a_1_mb_page_loads_in_bounded_time_and_memory(tmp_path):
    """Unclosed and nested tags by the thousand: the shape that made the old loader quadratic."""
    path = tmp_path / "big.html"
    chunk = "<div><p>usage signal <b>grows</b><span>x</span>" * 20 + "</div>" * 20 + "<h2>Part</h2><br>"
    path.write_text("<html><body>" + chunk * (1_048_576 // len(chunk) + 1) + "</body></html>")
    assert path.stat().st_size > 1_000_000
    script = textwrap.dedent(f"""
        import time
        from assistant.knowledge.loaders import load_document
        from tests.hardening.conftest import peak_rss_mb
        start = time.perf_counter()
        loaded = load_document({str(path)!r})
        took = time.perf_counter() - start
        print(len(loaded.sections), took, peak_rss_mb())
    """)
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=120,
                          env=subprocess_env(tmp_path))
    assert done.returncode == 0, done.stderr
    sections, took, peak_mb = done.stdout.split()
    assert int(sections) > 100
    assert float(took) < 30  # the old loader did not finish in 120 s; this takes about a second
    assert int(peak_mb) < 500


def test_size_limit_on_added_documents(tmp_path):
    import pytest

    from assistant.knowledge.errors import DocumentError

    path = tmp_path / "big.md"
    path.write_text("# A\n" + "word " * 1000)
    with pytest.raises(DocumentError, match="over the .* MB limit"):
        load_document(path, max_bytes=100)
