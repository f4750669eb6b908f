"""Reading one message: the concepts it raises, by which signal and words, and in what context.

The text is normalised and its slips mended, then read by three signals (concept rules, numbers,
the clause classifier), each finding judged with ConText (negated, whose, when, whether)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from assistant.safety import message
from assistant.safety.classifier import NONE, ClauseClassifier
from assistant.safety.context import ConText, Modifier, Stops, covering, inside
from assistant.safety.findings import Finding, Reading, Status, classified_status, cue_texts, decide
from assistant.safety.flags import Concept, KnowledgeBase, load_yaml
from assistant.safety.lexicon import TermMatch, TermMatcher
from assistant.safety.measures import AGE_CONCEPTS, read_measures
from assistant.safety.nlp import Doc, blank_pipeline, normalise
from assistant.safety.rules import negation_after, negation_between, occurrences, without_pseudo
from assistant.safety.spelling import Speller, english

# Characters of a message the classifier reads, its most telling clauses first: a pasted essay
# costs the encoder what a short story does. Reading every clause instead changed no pooled
# tuning count (recall or false alarms); a long story's untelling clauses are the ones left out.
_CLASSIFIED_CHARS = 300
_LETTERS = re.compile(r"[a-z]+")
# Term classes every back-pain story has: they do not mark a clause worth classifying.
_UNTELLING = frozenset({"PAIN", "BACK", "OWN_BACK_PAIN", "URGENT_CARE"})
_CLINICAL_DOUBT = frozenset(
    {"?", "query", "suspect", "suspected", "suspicious", "possible", "possibly", "probably"}
)


def _listed_before(m: Modifier, stops: Stops, start: int) -> bool:
    """A negation that reads forward and ends before a comma that precedes `start`."""
    return (
        m.category == "negated" and m.end <= start and any(m.end <= c < start for c in stops.commas)
    )


def _most_telling(
    doc: Doc, clauses: list[tuple[int, int]], terms: list[TermMatch]
) -> list[tuple[int, int]]:
    """The clauses the classifier reads, at most _CLASSIFIED_CHARS characters of them, those
    holding a term of a finding first: a long story's one telling line, late in it, is read,
    and the cost stays bounded. A clause longer than what is left is cut at a token."""
    telling = [t for t in terms if t.term not in _UNTELLING]

    def tells(clause: tuple[int, int]) -> bool:
        return any(clause[0] <= t.start < clause[1] for t in telling)

    kept: list[tuple[int, int]] = []
    left = _CLASSIFIED_CHARS
    for start, whole in sorted(clauses, key=lambda c: not tells(c)):  # stable: story order
        end = whole
        while end > start + 1 and doc[start:end].end_char - doc[start].idx > left:
            end -= 1
        left -= doc[start:end].end_char - doc[start].idx
        if left < 0:
            break
        kept.append((start, end))
    return sorted(kept)


def _loss_told(
    cue: Modifier, clause: tuple[int, int], doc: Doc, stops: Stops, telling: list[TermMatch]
) -> bool:
    """A negation inside a flagged clause that denies no finding word there but tells a loss
    of function ("the urine is not coming", "legs are without force"): the classifier read
    the loss itself, so the negation is the finding, not its denial. One whose scope reaches a
    finding word ("no numbness down there", "hasn't lost any weight"), one telling what is
    normal ("wees normal") and one naming no function ("well not me") deny it. `telling` are
    the clause's finding words."""
    start, end = clause
    if cue.category != "negated" or cue.direction != "forward":
        return False
    if not inside([cue], start, end):
        return False
    if not any(t.is_alpha and not t.is_stop for t in doc[cue.end : end]):
        return False  # "well not me": nothing lost is named
    return not any(covering([cue], stops, doc, t.start, t.end) for t in telling)


