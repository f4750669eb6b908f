"""The chat UI and the embeddable widget in a real browser (Debian's Chromium via Playwright).

One assistant server process; the sample clinic page is served from two other loopback origins:
A is in ASSISTANT_ALLOWED_ORIGINS (the widget appears and answers), B is not (nothing appears).
Every test saves a full-page screenshot under reports/screenshots/.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Route,
    expect,
    sync_playwright,
)

from tests.conftest import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CLINIC_PAGE = ROOT / "examples" / "clinic-site" / "index.html"
WIDGET_JS = ROOT / "assistant" / "server" / "static" / "widget.js"
SHOTS = ROOT / "reports" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_ASSISTANT = "http://127.0.0.1:7860"
WIDGET_TITLE = "Ask about back pain"
SI_QUESTION = "How is sacroiliac joint pain confirmed?"
RED_FLAG_QUESTION = "I can't feel my inner thighs and I wet myself"
# A patient's own back pain with no red flag: the reply ends with the urgent-symptom checklist.
OWN_PAIN = "My lower back has ached for two days since I moved some furniture, what can I do?"
# A red flag in the first message; an unrelated question after it gets a reminder, not a banner.
WET_MYSELF = "I have back pain and I wet myself this morning without noticing"
UNRELATED = "What is the capital of France?"
CAUDA_EQUINA = re.compile(r"numbness around my bottom", re.IGNORECASE)
# The chat UI speaks to clinicians: its quick replies are in their words.
CAUDA_EQUINA_CLINICIAN = re.compile(r"saddle anaesthesia", re.IGNORECASE)
TIMEOUT = 30_000  # ms: Gradio's first load can take a few seconds; answers take under one
HOTPINK = "rgb(255, 105, 180)"
ACCENT = "rgb(15, 118, 110)"  # data-accent="#0f766e"

expect.set_options(timeout=TIMEOUT)

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)


# ---- servers -------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Site:
    """The clinic page served from an allowed origin (a) and a refused one (b)."""

    a: str
    b: str
    assistant: str
    composed: str  # the same page on origin A, talking to an assistant whose model is down


@pytest.fixture(scope="module")
def site(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("clinic-site")
    servers = []
    for _ in range(2):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    a, b = (f"http://127.0.0.1:{server.server_address[1]}" for server in servers)
    base = serve(ASSISTANT_ALLOWED_ORIGINS=a, ASSISTANT_RATE_LIMIT_PER_MINUTE="1000")
    page = CLINIC_PAGE.read_text(encoding="utf-8")
    assert f'<script src="{DEFAULT_ASSISTANT}/widget.js"' in page
    (folder / "index.html").write_text(page.replace(DEFAULT_ASSISTANT, base), encoding="utf-8")
    down = serve(
        ASSISTANT_ALLOWED_ORIGINS=a, ASSISTANT_LLM="openai", ASSISTANT_LLM_TIMEOUT_S="3",
        ASSISTANT_LLM_BASE_URL=f"http://127.0.0.1:{free_port()}/v1",
    )  # fmt: skip
    (folder / "composed.html").write_text(page.replace(DEFAULT_ASSISTANT, down), "utf-8")
    yield Site(a=f"{a}/", b=f"{b}/", assistant=base, composed=f"{a}/composed.html")
    for server in servers:
        server.shutdown()
        server.server_close()


# ---- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; never a browser downloaded by `playwright install`."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Page
    warnings: list[str]
    errors: list[str]


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """A fresh browser context per page; uncaught page errors fail the test."""
    contexts: list[BrowserContext] = []
    tabs: list[Tab] = []

    def open_(url: str, width: int = 1280, height: int = 900) -> Tab:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page, [], [])

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "warning":
                tab.warnings.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        tabs.append(tab)
        page.goto(url)
        return tab

    yield open_
    for context in contexts:
        context.close()
    assert [error for tab in tabs for error in tab.errors] == []


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / name, full_page=True, animations="disabled")


# ---- the chat UI at / ----------------------------------------------------------------------


def ask_ui(page: Page, question: str) -> Locator:
    """Ask through the Gradio chat; returns the finished assistant message."""
    box = page.locator("#lg-layout textarea:visible").first
    expect(box).to_be_editable()
    replies = page.locator('#lg-chatbot [data-testid="bot"]')
    before = replies.count()
    box.fill(question)
    box.press("Enter")
    # Wait for this question's own reply: `.last` would still be the previous finished answer.
    expect(replies).to_have_count(before + 1)
    message = replies.nth(before)
    expect(message.locator(".lg-disclaimer")).to_be_visible()  # the final answer is shown
    return message


def test_ui_citation_opens_its_source(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(f"{site.assistant}/").page
    message = ask_ui(page, SI_QUESTION)
    link = message.locator('a[href^="#lg-source-"]').first
    expect(link).to_be_visible()
    target = str(link.get_attribute("href"))
    card = page.locator(f"#lg-sources-panel {target}")
    expect(card).to_have_count(1)
    # The cards start open: close them all, so the click has something to do.
    page.locator("#lg-sources-panel details").evaluate_all(
        "cards => cards.forEach(card => { card.open = false; })"
    )
    assert card.evaluate("card => card.open") is False
    link.click()
    expect(card).to_have_js_property("open", True)
    expect(card).to_have_class(re.compile(r"\blg-highlight\b"))
    expect(card).to_be_in_viewport()
    expect(page).not_to_have_url(f"{site.assistant}/{target}")  # stayed, no navigation
    quote = card.locator("blockquote")
    expect(quote).to_be_visible()
    assert quote.inner_text().strip()
    summary = card.locator("summary").inner_text()
    number = target.rsplit("-", 1)[1]
    assert summary.startswith(f"[{number}]") and len(summary.split("]", 1)[1].strip()) > 3
    screenshot(page, "ui-answer.png")


def test_ui_shows_a_users_message_as_typed(open_tab: Callable[..., Tab], site: Site) -> None:
    """No HTML from the user's message is rendered and no image it names is fetched."""
    page = open_tab(f"{site.assistant}/").page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    bait = f"http://127.0.0.1:{free_port()}/bait.png"
    typed = f"<b>loud</b> ![x]({bait}) *SI joint* pain: how is it confirmed?"
    ask_ui(page, typed)
    mine = page.locator('#lg-chatbot [data-testid="user"]').last
    expect(mine).to_contain_text(f"<b>loud</b> ![x]({bait}) *SI joint* pain")
    assert mine.locator("b, img, em, a").count() == 0
    assert bait not in fetched
    screenshot(page, "ui-user-text.png")
    page.locator('#lg-chatbot button[aria-label="Retry"]').last.click()
    page.wait_for_timeout(1500)  # the retried reply replaces the last one
    answer = page.locator('#lg-chatbot [data-testid="bot"]').last
    expect(answer.locator(".lg-disclaimer")).to_be_visible()
    retried = page.locator('#lg-chatbot [data-testid="user"]').last
    assert "\\" not in retried.inner_text(), "a retried message is not escaped twice"
    expect(retried).to_contain_text(f"<b>loud</b> ![x]({bait}) *SI joint* pain")


