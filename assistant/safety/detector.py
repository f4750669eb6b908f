"""Reading one message: the concepts it raises, by which signal and words, and in what context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from assistant.safety.classifier import NONE, ClauseClassifier
from assistant.safety.context import Category, ConText, Modifier, Stops, covering, inside
from assistant.safety.flags import Concept, KnowledgeBase, load_yaml
from assistant.safety.lexicon import TermMatch, TermMatcher
from assistant.safety.measures import read_measures
from assistant.safety.nlp import Doc, Span, blank_pipeline, normalise
from assistant.safety.spelling import English, Speller

Signal = Literal["rule", "number", "classifier"]
Status = Literal[
    "affirmed",
    "negated",
    "family",
    "child",
    "elsewhere",
    "hypothetical",
    "historical",
    "uncertain",
    "intentional",
]
_CLAUSE_BREAKS = frozenset({",", "but", "because", "although", "though", "however", "whereas"})
_HISTORY_COUNTS = frozenset({"cancer", "aneurysm"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
_SOMEBODY = _FIRST_PERSON | frozenset(
    {
        "patient",
        "pt",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "son",
        "daughter",
        "child",
        "they",
        "their",
        "us",
    }
)
_INTERROGATIVE = frozenset(
    {"does", "do", "can", "could", "is", "are", "would", "will", "what", "how", "why", "which",
     "when", "should", "and", "so", "any"}
)  # fmt: skip
_MAX_CLAUSES = 24
_LETTERS = re.compile(r"[a-z]+")
_ANAPHORA = frozenset({"it", "this", "that", "now", "also", "and", "then", "they", "these"})
# An age is who the patient is: only "whose age" (a relative's) changes what it means.
_AGES = frozenset({"age_over_50", "age_over_70", "child_under_5", "child_patient", "adult_age"})


@dataclass(frozen=True)
class Finding:
    """A concept in one message: what raised it, and whether it holds for the patient now."""

    concept: str
    words: str
    signal: Signal
    status: Status
    cues: tuple[str, ...] = ()
    family_context: bool = False
    span: tuple[int, int] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Reading:
    """Everything read from one message."""

    findings: tuple[Finding, ...]
    mentions_own_back_pain: bool
    mentions_back_pain: bool
    describes_a_patient: bool
    about_someone_else: bool
    asks_for_warning_signs: bool
    masked: str = field(repr=False, default="")


class Detector:
    """Concept rules, numbers and the clause classifier over one spaCy doc, read with ConText."""

    def __init__(self, knowledge: KnowledgeBase, classifier: ClauseClassifier) -> None:
        self._kb = knowledge
        self._nlp = blank_pipeline()
        lexicon = {k: v for k, v in load_yaml("lexicon.yaml").items() if isinstance(v, list)}
        needed = {"PSEUDO", "PAIN", "BACK", "WARNING_SIGNS", "OWN_BACK_PAIN", "NORMAL_FINDING"}
        missing = (knowledge.term_classes() | needed) - set(lexicon)
        if missing:
            raise ValueError(f"lexicon.yaml lacks term classes {sorted(missing)}")
        self._terms = TermMatcher(self._nlp, lexicon)
        self._context = ConText(self._nlp)
        vocabulary = set(_LETTERS.findall(f"{lexicon} {load_yaml('context.yaml')}"))
        self._speller = Speller(vocabulary, English())
        self._classifier = classifier
        self.read = lru_cache(maxsize=4096)(self._read)

    def _read(self, text: str) -> Reading:
        doc = self._nlp.make_doc(normalise(text))
        doc = self._nlp("".join(self._speller.correct(t.text) + t.whitespace_ for t in doc))
        matches = _without_pseudo(self._terms(doc))
        modifiers, stops = self._context.modifiers(doc)
        findings = _who_is_a_child(
            doc,
            matches,
            [
                *self._rule_findings(doc, matches, modifiers, stops),
                *self._number_findings(doc, modifiers, stops),
            ],
        )
        findings += self._classifier_findings(doc, modifiers, stops)
        return Reading(
            findings=tuple(findings),
            mentions_own_back_pain=any(m.term == "OWN_BACK_PAIN" for m in matches),
            mentions_back_pain=any(
                m.term in ("PAIN", "BACK")
                and not [
                    c
                    for c in covering(modifiers, stops, doc, m.start, m.end)
                    if c.category == "negated"
                ]
                for m in matches
            ),  # fmt: skip
            about_someone_else=_someone_else(doc, matches, modifiers),
            describes_a_patient=_describes_a_patient(doc, matches, findings),
            asks_for_warning_signs=any(m.term == "WARNING_SIGNS" for m in matches),
            masked=_mask(doc, findings, (modifiers, stops), matches),
        )

    def _rule_findings(
        self, doc: Doc, matches: list[TermMatch], mods: list[Modifier], stops: Stops
    ) -> list[Finding]:
        by_class: dict[str, list[TermMatch]] = {}
        for m in matches:
            by_class.setdefault(m.term, []).append(m)
        found = []
        for name, concept in self._kb.concepts.items():
            for rule in concept.rules:
                occurrences = _occurrences(doc, rule, by_class, concept.window, concept.ordered)
                for (start, end), anchor, parts in occurrences:
                    status, cues, fam = self._status(concept, doc, (mods, stops), *anchor)
                    between = _negation_between(mods, parts) if not concept.literal else None
                    if between is not None and status == "affirmed":
                        status, cues = "negated", (*cues, f"negated: {between}")
                    words = doc[start:end].text
                    found.append(Finding(name, words, "rule", status, cues, fam, (start, end)))
        return found

    def _number_findings(self, doc: Doc, mods: list[Modifier], stops: Stops) -> list[Finding]:
        found = []
        for reading in read_measures(doc.text):
            span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
            if span is None:
                continue
            concept = self._kb.concepts.get(reading.concept, Concept(rules=[]))
            context = (mods, stops)
            status, cues, fam = self._status(concept, doc, context, span.start, span.end)
            if reading.concept in _AGES:
                status = "family" if _inside_family(mods, span.start, span.end) else "affirmed"
            span_ = (span.start, span.end)
            found.append(
                Finding(reading.concept, reading.words, "number", status, cues, fam, span_)
            )
        return found

    def _classifier_findings(self, doc: Doc, mods: list[Modifier], stops: Stops) -> list[Finding]:
        clauses = _clauses(doc)[:_MAX_CLAUSES]
        labels = self._classifier.classify([doc[s:e].text for s, e in clauses])
        found = []
        for (start, end), (family, p) in zip(clauses, labels, strict=True):
            if family == NONE or (_general_question(doc[start:end]) and not _names_anybody(doc)):
                continue
            cues = [*inside(mods, start, end), *covering(mods, stops, doc, start, end)]
            status = _classify_status(family, cues)
            words = f"{doc[start:end].text} (p={p:.2f})"
            concept = "child_patient" if family == "child" else f"described:{family}"
            found.append(Finding(concept, words, "classifier", status, _texts(cues)))
        return found

    def _status(
        self, concept: Concept, doc: Doc, context: tuple[list[Modifier], Stops], s: int, e: int
    ) -> tuple[Status, tuple[str, ...], bool]:
        if concept.literal:
            return "affirmed", (), False
        cues = covering(*context, doc, s, e)
        categories = {m.category for m in cues}
        if _general_question(doc[s].sent) and not _names_anybody(doc):
            categories.add("hypothetical")
        return _decide(concept, categories), _texts(cues), "family" in categories


def _decide(concept: Concept, categories: set[Category]) -> Status:  # noqa: PLR0911
    """The first category that changes what the finding means, in order of precedence."""
    if "negated" in categories:
        return "negated"
    if "hypothetical" in categories:
        return "hypothetical"
    if "family" in categories:
        return "family"
    if "child" in categories:
        return "child"
    if "elsewhere" in categories and concept.located:
        return "elsewhere"
    if "historical" in categories and not concept.history_counts:
        return "historical"
    if "uncertain" in categories and concept.diagnosis:
        return "uncertain"
    if "intentional" in categories and concept.intentional_voids:
        return "intentional"
    return "affirmed"


def _classify_status(family: str, cues: Sequence[Modifier]) -> Status:
    concept = Concept(
        rules=[], history_counts=family in _HISTORY_COUNTS, intentional_voids=family == "cancer"
    )
    return _decide(concept, {m.category for m in cues} - {"uncertain"})


def _inside_family(mods: Sequence[Modifier], start: int, end: int) -> bool:
    """Whether the span is part of a relative's description ("my 80-year-old dad")."""
    return any(m.category == "family" and m.start <= start and end <= m.end for m in mods)


