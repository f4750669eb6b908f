"""ConText: whether a finding is negated, someone else's, hypothetical, past or uncertain.

The algorithm of Chapman et al. (as medspaCy implements it): modifier phrases (context.yaml) cover
the tokens after them (forward), before them (backward) or both, up to a maximum scope, stopping at
a terminator ("but", "now") or the end of the sentence. Pseudo-modifiers ("not sure", "can not")
contain a cue word but are not cues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.safety.flags import load_yaml
from assistant.safety.lexicon import TermMatcher
from assistant.safety.nlp import Doc, Language

Category = Literal[
    "negated",
    "other",
    "family",
    "child",
    "elsewhere",
    "hypothetical",
    "historical",
    "uncertain",
    "intentional",
]
_NEAR = 4
# A resolution told at the end of a story ("my bum went numb on the bench at the match, came back
# as soon as I stood up") reaches back across the clause to the finding it undoes.
_FAR = 24
# A time told at the head of a sentence ("last winter I had a kidney infection with back pain and a
# high fever") dates the whole clause, still ended by a new clause or a terminator, and past
# its first few tokens by a comma.
_LONG = 16
_LONG_UNBROKEN = 8  # within this many tokens a comma does not end it ("fever last year, it was...")
# A note's list of negatives runs on to the end of the sentence, unless a new clause or a
# terminator ends it ("denies X, Y, Z but reports ...").
_LIST = 22
_REACHES = ("_near", "_far", "_long", "_list")
# Who a sentence is about holds until another person is named ("my dad had cancer and I ...").
_PERSON: frozenset[str] = frozenset({"other", "family", "child"})
_NEGATION_WORDS = frozenset({"not", "no", "never", "nothing", "without", "none"})
_BRACKETS = frozenset("()[]")
# A relative clause tells about the person just named ("his cousin who lost control of his
# bladder"), and "still" goes on about them ("my uncle had surgery and still can't feel his
# backside"): they end other scopes, not whose the finding is.
_SAME_PERSON = frozenset({"who", "whose", "whom", "still"})
# A subject after a comma opens a new clause ("I'm not sleeping, I feel feverish"): what was
# denied before it is not what the new clause tells. So does a verb that tells a new thing of
# the same person ("won't eat, sleeping all day, feels hot to touch"; "not dieting, and keeps
# moaning about back ache"), where a list goes on with nouns ("no fever, chills or sweats").
_SUBJECTS = frozenset({"i", "he", "she", "we", "they"})
_CLAUSE_VERBS = frozenset(
    {"feels", "felt", "feeling", "looks", "looked", "seems", "seemed", "sleeping", "sleeps"}
    | {"keeps", "kept", "keep", "says", "said", "complains", "complaining", "moaning", "woke"}
    | {"wakes", "waking", "started", "starting", "gets", "getting", "got", "went", "goes"}
)
# "It" opens a clause when it tells the present ("codeine does nothing, it is there all
# night"); a past one goes on with the story before it ("fever last year, it was a kidney
# infection").
_PRESENT = frozenset({"is", "has", "keeps", "gets", "feels", "wakes", "stays"})
_CLAUSE_JOINS = frozenset({"and", "but", "now", "then"})
_POSSESSIVES = frozenset({"my", "his", "her", "their", "our"})
# "No," opening a sentence answers the question asked before it ("no, the foot just flops
# down"): a particle, not a negation of what follows its comma.
_ANSWERS = frozenset({"no", "nope", "nah"})
_AFTER_ANSWER = frozenset({",", "-", ":"})


@dataclass(frozen=True)
class Stops:
    """Token positions where scopes end: every scope, those of the person categories, and
    brackets, which end all but a person's ("new wetting (continent for years)": the years
    are the continence's, not the wetting's; "her fever (an ear infection)" is still hers)."""

    every: frozenset[int]
    person: frozenset[int]
    commas: frozenset[int] = frozenset()
    brackets: frozenset[int] = frozenset()
    same_person: frozenset[int] = frozenset()
    new_clause: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Modifier:
    category: Category
    direction: Literal["forward", "backward", "bidirectional"]
    start: int
    end: int
    scope: int
    text: str


class ConText:
    """Finds modifiers in a doc and tells which of them cover a token span."""

    def __init__(self, nlp: Language) -> None:
        data = load_yaml("context.yaml")
        self._max_scope = int(str(data["max_scope"]))
        self._person_scope = int(str(data["person_scope"]))
        modifiers = data["modifiers"]
        assert isinstance(modifiers, dict)
        classes: dict[str, list[str]] = {
            "terminate": modifiers.pop("terminate"),
            "terminate_person": modifiers.pop("terminate_person"),
        }
        for category, groups in modifiers.items():
            for key, entries in groups.items():
                classes[f"{category}:{key}"] = entries
        self._matcher = TermMatcher(nlp, classes)

    def modifiers(self, doc: Doc, *, corrects: bool = False) -> tuple[list[Modifier], Stops]:
        """The modifiers in `doc`, and the token positions where scopes stop. In a message
        that corrects an earlier one ("no - I misread"), an opening "no" denies."""
        matches = self._matcher(doc)
        pseudo = [(m.start, m.end) for m in matches if m.term.endswith(":pseudo")]
        stops = Stops(
            every=frozenset(m.start for m in matches if m.term == "terminate"),
            person=frozenset(m.start for m in matches if m.term == "terminate_person"),
            commas=frozenset(t.i for t in doc if t.text == ","),
            brackets=frozenset(t.i for t in doc if t.text in _BRACKETS),
            same_person=frozenset(t.i for t in doc if t.lower_ in _SAME_PERSON),
            new_clause=frozenset(t.i for t in doc if _opens_clause(doc, t.i)),
        )
        found: list[Modifier] = []
        for match in matches:
            if match.term.startswith("terminate") or match.term.endswith(":pseudo"):
                continue
            if any(s <= match.start and match.end <= e for s, e in pseudo):
                continue
            if not corrects and _answers_a_question(doc, match.start, match.end):
                continue
            category, key = match.term.split(":")
            reach = key.rpartition("_")[2] if key.endswith(_REACHES) else ""
            direction = key.removesuffix(f"_{reach}") if reach else key
            found.append(
                Modifier(
                    category=category,  # type: ignore[arg-type]
                    direction=direction,  # type: ignore[arg-type]
                    start=match.start,
                    end=match.end,
                    scope=self._scope(category, reach),
                    text=doc[match.start : match.end].text,
                )
            )
        return _longest(found), stops

    def _scope(self, category: str, reach: str) -> int:
        if reach == "near":
            return _NEAR
        if reach == "far":
            return _FAR
        if reach == "long":
            return _LONG
        if reach == "list":
            return _LIST
        return self._person_scope if category in _PERSON else self._max_scope


def _answers_a_question(doc: Doc, start: int, end: int) -> bool:
    """A lone "no" (or "nope") opening a sentence and followed by a comma or dash."""
    token = doc[start]
    return (
        end - start == 1
        and token.lower_ in _ANSWERS
        and start == token.sent.start
        and start + 1 < len(doc)
        and doc[start + 1].text in _AFTER_ANSWER
    )


def _opens_clause(doc: Doc, i: int) -> bool:
    """A subject, or a verb telling something new, after a comma (and an "and" or "but"); a
    possessive only after the "and" or "but" ("she hasn't grown, and her back's hurting")."""
    word = doc[i].lower_
    joined = i > 1 and doc[i - 1].lower_ in _CLAUSE_JOINS and doc[i - 2].text == ","
    if word in _POSSESSIVES:
        return joined
    present_it = word == "it" and i + 1 < len(doc) and doc[i + 1].lower_ in _PRESENT
    if word not in _SUBJECTS and word not in _CLAUSE_VERBS and not present_it:
        return False
    return joined or (i > 0 and doc[i - 1].text == ",")


def covering(
    modifiers: Sequence[Modifier], stops: Stops, doc: Doc, start: int, end: int
) -> list[Modifier]:
    """The modifiers whose scope reaches the span [start, end), in the same sentence."""
    sentence = doc[start].sent
    return [
        m
        for m in modifiers
        if sentence.start <= m.start < sentence.end
        and (_runs_into(m, start, end, doc) or not (m.start < end and start < m.end))
        and _reaches(m, stops, start, end)
    ]


def _runs_into(m: Modifier, start: int, end: int, doc: Doc) -> bool:
    """A forward cue that begins before the span and overlaps it ("no trouble with weeing"),
    unless the span itself opens with the negation ("have [not been able to pee]")."""
    return _from_before(m, start) and doc[start].lower_ not in _NEGATION_WORDS


def _from_before(m: Modifier, start: int) -> bool:
    """A cue reading forward that starts before the span and runs into it."""
    return m.direction != "backward" and m.start < start < m.end


def inside(modifiers: Sequence[Modifier], start: int, end: int) -> list[Modifier]:
    """The modifiers within [start, end): how a whole clause the classifier flagged is read."""
    return [m for m in modifiers if start <= m.start and m.end <= end]


def _reaches(m: Modifier, stops: Stops, start: int, end: int) -> bool:
    if _from_before(m, start):
        return True
    forward = m.direction in ("forward", "bidirectional") and m.end <= start
    backward = m.direction in ("backward", "bidirectional") and end <= m.start
    if forward:
        gap = range(m.end, start)
    elif backward:
        gap = range(end, m.start)
    else:
        return False
    if m.category in _PERSON:
        ends = (stops.every - stops.same_person) | stops.person
    else:
        ends = stops.every | stops.brackets | stops.new_clause
    if m.category == "intentional":
        ends = frozenset()  # "lost weight cos I've been at the gym": a reason goes on
    if (backward and m.scope == _NEAR) or (m.scope == _LONG and len(gap) > _LONG_UNBROKEN):
        ends = ends | stops.commas
    if m.scope == _FAR:
        ends = frozenset()
    return len(gap) <= m.scope and not ends.intersection(gap)


def _longest(modifiers: list[Modifier]) -> list[Modifier]:
    """Where modifiers of one category overlap, the longest one."""
    kept: list[Modifier] = []
    for m in sorted(modifiers, key=lambda m: (m.start, -(m.end - m.start))):
        if any(
            k.category == m.category and k.direction == m.direction and m.start < k.end
            for k in kept
        ):
            continue
        kept.append(m)
    return kept
