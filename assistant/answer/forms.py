"""The form of a question (a comparison, several parts, a case story, yes-no, a definition),
which decides how an answer is composed; the patterns are in forms.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from assistant.lists import list_markers
from assistant.text import STOPWORDS

Form = Literal["comparison", "multi_part", "vignette", "yes_no", "definition", "open"]
MAX_SIDE_WORDS = 5
MAX_PARTS = 4
MAX_FINDINGS = 8
MIN_FOCUS_WORDS = 2
MAX_TOPIC_CHARS = 60  # what a list of asks is about, before its first marker
_FINDING_BREAK = re.compile(r"[,;.+()?!]|\s-\s|\s(?:and|with|but|then|plus)\s", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][\w'/-]*")
_CLAUSE_END = re.compile(r"(?<=[.!?])\s+|\n+")
SHORT_ASK_WORDS = 4  # "if not, why not?" goes with the part before it
ASKING_LEAN_WORDS = 6  # an ask this short that says "it" leans on the statement before it
# Words that open a side but do not name it: "Is the BUAS better than ..." -> "BUAS".
_SIDE_FILLER = STOPWORDS | {
    "better", "best", "worse", "which", "what", "whats", "one", "ones", "get", "getting", "try",
    "trying", "use", "using", "go", "going", "choose", "option", "options", "vs", "versus",
    "good", "work", "works", "working", "actually", "really", "ok", "okay", "so", "hi", "thanks",
    "stack", "stacks", "up", "measure", "measures", "compare", "compared", "comparing", "beat",
    "beats", "outperform", "outperforms", "shown", "been", "proven", "pls", "please",
}  # fmt: skip
# A side ends where the question goes on about something else, or says which it prefers ("is
# CT or MRI the better test?" -> "MRI").
_SIDE_END = re.compile(
    r"[?,.;:!()]|\s-\s|\s(?:for|in|to|when|after|if|which|because|with|at|on|as|given|since)\s"
    r"|\s(?:the\s+)?(?:better|best|worse|superior|preferred|more accurate|more useful)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Plan:
    """How to answer: the form, the parts to answer one by one (a comparison's two sides,
    or each ask of a several-part question, made self-contained), a definition's subject, a
    case story's findings and what a yes-no question asks will help."""

    form: Form
    parts: tuple[str, ...] = ()
    subject: str = ""
    findings: tuple[str, ...] = ()
    helps: str = ""