def test_ui_marker_in_an_earlier_answer_opens_its_own_source(
    open_tab: Callable[..., Tab], site: Site
) -> None:
    page = open_tab(f"{site.assistant}/").page
    ask_ui(page, SI_QUESTION)
    first = page.locator('#lg-chatbot [data-testid="bot"]').nth(0)  # `.last` moves on
    first_link = first.locator('a[href^="#lg-source-"]').first
    first_target = str(first_link.get_attribute("href"))
    first_quote = page.locator(f"#lg-sources-panel {first_target} blockquote").inner_text()
    second = ask_ui(page, "What is the risk that an osteochondroma becomes cancerous?")
    expect(page.locator(f"#lg-sources-panel {first_target}")).to_have_count(0)
    second_target = str(second.locator('a[href^="#lg-source-"]').first.get_attribute("href"))
    assert second_target != first_target
    first_link.click()
    card = page.locator(f"#lg-sources-panel {first_target}")
    expect(card).to_have_js_property("open", True)
    expect(card.locator("blockquote")).to_have_text(first_quote)
    expect(card).to_be_in_viewport()
    second.locator('a[href^="#lg-source-"]').first.click()
    expect(page.locator(f"#lg-sources-panel {second_target}")).to_be_in_viewport()
    screenshot(page, "ui-earlier-marker.png")