class Detector:
    """Concept rules, numbers and the clause classifier over one spaCy doc, read with ConText."""

    def __init__(self, knowledge: KnowledgeBase, classifier: ClauseClassifier) -> None:
        self._kb = knowledge
        self._nlp = blank_pipeline()
        lexicon = {k: v for k, v in load_yaml("lexicon.yaml").items() if isinstance(v, list)}
        needed = {"PSEUDO", "PAIN", "BACK", "WARNING_SIGNS", "OWN_BACK_PAIN", "NORMAL_FINDING",
                  "URGENT_CARE", "TEACHING_FRAME", "CORRECTION"}  # fmt: skip
        missing = (knowledge.term_classes() | needed) - set(lexicon)
        if missing:
            raise ValueError(f"lexicon.yaml lacks term classes {sorted(missing)}")
        self._terms = TermMatcher(self._nlp, lexicon)
        self._context = ConText(self._nlp)
        # Slips are mended towards the words of findings and their context, not towards a
        # message's framing ("tesco" is no misspelt "teach").
        spelled = {k: v for k, v in lexicon.items() if k != "TEACHING_FRAME"}
        vocabulary = set(_LETTERS.findall(f"{spelled} {load_yaml('context.yaml')}"))
        self._speller = Speller(vocabulary, english())
        self._classifier = classifier
        self.read = lru_cache(maxsize=4096)(self._read)

    def _read(self, text: str) -> Reading:
        written = self._nlp.make_doc(normalise(text))
        doc = self._nlp(self._mended(written))
        written_terms = self._terms(doc)
        matches = without_pseudo(written_terms)
        corrects = any(m.term == "CORRECTION" for m in matches)
        modifiers, stops = self._context.modifiers(doc, corrects=corrects)
        general = message.asked_in_general(doc)
        found = [
            *self._rule_findings(doc, matches, modifiers, stops, general),
            *self._number_findings(doc, modifiers, stops, general),
            *self._classifier_findings(doc, modifiers, stops, written_terms),
        ]
        findings = message.who_is_a_child(doc, found)
        own = message.own_back_pain(doc, matches, modifiers, stops)
        told = message.sentences(doc)
        if not own and message.framed_as_teaching(doc, matches, findings):
            findings = [replace(f, status="hypothetical") for f in findings]
        return Reading(
            findings=tuple(findings),
            mentions_own_back_pain=own,
            mentions_back_pain=message.mentions_back_pain(doc, matches, modifiers, stops),
            about_someone_else=message.someone_else(doc, matches, modifiers, stops, told),
            describes_a_patient=message.describes_a_patient(doc, matches, findings),
            asks_for_warning_signs=message.asks_for_warning_signs(matches),
            corrects=corrects,
            explains_weight=any(m.category == "intentional" for m in modifiers)
            and any(m.term == "WEIGHT" for m in matches),
            names_another=any(m.category in ("family", "other", "child") for m in modifiers),
            names_a_child=any(m.category == "child" for m in modifiers)
            and not any(m.category == "other" for m in modifiers),
            pain_told_of_another=message.told_in_third_person(matches, told),
            masked=message.mask(
                doc, self._mentions(findings), (modifiers, stops), matches, written
            ),
            tokens=frozenset(token.lower_ for token in doc if token.is_alpha),
        )

    def _mended(self, written: Doc) -> str:
        """The text with each slip corrected and a word split by a stray space joined."""
        tokens = list(written)
        out: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            joined = after and token.whitespace_ and self._speller.joined(token.text, after.text)
            if after and joined:
                out.append(joined + after.whitespace_)
                i += 2
                continue
            out.append(self._speller.correct(token.text) + token.whitespace_)
            i += 1
        return "".join(out)

    def _rule_findings(
        self,
        doc: Doc,
        matches: list[TermMatch],
        mods: list[Modifier],
        stops: Stops,
        general: frozenset[int],
    ) -> list[Finding]:
        by_class: dict[str, list[TermMatch]] = {}
        for m in matches:
            by_class.setdefault(m.term, []).append(m)
        found = []
        for name, concept in self._kb.concepts.items():
            for rule in concept.rules:
                found_here = occurrences(doc, rule, by_class, concept.window, concept.ordered)
                for (start, end), anchor, parts in found_here:
                    # a negation that is one of the finding's own words ("ankle jerk absent")
                    # tells it, it denies nothing
                    told = [m for m in mods if not _own_negation(m, parts)]
                    status, cues = self._status(concept, doc, (told, stops), anchor, general)
                    if status == "affirmed" and not concept.literal:
                        between = negation_between(mods, parts) or negation_after(
                            doc, told, stops, parts
                        )
                        if between is not None:
                            status, cues = "negated", (*cues, f"negated: {between}")
                    words = doc[start:end].text
                    found.append(Finding(name, words, "rule", status, cues, (start, end)))
        return found

    def _number_findings(
        self, doc: Doc, mods: list[Modifier], stops: Stops, general: frozenset[int]
    ) -> list[Finding]:
        found = []
        for reading in read_measures(doc.text):
            span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
            if span is None:
                continue
            concept = self._kb.concepts.get(reading.concept, Concept(rules=[]))
            # A value is read as stated: a negation before a comma ("no PMH, T 38.9") is the
            # list item's, not the measurement's.
            stated = [m for m in mods if not _listed_before(m, stops, span.start)]
            context = (stated, stops)
            status, cues = self._status(concept, doc, context, (span.start, span.end), general)
            # An age is who the patient is: only "whose age" (a relative's) changes its meaning.
            if reading.concept in AGE_CONCEPTS:
                relative = message.inside_family(mods, span.start, span.end)
                status = "family" if relative else "affirmed"
            span_ = (span.start, span.end)
            found.append(Finding(reading.concept, reading.words, "number", status, cues, span_))
        return found

    def _classifier_findings(
        self, doc: Doc, mods: list[Modifier], stops: Stops, terms: list[TermMatch]
    ) -> list[Finding]:
        clauses = _most_telling(doc, message.clauses(doc), terms)
        labels = self._classifier.classify([doc[s:e].text for s, e in clauses])
        nobody = not message.names_anybody(doc)
        found = []
        for (start, end), (family, p) in zip(clauses, labels, strict=True):
            if family == NONE or (nobody and message.general_question(doc[start:end])):
                continue
            if self._named_only_as_pseudo(family, terms, (start, end)):
                continue
            telling = [
                t for t in terms if t.term not in _UNTELLING and start <= t.start and t.end <= end
            ]
            cues = [
                m
                for m in [*inside(mods, start, end), *covering(mods, stops, doc, start, end)]
                if not _loss_told(m, (start, end), doc, stops, telling)
            ]
            status = classified_status(family, cues)
            if status == "affirmed" and self._feared(family, terms, cues, (start, end)):
                status = "uncertain"
            words = f"{doc[start:end].text} (p={p:.2f})"
            concept = "child_patient" if family == "child" else f"described:{family}"
            clause = (start, end)
            found.append(
                Finding(concept, words, "classifier", status, cue_texts(cues), span=clause)
            )
        return found

    def _mentions(self, findings: list[Finding]) -> list[Finding]:
        """The findings that are red-flag mentions (not those that only qualify others)."""
        concepts = self._kb.concepts
        return [f for f in findings if f.concept not in concepts or concepts[f.concept].finding]

    def _named_only_as_pseudo(
        self, family: str, terms: list[TermMatch], clause: tuple[int, int]
    ) -> bool:
        """A clause whose family's diagnosis, or every finding word, lies only inside a phrase
        that means something else ("a basal cell carcinoma removed", which does not spread; "I
        can heel walk again"): the classifier read the words, and the lexicon knows they are no
        finding."""
        names = set(self._kb.families[family].named_by) if family in self._kb.families else set()
        start, end = clause
        inside = [t for t in terms if start <= t.start and t.end <= end]
        pseudo = [t for t in inside if t.term.startswith("PSEUDO")]

        def covered(found: list[TermMatch]) -> bool:
            return all(any(p.start <= t.start and t.end <= p.end for p in pseudo) for t in found)

        named = [t for t in inside if t.term in names]
        telling = [t for t in inside if t not in pseudo and t.term not in _UNTELLING]
        return bool(pseudo) and (
            (bool(named) and covered(named)) or (bool(telling) and covered(telling))
        )

    def _feared(
        self, family: str, terms: list[TermMatch], cues: list[Modifier], clause: tuple[int, int]
    ) -> bool:
        """A clause that names its family's diagnosis with worry ("anxious about cancer", "a
        cancer scare"): the fear is told, not a finding. A clinician's query ("?myeloma") is a
        suspicion, and stands."""
        names = set(self._kb.families[family].named_by) if family in self._kb.families else set()
        start, end = clause
        named = any(m.term in names and start <= m.start and m.end <= end for m in terms)
        return named and any(
            m.category == "uncertain" and m.text not in _CLINICAL_DOUBT for m in cues
        )

    def _status(
        self,
        concept: Concept,
        doc: Doc,
        context: tuple[list[Modifier], Stops],
        span: tuple[int, int],
        general: frozenset[int],
    ) -> tuple[Status, tuple[str, ...]]:
        """How the finding at `span` is told; `general` are the sentences that ask in general."""
        if concept.literal:
            return "affirmed", ()
        cues = covering(*context, doc, *span)
        categories = {m.category for m in cues}
        if doc[span[0]].sent.start in general:
            categories.add("hypothetical")
        return decide(concept, categories), cue_texts(cues)


def _own_negation(modifier: Modifier, parts: tuple[tuple[int, int], ...]) -> bool:
    return modifier.category == "negated" and any(
        inside([modifier], start, end) for start, end in parts
    )
