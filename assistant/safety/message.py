"""What a message says about whom: clauses, general questions, the patient, and its mask."""

from __future__ import annotations

from typing import NamedTuple

from assistant.safety.context import Modifier, Stops, covering
from assistant.safety.findings import Finding
from assistant.safety.lexicon import TermMatch
from assistant.safety.measures import AGE_CONCEPTS, CHILD_CONCEPTS
from assistant.safety.nlp import Doc, Span

_CLAUSE_BREAKS = frozenset({",", "but", "because", "although", "though", "however", "whereas"})
_FIRST_PERSON = frozenset({"i", "my", "me", "mine", "im", "myself"})
_SOMEBODY = _FIRST_PERSON | frozenset(
    {"patient", "pt", "he", "she", "his", "her", "him", "we", "our", "son", "daughter", "child",
     "they", "their", "us"}
)  # fmt: skip
_INTERROGATIVE = frozenset(
    {"does", "do", "can", "could", "is", "are", "would", "will", "what", "how", "why", "which",
     "when", "should", "and", "so", "any"}
)  # fmt: skip
# A message's last words asking in one of these ways are a question without the "?"
# ("what percent of osteochondromas turn malignant").
_ASKS_UNMARKED = frozenset(
    {"what", "how", "does", "do", "can", "could", "is", "are", "which", "why"}
)
_THIRD_PERSON = frozenset({"he", "she", "his", "her", "him", "hes", "shes"})
# Words that put a sentence's pain on someone other than the writer ("I saw a pt with LBP").
_ANOTHER = _THIRD_PERSON | frozenset(
    {"patient", "pt", "pts", "patients", "they", "them", "son", "daughter", "child", "kid",
     "baby", "toddler", "boy", "girl"}
)  # fmt: skip
_WRITER = frozenset({"i", "me", "myself"})
_FIRST_PERSON = _WRITER | {"my", "mine"}
_PERSON_CUES = frozenset({"family", "child", "other"})


def clauses(doc: Doc) -> list[tuple[int, int]]:
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


def general_question(tokens: Span) -> bool:
    """A question about things in general, naming nobody ("Does weight loss help back pain?",
    "do they ever cause infections?"): it asks about a finding, it does not report one."""
    words = [t.lower_ for t in tokens if not t.is_punct]
    if not words or any(w in _SOMEBODY for w in words):
        return False
    if tokens[-1].text == "?":
        return words[0] in _INTERROGATIVE
    last = all(t.is_punct or t.is_space for t in tokens.doc[tokens.end :])
    return last and words[0] in _ASKS_UNMARKED


def asked_in_general(doc: Doc) -> frozenset[int]:
    """Where the sentences that are general questions start, in a message naming nobody: what
    they mention is asked about, not reported. Read once per message, so a long one costs a
    pass over its sentences, not one per finding."""
    if names_anybody(doc):
        return frozenset()
    return frozenset(sent.start for sent in doc.sents if general_question(sent))


def names_anybody(doc: Doc) -> bool:
    """Whether the message speaks of a person at all (the writer, a patient, a child)."""
    return any(t.lower_ in _SOMEBODY for t in doc)


def describes_a_patient(doc: Doc, matches: list[TermMatch], found: list[Finding]) -> bool:
    """Someone's own back pain, told by them or by their clinician ("58F, 3/52 LBP")."""
    if any(m.term == "OWN_BACK_PAIN" for m in matches):
        return True
    pain = any(m.term in ("PAIN", "BACK") for m in matches)
    aged = any(f.concept in AGE_CONCEPTS for f in found)
    patient = any(t.lower_ in ("patient", "pt", "he", "she") for t in doc)
    return pain and (aged or patient)


def own_back_pain(doc: Doc, matches: list[TermMatch], mods: list[Modifier], stops: Stops) -> bool:
    """The writer's own back pain: a phrase that says so ("my back", "I have LBP"; not "sorry,
    not my back, my daughter's"), or pain in a sentence where the writer is the subject and no
    one else is named ("now I've got a bit of back pain after work"), that no relative's,
    child's or negation's scope covers."""
    # only a negation before the phrase: "my back is fine" still tells whose back it is
    negating = [m for m in mods if m.category == "negated" and m.direction != "backward"]
    people = [m for m in mods if m.category in _PERSON_CUES]
    if any(
        m.term == "OWN_BACK_PAIN"
        and not any(n.start < m.start for n in covering(negating, stops, doc, m.start, m.end))
        and (_in_first_person(doc, m) or not covering(people, stops, doc, m.start, m.end))
        for m in matches
    ):
        return True
    voiding = [*people, *(m for m in mods if m.category == "negated")]
    for m in matches:
        if m.term not in ("PAIN", "BACK"):
            continue
        words = {t.lower_ for t in doc[m.start].sent}
        if (
            words & _WRITER
            and not words & _ANOTHER
            and not covering(voiding, stops, doc, m.start, m.end)
        ):
            return True
    return False


def _in_first_person(doc: Doc, match: TermMatch) -> bool:
    """A phrase that names the writer ("my back", "I have LBP"); "had a lower back ache" does
    not, and is the child's when told of "my 14 year old"."""
    return any(t.lower_ in _FIRST_PERSON for t in doc[match.start : match.end])


class Sentences(NamedTuple):
    """Each token's sentence (by its first token) and whether each sentence is told in the
    third person: read once per message, so its many mentions of pain cost one pass."""

    of: list[int]
    third: dict[int, bool]


def sentences(doc: Doc) -> Sentences:
    of = [0] * len(doc)
    third = {}
    for sentence in doc.sents:
        of[sentence.start : sentence.end] = [sentence.start] * len(sentence)
        third[sentence.start] = _third_person(sentence)
    return Sentences(of, third)