def _texts(mods: Sequence[Modifier]) -> tuple[str, ...]:
    return tuple(f"{m.category}: {m.text}" for m in mods)


def _without_pseudo(matches: list[TermMatch]) -> list[TermMatch]:
    """Term matches inside a pseudo phrase go: PSEUDO voids every class ("last night", "hay
    fever"), PSEUDO_X only class X ("steroid injection" is no long-term STEROID use)."""
    pseudo = [m for m in matches if m.term.startswith("PSEUDO")]

    def voided(m: TermMatch) -> bool:
        inside = any(p.start <= m.start and m.end <= p.end for p in pseudo if p.term == "PSEUDO")
        overlaps = any(
            p.start < m.end and m.start < p.end for p in pseudo if p.term == f"PSEUDO_{m.term}"
        )
        return inside or overlaps

    return [m for m in matches if not m.term.startswith("PSEUDO") and not voided(m)]


def _occurrences(
    doc: Doc, rule: list[str], by_class: dict[str, list[TermMatch]], window: int, ordered: bool
) -> list[tuple[tuple[int, int], tuple[int, int], tuple[tuple[int, int], ...]]]:
    """Spans where every class of `rule` matches, apart, in one sentence, within `window`; each
    with its anchor (the first class's match), on which the context rules are read."""
    if any(term not in by_class for term in rule):
        return []
    first, *rest = rule
    spans: list[tuple[tuple[int, int], tuple[int, int], tuple[tuple[int, int], ...]]] = []
    for anchor in by_class[first]:
        span: tuple[int, int] | None = (anchor.start, anchor.end)
        used = [(anchor.start, anchor.end)]
        first_token, last_token = _region(doc, anchor.start)
        for term in rest:
            assert span is not None
            lo = span[1] if ordered else first_token
            near = _nearest(by_class[term], span, used, (lo, last_token), window)
            if near is None:
                span = None
                break
            used.append((near.start, near.end))
            span = (min(span[0], near.start), max(span[1], near.end))
        if span is not None:
            spans.append((span, (anchor.start, anchor.end), tuple(used)))
    return list(dict.fromkeys(spans))