def test_ui_urgent_banner_comes_first(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(f"{site.assistant}/").page
    message = ask_ui(page, RED_FLAG_QUESTION)
    banner = message.locator(".lg-urgent[role=alert]")
    expect(banner).to_be_visible()
    text = banner.inner_text().lower()
    assert "saddle anaesthesia" in text and "emergency" in text
    # Everything else the reply shows (text, disclaimer) is below the banner.
    below = banner.evaluate(
        """banner => {
            const bottom = banner.getBoundingClientRect().bottom;
            const shown = [...banner.parentElement.children].filter(el => el !== banner
                && el.textContent.trim() && el.getBoundingClientRect().height > 0);
            return shown.map(el => el.getBoundingClientRect().top >= bottom - 1);
        }"""
    )
    assert below and all(below)
    screenshot(page, "ui-urgent.png")


def test_ui_at_phone_width(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(f"{site.assistant}/", width=390, height=844).page
    box = page.locator("#lg-layout textarea:visible").first
    expect(box).to_be_visible()
    expect(box).to_be_in_viewport()
    width = box.bounding_box()
    assert width is not None and width["width"] > 200
    message = ask_ui(page, SI_QUESTION)
    expect(message.locator('a[href^="#lg-source-"]').first).to_be_visible()
    screenshot(page, "ui-phone.png")


def test_ui_safety_net_quick_replies_reminder_and_restart(
    open_tab: Callable[..., Tab], site: Site
) -> None:
    page = open_tab(f"{site.assistant}/").page
    chat = page.locator("#lg-chatbot")
    bots = chat.locator('[data-testid="bot"]')
    # Own back pain, no red flag: the checklist, and Gradio's option buttons under the message.
    message = ask_ui(page, OWN_PAIN)
    expect(message.locator(".lg-safety-net")).to_be_visible()
    expect(message.locator(".lg-urgent, .lg-reminder")).to_have_count(0)
    options = chat.locator(".options button.option")
    expect(options.first).to_be_visible()
    assert options.count() >= 3
    expect(options.last).to_have_text(re.compile(r"none of these", re.IGNORECASE))
    screenshot(page, "ui-safety-net.png")

    # Choosing the cauda equina option sends its words: a new, full urgent banner.
    before = bots.count()
    options.filter(has_text=CAUDA_EQUINA_CLINICIAN).click()
    expect(chat.locator('[data-testid="user"]').last).to_contain_text(CAUDA_EQUINA_CLINICIAN)
    expect(bots).to_have_count(before + 1)
    urgent = bots.nth(before)
    expect(urgent.locator(".lg-disclaimer")).to_be_visible()
    banner = urgent.locator(".lg-urgent[role=alert]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("emergency")
    expect(banner.locator("details.lg-raised")).to_have_count(1)
    screenshot(page, "ui-quick-reply-urgent.png")

    # An unrelated question later: a one-line reminder, not the banner again, then the reply.
    later = bots.nth(before + 1)
    ask_ui(page, UNRELATED)
    expect(later.locator(".lg-reminder")).to_be_visible()
    expect(later.locator(".lg-reminder")).to_contain_text("earlier")
    expect(later.locator(".lg-urgent")).to_have_count(0)
    expect(later).to_contain_text("Outside what this assistant covers")
    screenshot(page, "ui-reminder.png")

    # "New conversation" empties the chat.
    page.locator("#lg-new").click()
    expect(chat.locator('[data-testid="bot"], [data-testid="user"]')).to_have_count(0)
    expect(chat.locator(".options button.option")).to_have_count(0)
    screenshot(page, "ui-new-conversation.png")
    # The history went too: the same question now gets no reminder of the old flag.
    fresh = ask_ui(page, UNRELATED)
    expect(fresh).to_contain_text("Outside what this assistant covers")
    expect(fresh.locator(".lg-reminder, .lg-urgent")).to_have_count(0)


# ---- the widget on the clinic page ---------------------------------------------------------


def widget(page: Page) -> Locator:
    return page.locator("#lumbar-guide-widget")


def launcher(page: Page) -> Locator:
    return widget(page).get_by_role("button", name=f"Open chat: {WIDGET_TITLE}")


def focused(page: Page) -> str:
    """The element focused inside the widget's shadow root, as 'tag.class'."""
    return str(
        page.evaluate(
            """() => {
                const root = document.getElementById('lumbar-guide-widget')?.shadowRoot;
                const el = root && root.activeElement;
                return el ? `${el.tagName.toLowerCase()}.${el.className}` : '';
            }"""
        )
    )


def page_styles(page: Page) -> dict[str, str]:
    """Computed styles of the clinic page's own elements."""
    return dict(
        page.evaluate(
            """() => {
                const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
                return {
                    button: css('#book', 'backgroundColor'),
                    buttonFont: css('#book', 'fontFamily'),
                    p: css('main p', 'color'),
                    body: css('body', 'fontFamily'),
                    div: css('#services-list', 'backgroundColor'),
                    h2: css('h2', 'fontVariantCaps'),
                };
            }"""
        )
    )


def send_widget(page: Page, question: str) -> Locator:
    """Type a question into the open widget and send it with Enter; returns its reply."""
    replies = widget(page).locator(".lg-msg-assistant:not(.lg-intro)")
    before = replies.count()
    box = widget(page).get_by_label("Your question")
    box.fill(question)
    box.press("Enter")
    return replies.nth(before)


def ask_widget(page: Page, question: str) -> Locator:
    """send_widget, then wait for the finished answer (its disclaimer)."""
    reply = send_widget(page, question)
    expect(reply.locator(".lg-disclaimer")).to_be_visible()
    return reply


def check_sources(reply: Locator) -> None:
    """A numbered source list under the answer, each quote in a <details>, then a disclaimer."""
    sources = reply.locator(".lg-source-list .lg-source-item")
    expect(sources.first).to_be_visible()
    assert sources.count() >= 1
    expect(sources.first).to_contain_text(re.compile(r"^\[1\] \S.+"))
    expect(reply.locator(".lg-answer-text")).to_contain_text("[1]")
    # The byline the API sends (authors, journal, year, study type), shown as sent.
    expect(sources.first.locator(".lg-byline")).to_contain_text(re.compile(r"\S+ · \S+"))
    disclaimer = reply.locator(".lg-disclaimer")
    expect(disclaimer).to_be_visible()
    assert disclaimer.inner_text().strip()
    # The marker [1] in the text opens source 1's quote; its <summary> folds it again.
    details = sources.first.locator("details")
    quote = details.locator("blockquote")
    expect(quote).to_be_hidden()
    reply.locator(".lg-answer-text").get_by_role("button", name="Source 1").first.click()
    expect(details).to_have_js_property("open", True)
    expect(quote).to_be_visible()
    assert quote.inner_text().strip()
    details.locator("summary").click()
    expect(quote).to_be_hidden()
    details.locator("summary").click()
    expect(quote).to_be_visible()
    for link in sources.locator("a").all():
        assert str(link.get_attribute("href")).startswith(("https://", "http://"))
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in str(link.get_attribute("rel"))


def test_widget_answers_on_an_allowed_site(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    button = launcher(page)
    expect(button).to_be_visible()
    # All of it lives in an open shadow root: nothing of the widget in the page's own DOM.
    assert page.evaluate(
        """() => {
            const host = document.getElementById('lumbar-guide-widget');
            return host.parentElement === document.body && host.shadowRoot !== null
                && host.shadowRoot.querySelector('button[aria-expanded]') !== null
                && document.querySelector('[aria-expanded], [role=dialog]') === null;
        }"""
    )
    expect(button).to_have_attribute("aria-expanded", "false")

    # Style isolation, both ways: the page's `button { background: hotpink }` does not reach
    # the widget, and the page looks the same as on origin B, where no widget loads.
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == ACCENT
    styles = page_styles(page)
    assert styles["button"] == HOTPINK
    refused = open_tab(site.b).page
    expect(widget(refused)).to_have_count(0)
    assert page_styles(refused) == styles
    refused.close()

    button.click()
    dialog = widget(page).get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_name(WIDGET_TITLE)
    expect(dialog).to_have_attribute("aria-modal", "false")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert focused(page) == "textarea.lg-input"
    expect(dialog.get_by_role("log")).to_be_visible()

    page.keyboard.type(SI_QUESTION)
    page.keyboard.press("Enter")
    reply = dialog.locator(".lg-msg-assistant:not(.lg-intro)").first
    expect(dialog.locator(".lg-msg-user .lg-bubble").last).to_have_text(SI_QUESTION)
    check_sources(reply)
    screenshot(page, "widget-open.png")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert focused(page) == "button.lg-launcher"
    assert page_styles(page) == styles


def test_widget_follow_up_sends_the_conversation(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    first = ask_widget(page, "What is sacroiliac joint pain?")
    expect(first.locator(".lg-source-item").first).to_be_visible()
    with page.expect_request("**/api/v1/ask/stream") as sent:
        follow_up = ask_widget(page, "And how is it treated?")
    body = sent.value.post_data_json
    assert body["question"] == "And how is it treated?"
    assert body["audience"] == "patient"
    assert [turn["role"] for turn in body["history"]] == ["user", "assistant"]
    assert body["history"][0]["content"] == "What is sacroiliac joint pain?"
    assert body["history"][1]["content"]
    expect(follow_up.locator(".lg-source-item").first).to_be_visible()
    # User text is shown as text, never parsed as HTML.
    markup = "<img src=x onerror=alert(1)> <b>bold</b>"
    ask_widget(page, markup)
    expect(widget(page).locator(".lg-msg-user .lg-bubble").last).to_have_text(markup)
    expect(widget(page).locator(".lg-msg-user img, .lg-msg-user b")).to_have_count(0)


def test_widget_shows_nothing_on_a_refused_site(open_tab: Callable[..., Tab], site: Site) -> None:
    tab = open_tab(site.b)
    page = tab.page

    def gave_up() -> list[str]:
        return [warning for warning in tab.warnings if "Lumbar Guide" in warning]

    for _ in range(100):  # the widget warns once when it gives up; wait for that, up to 10 s
        if gave_up():
            break
        page.wait_for_timeout(100)
    assert gave_up(), "the widget never reported that it gave up"
    page.wait_for_timeout(500)
    expect(widget(page)).to_have_count(0)
    expect(page.get_by_role("button", name=f"Open chat: {WIDGET_TITLE}")).to_have_count(0)
    assert len(gave_up()) == 1
    screenshot(page, "widget-refused.png")


def test_widget_urgent_banner_comes_first(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    reply = ask_widget(page, RED_FLAG_QUESTION)
    banner = reply.get_by_role("alert")
    expect(banner).to_be_visible()
    expect(banner).to_have_class("lg-urgent lg-urgent-emergency")
    text = banner.inner_text().lower()
    assert "saddle anaesthesia" in text and "emergency" in text
    assert banner.evaluate("b => getComputedStyle(b).borderTopColor") == "rgb(220, 38, 38)"
    banner_box = banner.bounding_box()
    assert banner_box is not None
    for other in reply.locator(":scope > :not(.lg-urgent)").all():
        box = other.bounding_box()
        if box is not None and box["height"] > 0:
            assert box["y"] >= banner_box["y"] + banner_box["height"] - 1
    screenshot(page, "widget-urgent.png")


def fulfil(**response: Any) -> Callable[[Route], None]:
    """A route handler that answers every request with this response."""
    return lambda route: route.fulfill(**response)


def test_widget_reports_errors_readably(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    stream = "**/api/v1/ask/stream"
    cors = {"Access-Control-Allow-Origin": site.a.rstrip("/")}
    refusals = [
        (429, "too many questions; wait a minute", "Too many questions"),
        (422, "the question is empty", "Please rephrase your question: the question is empty"),
        (413, "request body over 16384 bytes", "too long"),
        (403, "origin is not allowed", "not allowed to use the assistant"),
    ]
    for status, detail, shown in refusals:
        page.route(stream, fulfil(status=status, json={"detail": detail}, headers=cors))
        reply = send_widget(page, SI_QUESTION)
        expect(reply.locator(".lg-error")).to_contain_text(shown)
        page.unroute(stream)
    page.route(stream, lambda route: route.abort("connectionrefused"))
    reply = send_widget(page, SI_QUESTION)
    expect(reply.locator(".lg-error")).to_contain_text("Could not reach the assistant")
    page.unroute(stream)
    # An error mid-stream, then a stream that stops before `done`.
    for body, shown in [
        (
            'event: delta\ndata: {"text": "Partly"}\n\nevent: error\ndata: {"detail": "boom"}\n\n',
            "boom",
        ),
        ('event: delta\ndata: {"text": "Partly"}\n\n', "cut off"),
    ]:
        headers = {**cors, "Content-Type": "text/event-stream"}
        page.route(stream, fulfil(status=200, body=body, headers=headers))
        reply = send_widget(page, SI_QUESTION)
        expect(reply.locator(".lg-error")).to_contain_text(shown)
        page.unroute(stream)
    screenshot(page, "widget-errors.png")
    # Still usable afterwards.
    expect(ask_widget(page, SI_QUESTION).locator(".lg-source-item").first).to_be_visible()


def test_widget_fills_a_phone_screen(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a, width=390, height=844).page
    launcher(page).click()
    dialog = widget(page).get_by_role("dialog")
    expect(dialog).to_be_visible()
    ask_widget(page, SI_QUESTION)
    box = dialog.bounding_box()
    assert box is not None
    assert box["width"] >= 389 and box["height"] >= 0.75 * 844
    screenshot(page, "widget-phone.png")


def quick_replies(reply: Locator) -> Locator:
    return reply.locator(".lg-quick-replies button.lg-quick-reply")


def test_widget_safety_net_quick_reply(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a, width=390, height=844).page  # a phone: the buttons must fit
    launcher(page).click()
    reply = ask_widget(page, OWN_PAIN)
    net = reply.locator(".lg-safety-net")
    expect(net).to_be_visible()
    expect(net).to_contain_text("urgent")
    expect(reply.locator(".lg-urgent, .lg-reminder")).to_have_count(0)
    buttons = quick_replies(reply)
    expect(buttons.first).to_be_visible()
    assert buttons.count() >= 3
    expect(buttons.last).to_have_text(re.compile(r"none of these", re.IGNORECASE))
    # The checklist and its quick replies come before the sources and the disclaimer.
    order = reply.evaluate(
        """reply => [...reply.children].map(child => child.className.split(' ')[0])"""
    )
    assert order.index("lg-safety-net") < order.index("lg-quick-replies")
    assert order.index("lg-quick-replies") < order.index("lg-disclaimer")
    for button in buttons.all():
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44 and box["x"] >= 0
        assert box["x"] + box["width"] <= 390
    cauda = buttons.filter(has_text=CAUDA_EQUINA)
    expect(cauda).to_have_count(1)
    cauda.scroll_into_view_if_needed()
    screenshot(page, "widget-safety-net.png")

    # Choosing it sends its words through the same path as typing, with the conversation.
    with page.expect_request("**/api/v1/ask/stream") as sent:
        cauda.click()
    body = sent.value.post_data_json
    assert CAUDA_EQUINA.search(body["question"])
    assert [turn["content"] for turn in body["history"]][:1] == [OWN_PAIN]
    expect(widget(page).locator(".lg-msg-user .lg-bubble").last).to_have_text(body["question"])
    assert focused(page) == "textarea.lg-input"  # as after typing; no focus lost to <body>
    for button in buttons.all():
        expect(button).to_be_disabled()
    expect(cauda).to_have_class(re.compile(r"\blg-chosen\b"))
    urgent = reply.locator("xpath=following-sibling::div[contains(@class, 'lg-msg-assistant')]")
    urgent = urgent.first
    expect(urgent.locator(".lg-disclaimer")).to_be_visible()
    banner = urgent.locator(".lg-urgent[role=alert]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("emergency")
    expect(urgent.locator(".lg-bubble")).to_have_count(0)  # reply_kind none: nothing below
    # Why it was flagged: the flag, the words that raised it, and how.
    raised = banner.locator("details.lg-raised")
    raised.locator("summary").click()
    expect(raised.locator(".lg-raised-item").first).to_be_visible()
    expect(raised).to_contain_text("numbness around my bottom")
    expect(raised.locator(".lg-raised-signal").first).to_contain_text("Found by: a symptom rule")
    banner.scroll_into_view_if_needed()
    screenshot(page, "widget-quick-reply-urgent.png")


def test_widget_reminds_of_an_earlier_flag(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    first = ask_widget(page, WET_MYSELF)
    expect(first.locator(".lg-urgent[role=alert]")).to_be_visible()
    expect(first.locator(".lg-reminder")).to_have_count(0)
    with page.expect_request("**/api/v1/ask/stream") as sent:
        later = ask_widget(page, UNRELATED)
    assert [turn["role"] for turn in sent.value.post_data_json["history"]] == ["user", "assistant"]
    reminder = later.locator(".lg-reminder")
    expect(reminder).to_be_visible()
    expect(reminder).to_have_attribute("role", "status")
    expect(reminder).to_contain_text("earlier")
    expect(later.locator(".lg-urgent")).to_have_count(0)
    expect(widget(page).locator(".lg-urgent")).to_have_count(1)  # only the first reply's
    # The reply to the new message, labelled by its kind, below the reminder.
    note = later.locator(".lg-note-out-of-scope")
    expect(note.locator(".lg-note-label")).to_have_text("Outside what this assistant covers.")
    expect(note).to_contain_text("only covers low back pain")
    reminder_box, note_box = reminder.bounding_box(), note.bounding_box()
    assert reminder_box is not None and note_box is not None
    assert note_box["y"] >= reminder_box["y"] + reminder_box["height"] - 1
    screenshot(page, "widget-reminder.png")


def test_widget_new_conversation(open_tab: Callable[..., Tab], site: Site) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    ask_widget(page, WET_MYSELF)
    log = widget(page).get_by_role("log")
    expect(log.locator(".lg-msg-user")).to_have_count(1)
    widget(page).get_by_role("button", name="New conversation").click()
    expect(log.locator(".lg-msg-user, .lg-msg-assistant:not(.lg-intro)")).to_have_count(0)
    expect(log.locator(".lg-intro")).to_have_count(1)
    assert focused(page) == "textarea.lg-input"
    screenshot(page, "widget-new-conversation.png")
    # What the widget sends for follow-ups was cleared too: no reminder of the old flag.
    with page.expect_request("**/api/v1/ask/stream") as sent:
        reply = ask_widget(page, UNRELATED)
    assert sent.value.post_data_json["history"] == []
    expect(reply.locator(".lg-reminder, .lg-urgent")).to_have_count(0)


def test_widget_says_when_quotes_stand_in_for_a_composed_answer(
    open_tab: Callable[..., Tab], site: Site
) -> None:
    page = open_tab(site.composed).page
    launcher(page).click()
    reply = ask_widget(page, SI_QUESTION)
    expect(reply.locator(".lg-answer-text")).to_contain_text("[1]")
    expect(reply.locator(".lg-composer")).to_have_text(
        re.compile(r"^Quoted from the passages: the language model failed \(\w+\)\.$")
    )
    screenshot(page, "widget-composer-fallback.png")
    plain = open_tab(site.a).page
    launcher(plain).click()
    expect(ask_widget(plain, SI_QUESTION).locator(".lg-composer")).to_have_count(0)


def test_widget_builds_no_markup_from_strings() -> None:
    source = WIDGET_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source


def test_widget_not_in_the_evidence_shows_the_closest_passages(
    open_tab: Callable[..., Tab], site: Site
) -> None:
    page = open_tab(site.a).page
    launcher(page).click()
    reply = ask_widget(page, "Does acupuncture help sacroiliac joint pain?")
    expect(reply.locator(".lg-note-label")).to_have_text(re.compile(r"not in the evidence", re.I))
    closest = reply.locator(".lg-closest")
    expect(closest).to_be_visible()
    assert 1 <= closest.locator("li").count() <= 3
    expect(closest.locator("blockquote").first).not_to_be_empty()
    screenshot(page, "widget-not-in-evidence.png")