def someone_else(
    doc: Doc, matches: list[TermMatch], mods: list[Modifier], stops: Stops, told: Sentences
) -> bool:
    """Whether back pain is told as another adult's ("my husband's back", "dad has LBP"), in
    the relative's sentence or in a later one that goes on about "he" or "she" ("My dad's legs
    keep giving way. He's had a bad back since Christmas.")."""
    family = [m for m in mods if m.category == "family"]
    pain = [m for m in matches if m.term in ("PAIN", "BACK")]
    return any(
        f.end <= p.start
        and (
            _same_person(f, p, doc, stops)
            if told.of[f.start] == told.of[p.start]
            else told.third[told.of[p.start]]
        )
        for f in family
        for p in pain
    )


def told_in_third_person(matches: list[TermMatch], told: Sentences) -> bool:
    """Whether back pain is told of "he" or "she" with no "I" or "my" in its sentence ("he's had
    new back pain since Sunday"): in a conversation that named a relative before, it is theirs."""
    return any(m.term in ("PAIN", "BACK") and told.third[told.of[m.start]] for m in matches)


def _same_person(family: Modifier, pain: TermMatch, doc: Doc, stops: Stops) -> bool:
    """In the relative's sentence, no other person is named before the pain ("wife has
    metastatic ca, pt is main carer, presents with LBP": the pain is the pt's)."""
    return not any(family.end <= i < pain.start for i in stops.person)


def _third_person(sentence: Span) -> bool:
    """A sentence about "he" or "she", with no "I" or "my" in it."""
    words = {t.lower_ for t in sentence}
    return bool(words & _THIRD_PERSON) and not words & _FIRST_PERSON


def who_is_a_child(doc: Doc, found: list[Finding]) -> list[Finding]:
    """An age of 16 or more in the same sentence means "my son" is no child ("my 17 year old
    son") and "baby" is not the patient ("35F, day 3 post caesarean, big baby, new LBP")."""
    adult = {doc[f.span[0]].sent.start for f in found if f.concept == "adult_age" and f.span}
    kept = []
    for f in found:
        sentence = doc[f.span[0]].sent.start if f.span else None
        if f.concept in CHILD_CONCEPTS and f.signal != "number" and sentence in adult:
            continue
        kept.append(f)
    return kept


def mask(
    doc: Doc,
    findings: list[Finding],
    context: tuple[list[Modifier], Stops],
    matches: list[TermMatch],
    written: Doc,
) -> str:
    """The message without its red-flag mentions, the cues that negate them and normal findings
    ("afebrile"), so the rest of the pipeline judges the question on what else it asks."""
    mods, stops = context
    drop = {i for m in matches if m.term == "NORMAL_FINDING" for i in range(m.start, m.end)}
    negations = [m for m in mods if m.category == "negated"]
    for f in findings:
        if f.span is None or f.signal == "classifier":
            continue
        drop.update(range(*f.span))
        if f.status == "negated":
            drop.update(i for m in negations for i in range(m.start, m.end))
    for m in matches:
        if covering(negations, stops, doc, m.start, m.end):
            drop.update(range(m.start, m.end))
    words = written if len(written) == len(doc) else doc  # the words as written, not as mended
    return "".join(t.text_with_ws for t in words if t.i not in drop).strip()


def mentions_back_pain(
    doc: Doc, matches: list[TermMatch], mods: list[Modifier], stops: Stops
) -> bool:
    """Whether the message speaks of back pain that is not negated ("no back pain at all")."""
    negations = [m for m in mods if m.category == "negated"]
    return any(
        m.term in ("PAIN", "BACK") and not covering(negations, stops, doc, m.start, m.end)
        for m in matches
    )


def inside_family(mods: list[Modifier], start: int, end: int) -> bool:
    """Whether the span is part of a relative's (or a pet's) description ("my 80-year-old
    dad", "my mum is 78"): such a cue that contains it, overlaps it, or ends just before it."""
    return any(
        m.category in ("family", "other") and m.start < end and start <= m.end + 1 for m in mods
    )


def framed_as_teaching(doc: Doc, matches: list[TermMatch], found: list[Finding]) -> bool:
    """A message whose first sentence frames it as teaching or study ("Teaching q for my MSK
    students: ...", "Doing an essay for my nursing degree"), that gives nobody's age (but an
    imagined patient's) and tells nothing of the writer: all it names is asked about, not had."""
    first = next(iter(doc.sents), None)
    framed = first is not None and any(
        m.term == "TEACHING_FRAME" and first.start <= m.start < first.end for m in matches
    )
    return framed and not any(
        (f.concept in AGE_CONCEPTS and not _someone_imagined(doc, f))
        or (f.span and _tells_of_the_writer(doc[f.span[0]].sent))
        for f in found
    )


def _someone_imagined(doc: Doc, finding: Finding) -> bool:
    """An age given with an indefinite article ("a 70-year-old smoker presents with..."): the
    patient of a quiz or a textbook, not anyone's own."""
    start = finding.span[0] if finding.span else 0
    return start > 0 and doc[start - 1].lower_ in ("a", "an")


def _tells_of_the_writer(sentence: Span) -> bool:
    """A statement, not a question, with the writer as its subject ("I'm a nursing student
    and I wet myself today")."""
    words = {t.lower_ for t in sentence}
    return bool(words & _WRITER) and sentence[-1].text != "?"


def asks_for_warning_signs(matches: list[TermMatch]) -> bool:
    """A question about the warning signs of back pain ("which symptoms mean I should go to
    A&E?"), not of something else ("what are the symptoms of a stroke?")."""
    terms = {m.term for m in matches}
    return "WARNING_SIGNS" in terms and bool(terms & {"BACK", "PAIN", "URGENT_CARE"})