def _who_is_a_child(doc: Doc, matches: list[TermMatch], found: list[Finding]) -> list[Finding]:
    """An age of 16 or more in the same sentence means "my son" is no child ("my 17 year old
    son")."""
    adult = {doc[f.span[0]].sent.start for f in found if f.concept == "adult_age" and f.span}
    kept = []
    for f in found:
        sentence = doc[f.span[0]].sent.start if f.span else None
        if f.concept == "child_patient" and f.signal == "rule" and sentence in adult:
            continue
        kept.append(f)
    return kept


def _negation_between(mods: Sequence[Modifier], parts: tuple[tuple[int, int], ...]) -> str | None:
    """A negation standing between the parts of one finding ("the numbness is not spreading")."""
    if len(parts) < 2:
        return None
    ordered = sorted(parts)
    for (_, left_end), (right_start, _) in zip(ordered, ordered[1:], strict=False):
        for m in mods:
            if m.category == "negated" and left_end <= m.start and m.end <= right_start:
                return m.text
    return None


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two matches share tokens, unless one lies inside a phrase of three or more tokens
    ("reduced perianal sensation" holds both a sensation change and a place)."""
    if a[1] <= b[0] or b[1] <= a[0]:
        return False
    inner, outer = sorted((a, b), key=lambda s: s[1] - s[0])
    inside = outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer
    return not (inside and outer[1] - outer[0] >= 3)


def _region(doc: Doc, token: int) -> tuple[int, int]:
    """The sentence a token is in, joined to a neighbour that refers back to it ("The numb
    patch was small. Now it goes to my knee."): a cheap stand-in for resolving "it"."""
    sentence = doc[token].sent
    start, end = sentence.start, sentence.end
    if end < len(doc) and doc[end].lower_ in _ANAPHORA:
        end = doc[end].sent.end
    if sentence[0].lower_ in _ANAPHORA and start > 0:
        start = doc[start - 1].sent.start
    return start, end


def _nearest(
    candidates: list[TermMatch],
    span: tuple[int, int],
    used: list[tuple[int, int]],
    bounds: tuple[int, int],
    window: int,
) -> TermMatch | None:
    lo, hi = bounds
    best, best_gap = None, window + 1
    for c in candidates:
        if c.start < lo or c.end > hi or any(_clash((c.start, c.end), u) for u in used):
            continue
        gap = max(c.start - span[1], span[0] - c.end, 0)
        if gap < best_gap:
            best, best_gap = c, gap
    return best


def _clauses(doc: Doc) -> list[tuple[int, int]]:
    """Sentences cut at commas and contrast words; very short pieces join the previous one."""
    clauses: list[tuple[int, int]] = []
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.lower_ in _CLAUSE_BREAKS and token.i > start:
                clauses.append((start, token.i))
                start = token.i + (token.text == ",")
        clauses.append((start, sentence.end))
    joined: list[tuple[int, int]] = []
    for s, e in clauses:
        if joined and e - s < 3:
            joined[-1] = (joined[-1][0], e)
        elif e > s:
            joined.append((s, e))
    return joined


def _describes_a_patient(doc: Doc, matches: list[TermMatch], found: list[Finding]) -> bool:
    """Someone's own back pain, told by them or by their clinician ("58F, 3/52 LBP")."""
    if any(m.term == "OWN_BACK_PAIN" for m in matches):
        return True
    pain = any(m.term in ("PAIN", "BACK") for m in matches)
    aged = any(f.concept in _AGES for f in found)
    patient = any(t.lower_ in ("patient", "pt", "he", "she") for t in doc)
    return pain and (aged or patient)


def _names_anybody(doc: Doc) -> bool:
    """Whether the message speaks of a person at all (the writer, a patient, a child)."""
    return any(t.lower_ in _SOMEBODY for t in doc)


def _general_question(tokens: Span) -> bool:
    """A question about things in general, naming nobody ("Does weight loss help back pain?",
    "do they ever cause infections?"): it asks about a finding, it does not report one."""
    words = [t.lower_ for t in tokens if not t.is_punct]
    return (
        tokens[-1].text == "?"
        and bool(words)
        and words[0] in _INTERROGATIVE
        and not any(w in _SOMEBODY for w in words)
    )


def _someone_else(doc: Doc, matches: list[TermMatch], mods: list[Modifier]) -> bool:
    """Whether back pain is told as another adult's ("my husband's back", "dad has LBP")."""
    family = [m for m in mods if m.category == "family"]
    pain = [m for m in matches if m.term in ("PAIN", "BACK")]
    return any(
        f.end <= p.start and doc[f.start].sent == doc[p.start].sent for f in family for p in pain
    )


def _mask(
    doc: Doc,
    findings: list[Finding],
    context: tuple[list[Modifier], Stops],
    matches: list[TermMatch],
) -> str:
    """The message without its red-flag mentions, the cues that negate them and normal findings
    ("afebrile"), so the rest of the pipeline judges the question on what else it asks."""
    mods, stops = context
    drop = {i for m in matches if m.term == "NORMAL_FINDING" for i in range(m.start, m.end)}
    negations = [m for m in mods if m.category == "negated"]
    for f in findings:
        if f.span is None:
            continue
        drop.update(range(*f.span))
        if f.status == "negated":
            drop.update(i for m in negations for i in range(m.start, m.end))
    for m in matches:
        if covering(negations, stops, doc, m.start, m.end):
            drop.update(range(m.start, m.end))
    return "".join(t.text_with_ws for t in doc if t.i not in drop).strip()
