/*
 * Lumbar Guide: the embeddable chat widget.
 *
 * A site adds one tag:
 *   <script src="https://HOST/widget.js" data-title="Ask about back pain"
 *           data-accent="#0f766e" defer></script>
 *
 * The widget asks HOST/api/v1/healthz first; if the assistant is unreachable or refuses this
 * site (its origin is not in ASSISTANT_ALLOWED_ORIGINS), nothing is added to the page. Otherwise
 * a floating button opens a chat panel. Everything lives in an open shadow root, styled only by
 * HOST/widget.css, so the page's styles and the widget's cannot affect each other.
 *
 * Security: every element is built with createElement and filled with textContent; server and
 * user text is never parsed as HTML. Links are only made for http(s) URLs.
 */
(() => {
  "use strict";

  const HOST_ID = "lumbar-guide-widget";
  const DEFAULT_TITLE = "Ask about low back pain";
  const DEFAULT_ACCENT = "#0f766e";
  const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
  const MAX_QUESTION = 2000;
  const HISTORY_TURNS = 6; // what the server takes into account
  const MAX_TURN_CHARS = 4000;
  const MAX_BODY_BYTES = 15000; // the server refuses bodies over 16 KiB
  // The label above a reply that is not an answer, and its style, by the result's reply_kind.
  const NOTES = {
    refusal: { label: "Not in the evidence.", css: "insufficient-evidence" },
    out_of_scope: { label: "Outside what this assistant covers.", css: "out-of-scope" },
    safety_net: { label: "When to get urgent help.", css: "safety-net" },
  };
  // reply_kind from a status, for a server that does not send reply_kind.
  const KIND_OF_STATUS = {
    answered: "answer",
    insufficient_evidence: "refusal",
    out_of_scope: "out_of_scope",
    safety_net: "safety_net",
  };
  // What raised a red flag (its `signal`, one or several joined by +), in plain words.
  const SIGNALS = {
    rule: "a symptom rule",
    number: "a measured value",
    classifier: "the symptom classifier",
  };
  const SVG_NS = "http://www.w3.org/2000/svg";

  const warn = (message, error) => {
    try {
      console.warn(`Lumbar Guide widget: ${message}`, ...(error ? [error] : []));
    } catch (_) {
      /* no console */
    }
  };

  // ---- configuration from the script tag -------------------------------------------------

  const findScript = () => {
    const current = document.currentScript;
    if (current && current.src) return current;
    return (
      document.querySelector('script[src$="/widget.js"]') ||
      document.querySelector('script[src*="/widget.js?"]')
    );
  };

  const readConfig = (script) => {
    if (!script || !script.src) return null;
    let base;
    try {
      const url = new URL(script.src, document.baseURI);
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      base = url.origin;
    } catch (_) {
      return null;
    }
    const rawTitle = (script.getAttribute("data-title") || "").trim();
    const rawAccent = (script.getAttribute("data-accent") || "").trim();
    return {
      base,
      title: rawTitle ? rawTitle.slice(0, 80) : DEFAULT_TITLE,
      accent: HEX_COLOUR.test(rawAccent) ? rawAccent : DEFAULT_ACCENT,
    };
  };

  // ---- small DOM helpers (no HTML parsing anywhere) ---------------------------------------

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "hidden") node.hidden = Boolean(value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  };

  const icon = (paths) => {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    for (const d of paths) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  };

  const safeUrl = (value) => {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  };

  // Relative luminance: dark text on a light accent, white text on a dark one.
  const onAccent = (hex) => {
    let digits = hex.slice(1);
    if (digits.length <= 4) digits = [...digits].map((c) => c + c).join("");
    const channel = (i) => {
      const v = parseInt(digits.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    return luminance > 0.179 ? "#111827" : "#ffffff";
  };

  // ---- server-sent events ------------------------------------------------------------------

  // One event block ("event: x\ndata: {...}") -> {name, data}; null for comments/keep-alives.
  const parseEvent = (block) => {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    try {
      return { name, data: JSON.parse(data.join("\n")) };
    } catch (_) {
      return null;
    }
  };

  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
        // CRLF or CR line ends become LF; a \r at the end of a chunk may be half of a \r\n.
        buffer = buffer.replace(done ? /\r\n?/g : /\r\n|\r(?!$)/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const parsed = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (parsed) yield parsed;
        }
        if (done) break;
      }
      const last = parseEvent(buffer);
      if (last) yield last;
    } finally {
      try {
        reader.releaseLock();
      } catch (_) {
        /* already released */
      }
    }
  }

  const errorMessage = (status, detail, retryAfter) => {
    const said = typeof detail === "string" && detail ? detail : "";
    switch (status) {
      case 422:
        return `Please rephrase your question${said ? `: ${said}` : "."}`;
      case 413:
        return "That message is too long. Please shorten it and try again.";
      case 429: {
        const wait = Number.parseInt(retryAfter || "", 10);
        const when = Number.isFinite(wait) && wait > 0 ? ` in ${wait} seconds` : " in a minute";
        return `Too many questions in a short time. Please try again${when}.`;
      }
      case 403:
        return "This website is not allowed to use the assistant.";
      default:
        return said
          ? `Something went wrong: ${said}`
          : `The assistant could not answer (error ${status}). Please try again later.`;
    }
  };

  const readDetail = async (response) => {
    try {
      const body = await response.json();
      return body && typeof body.detail === "string" ? body.detail : "";
    } catch (_) {
      return "";
    }
  };

  // ---- the widget --------------------------------------------------------------------------

  const build = (config) => {
    const host = el("div", { id: HOST_ID });
    host.style.setProperty("--lg-accent", config.accent);
    host.style.setProperty("--lg-on-accent", onAccent(config.accent));
    const shadow = host.attachShadow({ mode: "open" });

    const stylesheet = el("link", { rel: "stylesheet", href: `${config.base}/widget.css` });
    const launcher = el(
      "button",
      {
        type: "button",
        className: "lg-launcher",
        "aria-label": `Open chat: ${config.title}`,
        "aria-expanded": "false",
        "aria-controls": "lg-panel",
        title: config.title,
      },
      [
        icon([
          "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
        ]),
      ],
    );
    const heading = el("h2", { id: "lg-title", className: "lg-title", text: config.title });
    const restart = el(
      "button",
      {
        type: "button",
        className: "lg-restart",
        title: "Clear this conversation and start again",
      },
      [
        icon(["M3 12a9 9 0 1 0 3-6.7", "M3 4v5h5"]),
        el("span", { className: "lg-restart-text", text: "New conversation" }),
      ],
    );
    const close = el(
      "button",
      { type: "button", className: "lg-close", "aria-label": "Close chat", title: "Close" },
      [icon(["M6 6l12 12", "M18 6L6 18"])],
    );
    const log = el("div", {
      className: "lg-log",
      role: "log",
      "aria-live": "polite",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    const textarea = el("textarea", {
      id: "lg-input",
      className: "lg-input",
      name: "question",
      rows: "2",
      maxlength: String(MAX_QUESTION),
      placeholder: "Type your question…",
      autocomplete: "off",
    });
    const send = el("button", { type: "submit", className: "lg-send", text: "Send" });
    const form = el("form", { className: "lg-form", novalidate: true }, [
      el("label", { for: "lg-input", className: "lg-visually-hidden", text: "Your question" }),
      textarea,
      send,
    ]);
    const panel = el(
      "section",
      {
        id: "lg-panel",
        className: "lg-panel",
        role: "dialog",
        "aria-modal": "false",
        "aria-labelledby": "lg-title",
        hidden: true,
      },
      [
        el("header", { className: "lg-header" }, [heading, restart, close]),
        log,
        form,
        el("p", {
          className: "lg-footnote",
          text: "Answers come from research papers and are not medical advice.",
        }),
      ],
    );
    const root = el("div", { className: "lg-root", hidden: true }, [launcher, panel]);
    shadow.append(stylesheet, root);

    const intro = () =>
      el("div", { className: "lg-msg lg-msg-assistant lg-intro" }, [
        el("p", {
          className: "lg-bubble",
          text:
            "Hello! Ask a question about low back pain above the buttocks: its causes, " +
            "how it is diagnosed and how it is treated. Each answer lists the research it " +
            "comes from.",
        }),
      ]);
    log.append(intro());

    const history = [];
    let busy = false;
    let lastTurn = null; // the latest answered turn: its quick replies are the live ones
    let conversation = 0; // bumped by "New conversation": a reply still arriving is dropped
    let inFlight = null; // the AbortController of the question being answered

    const scrollToEnd = () => {
      log.scrollTop = log.scrollHeight;
    };
    // A finished reply is read from its question down, not from its last source up.
    const revealFrom = (node) => {
      const offset = node.getBoundingClientRect().top - log.getBoundingClientRect().top;
      log.scrollTop = Math.max(0, log.scrollTop + offset - 8);
    };

    const open = () => {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("lg-open");
      scrollToEnd();
      textarea.focus();
    };
    const shut = () => {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      root.classList.remove("lg-open");
      launcher.focus();
    };

    launcher.addEventListener("click", () => (panel.hidden ? open() : shut()));
    close.addEventListener("click", shut);
    restart.addEventListener("click", () => {
      conversation += 1;
      if (inFlight) inFlight.abort();
      inFlight = null;
      history.length = 0;
      lastTurn = null;
      setBusy(false);
      textarea.value = "";
      log.replaceChildren(intro());
      log.scrollTop = 0;
      textarea.focus();
    });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        event.stopPropagation();
        shut();
      }
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (form.requestSubmit) form.requestSubmit();
        else submit();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });

    const setBusy = (value) => {
      busy = value;
      send.disabled = value;
      log.setAttribute("aria-busy", value ? "true" : "false");
    };

    function submit() {
      if (busy) return;
      const question = textarea.value.trim();
      if (!question) {
        textarea.focus();
        return;
      }
      textarea.value = "";
      ask(question.slice(0, MAX_QUESTION)).catch((error) => warn("unexpected error", error));
    }

    const recentHistory = (question) => {
      const turns = history.slice(-HISTORY_TURNS).map((turn) => ({
        role: turn.role,
        content: turn.content.slice(0, MAX_TURN_CHARS),
      }));
      const body = () => JSON.stringify({ question, history: turns, audience: "patient" });
      let text = body();
      while (turns.length && new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
        turns.shift();
        text = body();
      }
      return text;
    };

    // A quick reply is sent exactly as if it had been typed; focus goes back to the question
    // box (or, on a touch screen, to the log, so no keyboard pops up over the reply).
    const quickReply = (text) => {
      if (busy) return;
      const touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
      (touch ? log : textarea).focus({ preventScroll: true });
      ask(text.slice(0, MAX_QUESTION)).catch((error) => warn("unexpected error", error));
    };

    async function ask(question) {
      setBusy(true);
      const current = conversation;
      const controller = typeof AbortController === "function" ? new AbortController() : null;
      inFlight = controller;
      const previous = lastTurn;
      if (previous) previous.lockReplies(question);
      let answered = false;
      const asked = el("div", { className: "lg-msg lg-msg-user" }, [
        el("span", { className: "lg-visually-hidden", text: "You said: " }),
        el("p", { className: "lg-bubble", text: question }),
      ]);
      log.append(asked);
      const turn = new Turn(log, scrollToEnd, quickReply);
      scrollToEnd();
      const stale = () => current !== conversation;
      try {
        let response;
        try {
          response = await fetch(`${config.base}/api/v1/ask/stream`, {
            method: "POST",
            mode: "cors",
            credentials: "omit",
            headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
            body: recentHistory(question),
            signal: controller ? controller.signal : undefined,
          });
        } catch (error) {
          if (!stale()) {
            turn.fail("Could not reach the assistant. Check your connection and try again.");
          }
          return;
        }
        if (!response.ok) {
          const detail = await readDetail(response);
          turn.fail(errorMessage(response.status, detail, response.headers.get("Retry-After")));
          return;
        }
        if (!response.body || !response.body.getReader) {
          turn.fail("This browser cannot show streamed answers.");
          return;
        }
        let finished = false;
        for await (const { name, data } of readEvents(response)) {
          if (stale()) return;
          if (name === "triage") turn.triage(data);
          else if (name === "delta") turn.delta(data);
          else if (name === "citations") turn.citations(data);
          else if (name === "done") {
            turn.done(data);
            finished = true;
            if (data && typeof data.answer === "string") {
              history.push({ role: "user", content: question });
              history.push({ role: "assistant", content: data.answer });
              answered = true;
            }
          } else if (name === "error") {
            turn.fail(
              data && typeof data.detail === "string"
                ? `Something went wrong: ${data.detail}`
                : "Something went wrong while answering.",
            );
            finished = true;
          }
        }
        if (!finished) turn.fail("The answer was cut off. Please try again.");
      } catch (error) {
        if (stale()) return;
        warn("the answer could not be read", error);
        turn.fail("The answer could not be read. Please try again.");
      } finally {
        if (!stale()) {
          inFlight = null;
          // The new reply's quick replies become the live ones; if it failed, the earlier
          // turn's stay usable.
          if (answered) lastTurn = turn;
          else if (previous) previous.unlockReplies();
          setBusy(false);
          revealFrom(asked);
        }
      }
    }

    return { host, stylesheet, root };
  };

  let uid = 0;
  const nextId = (prefix) => `${prefix}-${(uid += 1)}`;

  const stringOr = (value, fallback = "") => (typeof value === "string" ? value : fallback);

  // The safety-net text as a lead and a bulleted list of its items when the text is exactly
  // "lead: item; item; ... item." (so nothing is lost), else as the one paragraph it is.
  const checklist = (net, className) => {
    const text = stringOr(net.text).trim();
    const items = (Array.isArray(net.items) ? net.items : [])
      .map((item) => stringOr(item && item.text).trim())
      .filter(Boolean);
    const first = items.length ? text.indexOf(items[0]) : -1;
    if (first > 0) {
      const lead = text.slice(0, first).trim();
      let rest = text.slice(first);
      for (const item of items) rest = rest.replace(item, "");
      if (lead.endsWith(":") && /^(?:[\s;,.]|\band\b|\bor\b)*$/.test(rest)) {
        return el("div", { className }, [
          el("p", { className: "lg-checklist-lead", text: lead }),
          el(
            "ul",
            { className: "lg-checklist" },
            items.map((item) => el("li", { text: item })),
          ),
        ]);
      }
    }
    return el("div", { className }, [el("p", { className: "lg-checklist-lead", text })]);
  };

  // One assistant reply in the log: urgent banner (or a reminder of an earlier one), the reply,
  // the safety-net checklist with its quick replies, sources, disclaimer.
  class Turn {
    constructor(log, onChange, onQuickReply) {
      this.onChange = onChange;
      this.onQuickReply = onQuickReply;
      this.quickReplies = [];
      this.text = "";
      this.triageMessage = "";
      this.triageShown = false;
      this.sourceItems = new Map();
      this.node = el("div", { className: "lg-msg lg-msg-assistant" });
      this.thinking = el("p", { className: "lg-thinking" }, [
        el("span", { className: "lg-dots", "aria-hidden": "true" }, [
          el("span"),
          el("span"),
          el("span"),
        ]),
        el("span", { text: "Looking through the evidence…" }),
      ]);
      this.bubble = el("div", { className: "lg-bubble lg-answer" });
      this.node.append(this.thinking);
      log.append(this.node);
    }

    stopThinking() {
      if (this.thinking) {
        this.thinking.remove();
        this.thinking = null;
      }
    }

    ensureBubble() {
      if (!this.bubble.isConnected) {
        const after = this.node.querySelector(":scope > .lg-urgent, :scope > .lg-reminder");
        if (after) after.after(this.bubble);
        else this.node.prepend(this.bubble);
      }
    }

    // A flag first raised by this message: the full urgent banner, with what raised it. A flag
    // raised earlier in the conversation: a one-line reminder, and the reply as usual below it.
    triage(data) {
      this.stopThinking();
      if (this.triageShown || !data || typeof data.message !== "string") return;
      this.triageShown = true;
      this.triageMessage = data.message;
      const urgency = data.urgency === "same_day" ? "same-day" : "emergency";
      const reminder = stringOr(data.reminder).trim();
      if (data.new === false && reminder) {
        this.node.prepend(
          el("div", { className: `lg-reminder lg-reminder-${urgency}`, role: "status" }, [
            el("p", { className: "lg-reminder-text", text: reminder }),
          ]),
        );
      } else {
        const banner = el("div", { className: `lg-urgent lg-urgent-${urgency}`, role: "alert" }, [
          el("p", { className: "lg-urgent-text", text: data.message }),
        ]);
        const raised = this.raised(data.flags);
        if (raised) banner.append(raised);
        this.node.prepend(banner);
      }
      this.onChange();
    }

    // "Why this was flagged": each flag's name, the words that raised it and how.
    raised(flags) {
      const hits = (Array.isArray(flags) ? flags : []).filter(
        (hit) => hit && typeof hit === "object" && typeof hit.name === "string" && hit.name,
      );
      if (!hits.length) return null;
      const list = el("ul", { className: "lg-raised-list" });
      for (const hit of hits) {
        const matched = stringOr(hit.matched).trim();
        const signals = stringOr(hit.signal)
          .split("+")
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => SIGNALS[part] || part);
        list.append(
          el("li", { className: "lg-raised-item" }, [
            el("span", { className: "lg-raised-name", text: hit.name }),
            matched
              ? el("span", { className: "lg-raised-matched" }, [
                  document.createTextNode("Your words: "),
                  el("q", { text: matched }),
                ])
              : null,
            signals.length
              ? el("span", {
                  className: "lg-raised-signal",
                  text: `Found by: ${signals.join(" and ")}`,
                })
              : null,
          ]),
        );
      }
      return el("details", { className: "lg-raised" }, [
        el("summary", { text: "Why this was flagged" }),
        list,
      ]);
    }

    delta(data) {
      if (!data || typeof data.text !== "string") return;
      this.stopThinking();
      this.text += data.text;
      this.ensureBubble();
      this.renderText();
      this.onChange();
    }

    // The answer text, with each [n] marker a button that opens source n once sources exist.
    renderText() {
      const parts = [];
      const marker = /\[(\d+)\]/g;
      let last = 0;
      let match;
      while ((match = marker.exec(this.text)) !== null) {
        if (match.index > last) parts.push(document.createTextNode(this.text.slice(last, match.index)));
        parts.push(this.marker(Number(match[1])));
        last = match.index + match[0].length;
      }
      if (last < this.text.length) parts.push(document.createTextNode(this.text.slice(last)));
      const paragraph = el("p", { className: "lg-answer-text" }, parts);
      this.bubble.replaceChildren(paragraph);
    }

    marker(n) {
      const item = this.sourceItems.get(n);
      if (!item) return el("span", { className: "lg-marker", text: `[${n}]` });
      const button = el("button", {
        type: "button",
        className: "lg-marker",
        "aria-label": `Source ${n}`,
        text: `[${n}]`,
      });
      button.addEventListener("click", () => {
        const details = item.querySelector("details");
        if (details) details.open = true;
        item.scrollIntoView({ block: "nearest" });
        item.classList.add("lg-highlight");
        setTimeout(() => item.classList.remove("lg-highlight"), 1600);
        const summary = item.querySelector("summary");
        if (summary) summary.focus();
      });
      return button;
    }

    citations(data) {
      this.stopThinking();
      const citations = data && Array.isArray(data.citations) ? data.citations : [];
      if (!citations.length) return;
      const list = el("ol", { className: "lg-source-list" });
      for (const citation of citations) {
        const item = this.sourceItem(citation);
        if (item) {
          list.append(item);
          this.sourceItems.set(Number(citation.n), item);
        }
      }
      if (!list.children.length) return;
      this.node.append(
        el("section", { className: "lg-sources", "aria-label": "Sources" }, [
          el("h3", { className: "lg-sources-title", text: "Sources" }),
          list,
        ]),
      );
      if (this.text) this.renderText();
      this.onChange();
    }

    sourceItem(citation) {
      if (!citation || typeof citation !== "object") return null;
      const n = Number.isInteger(citation.n) ? citation.n : null;
      const title = typeof citation.title === "string" ? citation.title : "Untitled source";
      const year = Number.isInteger(citation.year) ? ` (${citation.year})` : "";
      const heading = el("p", { className: "lg-source-heading" }, [
        el("span", { className: "lg-source-n", text: n === null ? "[?]" : `[${n}]` }),
        document.createTextNode(` ${title}${year}`),
      ]);
      const meta = el("p", { className: "lg-source-meta" });
      if (typeof citation.byline === "string" && citation.byline) {
        meta.append(el("span", { className: "lg-byline", text: citation.byline }));
      }
      const url = safeUrl(citation.url);
      if (url) {
        meta.append(
          el("a", {
            className: "lg-source-link",
            href: url,
            target: "_blank",
            rel: "noopener noreferrer",
            text: "View paper",
            "aria-label": `View paper: ${title} (opens in a new tab)`,
          }),
        );
      }
      const quote = typeof citation.quote === "string" ? citation.quote : "";
      const details = el("details", { className: "lg-quote" }, [
        el("summary", { text: "Quoted passage" }),
        el("blockquote", { text: quote }),
      ]);
      if (typeof citation.section === "string" && citation.section) {
        details.append(el("p", { className: "lg-section", text: `Section: ${citation.section}` }));
      }
      return el("li", { className: "lg-source-item", "data-n": n === null ? "" : String(n) }, [
        heading,
        meta,
        details,
      ]);
    }

    done(data) {
      this.stopThinking();
      if (!data || typeof data !== "object") return;
      if (data.triage && typeof data.triage === "object") this.triage(data.triage);
      const answer = stringOr(data.answer);
      let kind = stringOr(data.reply_kind) || KIND_OF_STATUS[data.status] || "answer";
      if (!this.text && (!answer || answer === this.triageMessage)) kind = "none";
      if (kind === "none") {
        this.bubble.remove(); // nothing below the banner
      } else if (!this.text && answer) {
        this.text = answer;
        this.ensureBubble();
        this.renderText();
      }
      const net = data.safety_net && typeof data.safety_net === "object" ? data.safety_net : null;
      const note = NOTES[kind];
      if (note && this.bubble.isConnected) {
        this.bubble.classList.remove("lg-answer");
        this.bubble.classList.add("lg-note", `lg-note-${note.css}`);
        // The reply that IS the checklist: shown as a list, like the checklist under a reply.
        if (kind === "safety_net" && net && this.text.trim() === stringOr(net.text).trim()) {
          this.bubble.replaceChildren(checklist(net, "lg-answer-text"));
        }
        this.bubble.prepend(el("p", { className: "lg-note-label", text: note.label }));
      }
      if (kind === "answer" && typeof data.composer_label === "string" && data.composer_label) {
        // Who wrote a composed answer (or why quotes stand in for it), as the server words it.
        this.bubble.append(el("p", { className: "lg-composer", text: data.composer_label }));
      }
      if (kind === "refusal") this.closest(data.retrieved);
      if (net) this.safetyNet(net, kind === "safety_net");
      if (typeof data.disclaimer === "string" && data.disclaimer) {
        this.node.append(el("p", { className: "lg-disclaimer", text: data.disclaimer }));
      }
      this.onChange();
    }

    // "Not in the evidence" says the closest passages are shown with it: the top three, quoted.
    closest(retrieved) {
      const passages = Array.isArray(retrieved) ? retrieved.slice(0, 3) : [];
      const items = passages
        .filter((p) => p && typeof p === "object" && typeof p.text === "string")
        .map((p) =>
          el("li", { className: "lg-closest-item" }, [
            el("p", { className: "lg-source-heading", text: stringOr(p.title, "Untitled source") }),
            el("blockquote", { text: p.text }),
          ]),
        );
      if (!items.length) return;
      this.node.append(
        el("section", { className: "lg-sources lg-closest", "aria-label": "Closest passages" }, [
          el("h3", { className: "lg-sources-title", text: "Closest passages in the research" }),
          el("ol", { className: "lg-source-list" }, items),
        ]),
      );
    }

    // The urgent-symptom checklist (unless the reply above already is it), then one quick reply
    // per symptom group and one for "none of these"; all go above the sources.
    safetyNet(net, shown) {
      const parts = [];
      if (!shown && stringOr(net.text).trim()) {
        parts.push(
          el("div", { className: "lg-safety-net" }, [
            el("h3", { className: "lg-safety-net-title", text: "When to get urgent help" }),
            checklist(net, "lg-safety-net-text"),
          ]),
        );
      }
      const choices = (Array.isArray(net.items) ? net.items : [])
        .filter((item) => item && typeof item.reply === "string" && item.reply.trim())
        .map((item) => ({ text: item.reply.trim(), family: stringOr(item.family) }));
      const none = stringOr(net.none_reply).trim();
      if (none) choices.push({ text: none, family: "none" });
      if (choices.length) {
        const prompt = nextId("lg-quick-prompt");
        const group = el("div", {
          className: "lg-quick-replies",
          role: "group",
          "aria-labelledby": prompt,
        });
        group.append(
          el("p", {
            id: prompt,
            className: "lg-quick-prompt",
            text: "Does any of this apply to you? Choose one to tell the assistant:",
          }),
        );
        for (const choice of choices) {
          const button = el("button", {
            type: "button",
            className: `lg-quick-reply${choice.family === "none" ? " lg-quick-reply-none" : ""}`,
            "data-family": choice.family || null,
            text: choice.text,
          });
          button.addEventListener("click", () => {
            if (!button.disabled) this.onQuickReply(choice.text);
          });
          this.quickReplies.push(button);
          group.append(button);
        }
        parts.push(group);
      }
      const sources = this.node.querySelector(":scope > .lg-sources");
      for (const part of parts) {
        if (sources) sources.before(part);
        else this.node.append(part);
      }
    }

    // A later message was sent: these quick replies are answered. The one sent, if any, stays
    // marked.
    lockReplies(sent) {
      for (const button of this.quickReplies) {
        button.disabled = true;
        if (button.textContent === sent) button.classList.add("lg-chosen");
      }
    }

    unlockReplies() {
      for (const button of this.quickReplies) {
        button.disabled = false;
        button.classList.remove("lg-chosen");
      }
    }

    fail(message) {
      this.stopThinking();
      this.node.append(el("p", { className: "lg-bubble lg-error", text: message }));
      this.onChange();
    }
  }

  // ---- start -----------------------------------------------------------------------------

  const start = async (config) => {
    if (document.getElementById(HOST_ID)) return; // loaded twice
    let healthy = false;
    try {
      const response = await fetch(`${config.base}/api/v1/healthz`, {
        mode: "cors",
        credentials: "omit",
        cache: "no-store",
      });
      healthy = response.ok;
      if (!healthy) warn(`the assistant at ${config.base} answered ${response.status}; not shown.`);
    } catch (error) {
      warn(
        `the assistant at ${config.base} is unreachable or does not allow this site ` +
          `(${location.origin}); not shown.`,
      );
    }
    if (!healthy || document.getElementById(HOST_ID)) return;
    const { host, stylesheet, root } = build(config);
    stylesheet.addEventListener("load", () => {
      root.hidden = false;
    });
    stylesheet.addEventListener("error", () => {
      warn(`could not load ${config.base}/widget.css; not shown.`);
      host.remove();
    });
    document.body.append(host);
  };

  const config = readConfig(findScript());
  if (!config) {
    warn("could not find its own script tag; not shown.");
    return;
  }
  const run = () => {
    start(config).catch((error) => warn("could not start", error));
  };
  if (document.body) run();
  else document.addEventListener("DOMContentLoaded", run, { once: true });
})();