class QuestionForms:
    """Recognises a question's form from the patterns in forms.yaml."""

    def __init__(self) -> None:
        raw = resources.files("assistant.answer").joinpath("forms.yaml").read_text("utf-8")
        spec = yaml.safe_load(raw)
        flags = re.IGNORECASE
        self._connector = re.compile(spec["comparison"]["connectors"], flags)
        self._or_needs = re.compile(spec["comparison"]["or_needs"], flags)
        self._or_asks = re.compile(spec["comparison"]["or_asks"], flags)
        self._asks = re.compile(spec["asks"], flags)
        self._requests = re.compile(spec["requests"], flags)
        self._breaks = re.compile(spec["part_breaks"], flags)
        self._back = re.compile(spec["back_reference"], flags)
        self._hypothesis = re.compile(spec["hypothesis"], flags)
        self._topic = re.compile(spec["topic"], flags)
        self._story = re.compile(spec["vignette"]["story"], flags)
        self._asks_what = re.compile(spec["vignette"]["asks"], flags)
        self._fillers = re.compile(spec["fillers"], flags)
        self._vague_asks = re.compile(spec["vague_asks"], flags)
        self._yes_no = re.compile(spec["yes_no"], flags)
        self._helps = re.compile(spec["helps"], flags)
        self._definition = re.compile(spec["definition"]["question"], flags)
        self._domain = re.compile(spec["domain"], flags)
        self._subject_words = int(spec["definition"]["max_subject_words"])
        self._not_subject = re.compile(spec["definition"]["not_in_subject"], flags)

    def plan(self, question: str) -> Plan:
        """The first form that fits, in order: comparison, case story, several parts,
        definition, yes-no; otherwise an open question. Fillers ("or whatever") are no side
        or part."""
        question = re.sub(r"\s+", " ", self._fillers.sub(" ", question)).strip()
        sides = self.sides(question)
        if sides:
            return Plan("comparison", sides)
        if self._asks_what.search(question) and (
            self._story.search(question) or len(_WORD.findall(question)) >= 15
        ):
            return Plan("vignette", self.parts(question), findings=self.findings(question))
        parts = self.parts(question)
        if len(parts) > 1:
            return Plan("multi_part", parts)
        found = self._definition.search(question)
        subject = found["subject"] if found else ""
        if (
            found
            and len(_content(subject)) <= self._subject_words
            and not self._not_subject.search(subject)
        ):
            return Plan("definition", subject=found["subject"].strip())
        if self._yes_no.search(question):
            helps = self._helps.search(question)
            return Plan("yes_no", helps=helps["subject"].strip() if helps else "")
        return Plan("open")

    def findings(self, story: str) -> tuple[str, ...]:
        """The separate findings of a case story ("fell on her backside 6 months ago", "points
        to the PSIS"), without the ask, each with at least two content words."""
        pieces = _FINDING_BREAK.split(self.without_asks(story))
        found = [p.strip() for p in pieces if len(_content(p)) >= 2]
        return tuple(found[:MAX_FINDINGS])

    def without_domain(self, question: str) -> str:
        """The question without the assistant's whole topic ("low back pain above the
        buttocks"), or as it was when nothing else would be left."""
        rest = self._domain.sub(" ", question)
        return rest if len(_content(rest)) >= MIN_FOCUS_WORDS else question

    def without_asks(self, question: str) -> str:
        """The question without the words that only say what kind of answer is wanted ("what
        am I missing?") or fill a sentence ("or whatever"): they name nothing the evidence has
        to cover."""
        plain = self._fillers.sub(" ", self._asks_what.sub(" ", question))
        return self._vague_asks.sub(" ", plain)

    def asking(self, message: str) -> str:
        """The sentences of a message that ask or request something, each with the statement
        before it when it leans on that ("I was offered acupuncture. Will it help?"); the
        statements around them ("it's on my discharge letter", a case story's findings) only
        give context. The whole message when no sentence asks."""
        pieces = [p.strip() for p in _CLAUSE_END.split(message) if p.strip()]
        kept: list[int] = []
        for i, piece in enumerate(pieces):
            if self._is_ask(piece):
                leans = (
                    self._back.search(piece)
                    and len(_content(piece)) <= ASKING_LEAN_WORDS
                    and not self._hypothesis.search(piece)
                )
                if i and leans and i - 1 not in kept:
                    kept.append(i - 1)
                kept.append(i)
        return " ".join(pieces[i] for i in kept) if kept else message

    def read(self, message: str, chars: int) -> str:
        """At most about `chars` characters of a long message, for the answerer (triage reads
        it all): the first MAX_PARTS different sentences that ask (no more parts are answered),
        then the statements nearest them, in the message's order, cut at whole words; so a
        pasted essay or a question repeated thirty times costs what a long question does, and
        a case story keeps the findings told closest to its ask. Characters, not words,
        because rare words cost the encoder more."""
        if len(message) <= chars:
            return message
        pieces = list(dict.fromkeys(p.strip() for p in _CLAUSE_END.split(message) if p.strip()))
        asking = [i for i, piece in enumerate(pieces) if self._is_ask(piece)]
        asks = asking[:MAX_PARTS] or [len(pieces) - 1]
        context = sorted(
            (i for i in range(len(pieces)) if i not in asking and i not in asks),
            key=lambda i: min(abs(i - a) + (0.5 if i > a else 0) for a in asks),
        )
        kept: dict[int, str] = {}
        left = chars
        for i in asks + context:
            taken = _within(pieces[i], left)
            if not taken:
                break
            kept[i] = taken
            left -= len(taken) + 1
        return " ".join(kept[i] for i in sorted(kept))

    def _is_ask(self, piece: str) -> bool:
        return bool("?" in piece or self._asks.search(piece) or self._requests.search(piece))

    def sides(self, question: str) -> tuple[str, ...]:
        """The two things a comparison sets against each other, or () when it is not one."""
        for match in self._connector.finditer(question):
            if match.group().strip().lower() == "or" and not (
                self._or_needs.search(question) or self._or_asks.search(question[: match.start()])
            ):
                continue
            left = _side(re.split(_SIDE_END, question[: match.start()])[-1], from_end=True)
            right = _side(re.split(_SIDE_END, question[match.end() :])[0], from_end=False)
            if left and right and left.lower() != right.lower():
                return (left, right)
        return ()

    def parts(self, question: str) -> tuple[str, ...]:
        """Each ask of a several-part question; one that leans on the first ("which scan shows
        it?") carries the first part along, and one without the message's topic ("Orita 2016:
        n? inclusion criteria?") carries the topic, so each can be answered on its own."""
        listed = [(m.start, m.end) for m in list_markers(question)]
        breaks = [
            (found.start(), found.end(), "?" in found.group())
            for found in self._breaks.finditer(question)
            if not any(start < found.end() and found.start() < end for start, end in listed)
        ]
        # Every listed item is an ask, however terse ("(b) dx criteria"); what comes before
        # the first is the topic or story.
        breaks += [(start, end, i > 0) for i, (start, end) in enumerate(listed)]
        pieces: list[tuple[str, bool]] = []
        start = 0
        for begin, end, asked in sorted(breaks):
            pieces.append((question[start:begin], asked))
            start = end
        # A closing sentence that asks nothing ("what is SIJ dysfunction? my GP wrote it on my
        # sick note") is the story told after the ask, not a part of its own.
        last = question[start:]
        pieces.append((last, bool(listed) or self._is_ask(last.strip(" ,;."))))
        merged: list[str] = []
        context = ""
        for raw, asked in pieces:
            piece = raw.strip(" ,;?.")
            if not piece:
                continue
            if not asked and not self._asks.search(piece):
                context = f"{context} {piece}".strip()
            elif merged and not _content(piece) and len(piece.split()) < SHORT_ASK_WORDS:
                merged[-1] = f"{merged[-1]} {piece}".strip()
            else:
                merged.append(f"{context} {piece}".strip())
                context = ""
        if len(merged) < 2:
            return ()
        first = merged[0]
        topic = self._topic.match(question)
        head = question[: listed[0][0]].strip(" :-,") if listed else ""
        about = topic["topic"].strip() if topic else head if len(head) <= MAX_TOPIC_CHARS else ""
        parts = [first] + [
            f"{part} ({first})"
            if self._back.search(part) or len(_content(part)) < 2
            else f"{part} ({about})"
            if about and about.lower() not in part.lower()
            else part
            for part in merged[1:]
        ]
        return tuple(parts[:MAX_PARTS])


def own_words(part: str, first: str) -> str:
    """A part without the first part it carries along to be read on its own ("where do they
    localise it (what share of back pain is SIJ pain)"): what the part itself asks."""
    return part.removesuffix(f" ({first})")


def _within(text: str, chars: int) -> str:
    """The longest run of `text`'s first words that fits in `chars` characters."""
    if len(text) <= chars:
        return text
    cut = text[: chars + 1]
    return cut[: cut.rfind(" ")].rstrip() if " " in cut else ""


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def _side(text: str, *, from_end: bool) -> str:
    """The words naming one side: filler trimmed from the far end, at most a few words."""
    words = _WORD.findall(text)
    while words and words[0].lower() in _SIDE_FILLER:
        words.pop(0)
    while words and words[-1].lower() in _SIDE_FILLER:
        words.pop()
    words = words[-MAX_SIDE_WORDS:] if from_end else words[:MAX_SIDE_WORDS]
    return " ".join(words)
