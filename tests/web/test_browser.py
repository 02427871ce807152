"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, headless) against the
real uvicorn server. Screenshots go to artifacts/browser/ (git-ignored).

Skipped when Chromium or Playwright is missing (`scripts/setup.sh --dev` installs both).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from tests.web.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "browser"
TODAY = "2026-11-16"

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)")]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _signed_in(browser, server, name: str = "Jordan Blake", **context_options):
    context = browser.new_context(base_url=server, **context_options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/chat")
    assert "/signin" in page.url  # signed out: to the sign-in form
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")  # keyboard-usable: no mouse needed to sign in
    page.wait_for_url(lambda url: urlsplit(url).path == "/chat")  # not /signin?next=/chat
    return context, page


def _ask(page, question: str):
    before = page.locator("article.answer").count()
    page.fill("#question", f"{question}")
    page.keyboard.press("Enter")
    page.locator("article.answer").nth(before).wait_for()
    return page.locator("article.answer").nth(before)


def test_sign_in_ask_follow_up_and_read_the_card(browser, server):
    context, page = _signed_in(browser, server)
    try:
        card = _ask(page, "should I pitch Data Quality to Acme?")
        assert card.locator(".verdict").first.inner_text().strip().lower() == "pitch"
        # The verdict shows at once; the talk track arrives after, replacing "drafting…".
        card.locator(".talk-track").wait_for()
        assert "Drafted by template" in card.inner_text()
        assert card.locator("button[data-copy]").is_visible()
        passage = card.locator("details").first
        passage.locator("summary").click()
        assert passage.locator("blockquote").is_visible()
        _shot(page, "chat-card")
        follow = _ask(page, "why?")
        assert "Acme Corp" in follow.inner_text()
        session = page.locator("#session-id").input_value()
        assert session.startswith("u")
        _shot(page, "chat-follow-up")
    finally:
        context.close()


def test_account_page_what_if_and_qbr_print(browser, server, tmp_path):
    context, page = _signed_in(browser, server)
    try:
        page.goto(f"/accounts/Acme%20Corp?today={TODAY}")
        assert page.locator("h1").inner_text() == "Acme Corp"
        page.select_option("#wi-product", "Data Platform")
        page.fill("#wi-utilization", "0.4")
        page.get_by_role("button", name="See both verdicts").click()
        changed = page.locator("#what-if-verdict")
        changed.wait_for()
        assert changed.inner_text().strip().lower() == "intervene"
        assert "pitch" in page.locator(".what-if .headline").inner_text().lower()
        _shot(page, "account-what-if")
        page.get_by_role("link", name="QBR").click()
        page.wait_for_url("**/qbr**")
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert page.locator("h1").inner_text().startswith("Quarterly business review")
        page.pdf(path=str(tmp_path / "qbr.pdf"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "qbr.pdf").write_bytes((tmp_path / "qbr.pdf").read_bytes())
        assert (tmp_path / "qbr.pdf").stat().st_size > 5_000
        _shot(page, "qbr-print")
    finally:
        context.close()


def test_portfolio_and_its_chart(browser, server):
    context, page = _signed_in(browser, server, "Morgan Reyes")
    try:
        page.goto(f"/portfolio?today={TODAY}")
        chart = page.locator("#density-chart svg")
        assert chart.is_visible() and chart.locator("rect").count() >= 10
        page.select_option("select[name=verdict]", "pitch")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**verdict=pitch**")
        assert page.locator("table.plan-blocked").count() == 0
        _shot(page, "portfolio")
    finally:
        context.close()


def test_phone_width_chat_fits_the_screen(browser, server):
    context, page = _signed_in(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        card = _ask(page, "what can I sell to Acme?")
        assert card.is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
        _shot(page, "phone-chat")
    finally:
        context.close()
