"""Red-flag triage over the whole conversation, and the safety-net checklist when none is found.

A flag is raised when every concept of one of its `when` sets holds for the patient somewhere in
the user's turns (see detector.py for how one message is read)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from assistant.index.embeddings import SentenceEmbeddings
from assistant.prompts import Prompts
from assistant.safety.classifier import ClauseClassifier
from assistant.safety.detector import Detector
from assistant.safety.findings import Finding, Reading
from assistant.safety.flags import ANY_OTHER_FLAG, RANK, Flag, load_knowledge
from assistant.safety.measures import AGE_CONCEPTS, CHILD_CONCEPTS
from assistant.schema import RedFlagHit, SafetyNet, SafetyNetItem, TriageReport

# What a later turn can say of a finding to take back what an earlier one said.
TAKEN_BACK = frozenset({"negated", "intentional", "historical"})
# What a correction can say of it as well: someone else's after all, or only asked about.
CORRECTED = frozenset({"family", "other", "hypothetical"})
_NORMAL_TEMPERATURE = ("normal_temperature", "afebrile_stated")
_LETTERS = re.compile(r"[a-z]+")
# "39 not 37.9", "39, not 37.9": the first number put in the place of the second.
_NUMBER_FIXED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?),? not (\d+(?:\.\d+)?)(?![\d]|\.\d)")
# Words of a finding that do not say which finding it is.
_SHARED_WORDS = frozenset(
    {
        "the", "and", "are", "was", "this", "that", "can", "could", "not", "did", "have", "has",
        "had", "back", "pain", "painful", "hurt", "hurts", "ache", "aching", "sore", "lower",
        "low", "really", "very",
    }
)  # fmt: skip
# How an age told of someone else begins ("she is 80", "mum 74").
_THIRD_PERSON = (
    *("he ", "she ", "mum ", "mom ", "dad ", "mother ", "father ", "husband ", "wife "),
    *("partner ", "son ", "daughter "),
)


@dataclass(frozen=True)
class Assessment:
    """What the conversation shows: its flags (those first raised now marked new), and whether
    the latest message is a patient's own back pain or a question about warning signs."""

    report: TriageReport | None
    describes_back_pain: bool
    asks_for_warning_signs: bool


class Triage:
    """Finds the red flags a conversation shows and words the urgent message and checklist."""

    def __init__(self, prompts: Prompts, embeddings: SentenceEmbeddings, threshold: float) -> None:
        self.knowledge = load_knowledge()
        # what a reason given later for a weight ("it's the diet") takes back
        self._explained = frozenset(
            name for name, concept in self.knowledge.concepts.items() if concept.intentional_voids
        )
        self.guidelines = self.knowledge.guidelines
        self.detector = Detector(self.knowledge, ClauseClassifier(embeddings, threshold))
        self._prompts = prompts

    def assess(self, messages: Sequence[str], audience: str) -> Assessment:
        """Triage the user's turns, oldest first; the last one is the message being answered."""
        readings = [self.detector.read(m) for m in _numbers_corrected(messages)]
        hits = self.hits(readings)
        earlier = {h.id for h in self.hits(readings[:-1])} if len(readings) > 1 else set()
        latest = readings[-1]
        return Assessment(
            report=self._report(hits, earlier, audience) if hits else None,
            describes_back_pain=latest.describes_a_patient,
            asks_for_warning_signs=latest.asks_for_warning_signs,
        )

    def mask(self, text: str) -> str:
        """`text` without its red-flag mentions, the cues that negate them and normal findings,
        so the evidence check judges a question on what else it asks."""
        return self.detector.read(text).masked

    def about(self, report: TriageReport) -> Callable[[str], bool]:
        """Whether a corpus sentence is about a flagged condition: the only evidence shown
        under a new urgent message."""
        terms = {t for h in report.flags for t in self.knowledge.families[h.family].evidence}
        return lambda sentence: any(term in sentence.lower() for term in terms)

    def hits(self, readings: Sequence[Reading]) -> list[RedFlagHit]:
        """Every flag the readings raise, most urgent first."""
        own = _own_back_pain(readings)
        back_pain = any(r.mentions_back_pain for r in readings)
        someone_else = not own and (
            any(r.about_someone_else for r in readings) or _relative_then_theirs(readings)
        )
        writer_aged = any(_writers_own_age(f) for r in readings for f in r.findings)
        held: dict[str, Finding] = {}
        for reading in readings:
            for concept in _taken_back(reading, held, self._explained):
                held.pop(concept)
            for f in _not_also_denied(reading):
                # A child's age counts where the child's back pain is told: not beside the
                # writer's own, nor in a turn without back pain once the writer's is told.
                if (
                    f.concept in CHILD_CONCEPTS
                    and not _writers_own_age(f)
                    and (
                        reading.mentions_own_back_pain
                        or not back_pain
                        or (own and not reading.mentions_back_pain)
                    )
                ):
                    continue
                # The writer who tells their own back pain and age is the patient: an age told
                # of "she" or "mum" beside it is someone else's ("I'm 49 ... she's 80").
                if own and writer_aged and _third_persons_age(f):
                    continue
                # A correction handing the story to a child ("it's my son's, he's 9") tells
                # whose back it is with the child's age.
                theirs = someone_else or (
                    reading.hands_story_on and reading.names_a_child and f.concept in CHILD_CONCEPTS
                )
                if _holds(f.status, theirs) and f.concept not in held:
                    held[f.concept] = f
        _drop_fever_if_normal_since(readings, held)
        if "child_patient" not in held or own:
            held = {c: f for c, f in held.items() if f.status != "child"}
        hits = [hit for flag in self.knowledge.flags if (hit := self._rule_hit(flag, held))]
        hits += self._described(held, hits)
        hits += [
            hit
            for flag in self.knowledge.flags
            if any(ANY_OTHER_FLAG in group for group in flag.when)
            and flag.id not in {h.id for h in hits}
            and (hit := self._rule_hit(flag, held, others=hits))
        ]
        return sorted(hits, key=lambda h: -RANK[h.urgency])

    def _rule_hit(
        self, flag: Flag, held: dict[str, Finding], others: Sequence[RedFlagHit] | None = None
    ) -> RedFlagHit | None:
        for group in flag.when:
            needs_others = ANY_OTHER_FLAG in group
            if needs_others and not any(h.family != flag.family for h in others or []):
                continue
            concepts = [c for c in group if c != ANY_OTHER_FLAG]
            if all(c in held for c in concepts) and not any(c in held for c in flag.unless):
                return self._hit(flag.id, flag.family, flag, [held[c] for c in concepts])
        return None

    def _described(self, held: dict[str, Finding], hits: list[RedFlagHit]) -> list[RedFlagHit]:
        """A flag per family the classifier recognised where no rule of that family did."""
        raised = {h.family for h in hits}
        return [
            self._hit(f"{family}-described", family, None, [held[f"described:{family}"]])
            for family, about in self.knowledge.families.items()
            if f"described:{family}" in held
            and family not in raised
            and not any(c in held for c in about.described_unless)
        ]

    def _hit(
        self, flag_id: str, family_id: str, flag: Flag | None, found: list[Finding]
    ) -> RedFlagHit:
        family = self.knowledge.families[family_id]
        return RedFlagHit(
            id=flag_id,
            family=family_id,
            name=flag.name if flag else family.described,
            suggests=(flag.suggests if flag else None) or family.suggests,
            urgency=(flag.urgency if flag else None) or family.urgency,
            guidelines=(flag.guidelines if flag else None) or family.guidelines,
            matched=" / ".join(f.words for f in found),
            signal=" + ".join(dict.fromkeys(f.signal for f in found)),
        )

    def _report(self, hits: list[RedFlagHit], earlier: set[str], audience: str) -> TriageReport:
        urgency = hits[0].urgency
        names = _join([hit.name for hit in hits])
        action = self._prompts.render(f"urgent_{urgency}_{audience}")
        return TriageReport(
            urgency=urgency,
            flags=hits,
            new=any(h.id not in earlier for h in hits),
            message=self._prompts.render(
                "urgent",
                flags=names,
                suggests=" or ".join(dict.fromkeys(hit.suggests for hit in hits)),
                action=action,
            ),
            reminder=self._prompts.render(
                "urgent_reminder",
                conditions=_and(
                    list(dict.fromkeys(self.knowledge.families[h.family].label for h in hits))
                ),
                action=self._prompts.render(f"urgent_short_{urgency}_{audience}"),
            ),
        )

    def is_none_of_these(self, message: str) -> bool:
        """Whether the message is the checklist's "None of these" quick reply."""
        return message.strip().lower() == self._prompts.render("safety_net_none").lower()

    def safety_net(self, audience: str) -> SafetyNet:
        """The checklist of symptoms that need urgent care, with a quick reply per group."""
        families = self.knowledge.families
        clinician = audience == "clinician"
        items = [
            SafetyNetItem(
                family=fid,
                text=f.clinician if clinician else f.checklist,
                reply=f.clinician_reply if clinician else f.quick_reply,
            )
            for fid, f in families.items()
        ]
        name = "safety_net_clinician" if clinician else "safety_net_patient"
        text = self._prompts.render(name, items="; ".join(i.text for i in items))
        return SafetyNet(text=text, items=items, none_reply=self._prompts.render("safety_net_none"))


def _drop_fever_if_normal_since(readings: Sequence[Reading], held: dict[str, Finding]) -> None:
    normal = _normal_since(readings)
    if normal:
        held.pop("fever", None)
    if normal == "normal_temperature":
        held.pop("described:infection", None)


def _normal_since(readings: Sequence[Reading]) -> str | None:
    """A normal temperature measured, or no fever stated, after the last fever mentioned ("felt
    shivery" ... "temp is 36.8"; "a high temp last month, no fever for 3 weeks"): the latest
    word on the temperature stands. A thermometer's reading also outweighs the classifier's
    sense of an infection; a stated "afebrile" only the fever. Fever asked about ("37,2 ...
    is this fever?") is no word on the temperature."""
    at = [
        ((turn, f.span[0] if f.span else 0), f.concept)
        for turn, reading in enumerate(readings)
        for f in reading.findings
        if f.concept in ("fever", *_NORMAL_TEMPERATURE)
        and f.status == "affirmed"
        and not (f.concept == "fever" and any(c.startswith("uncertain") for c in f.cues))
    ]
    latest = max(at)[1] if at else None
    return latest if latest in _NORMAL_TEMPERATURE else None


def _not_also_denied(reading: Reading) -> list[Finding]:
    """The turn's findings but those it gives to someone else while denying them in the same
    breath ("the fever was his brother's; he has no temperature"). A whole clause the
    classifier reads as denied ("it's not my back, it's my son's, he's 9") denies nothing its
    rules or numbers tell of someone."""
    denied = {
        f.concept for f in reading.findings if f.status in TAKEN_BACK and f.signal != "classifier"
    }
    return [f for f in reading.findings if f.status == "affirmed" or f.concept not in denied]


def _own_back_pain(readings: Sequence[Reading]) -> bool:
    """Whether the writer tells of their own back pain, by the latest word: a correction that
    hands the story to someone else ("sorry, autocorrect, it's my son who has it, not me")
    takes back the writer's own pain told before it."""
    own = False
    for reading in readings:
        if reading.hands_story_on:
            own = False
        own = own or reading.mentions_own_back_pain
    return own


def _taken_back(
    reading: Reading, held: dict[str, Finding], explained: frozenset[str] = frozenset()
) -> set[str]:
    """Concepts an earlier turn raised that this later one only denies, gives as intended or
    tells as over ("sorry, I misread the scales, I haven't lost any weight"; "I lost it on
    purpose, I'm on a diet"; "it goes right away when I get up"): the latest word on a
    finding stands. A correction ("sorry, I meant my dog has had cancer") also takes back what
    it now tells of someone else or only asks about, and an age it gives replaces the ages
    told before, with what they implied ("typo, she's 13 not 3"). One that names someone else
    ("sorry, I wrote that badly, that was my dad") gives them everything told before that it
    does not tell again of the writer, and what it tells of them stands in its place. A reason
    given for a weight ("it's the diet my dietitian gave me, 3 kg in 3 months") takes back the
    weight loss told before as `explained`."""
    back = TAKEN_BACK | CORRECTED if reading.corrects else TAKEN_BACK
    denied = {f.concept for f in reading.findings if f.status in back}
    if reading.explains_weight:
        denied |= explained
    handed_on = reading.hands_story_on
    if handed_on:
        denied |= set(held)
    if reading.corrects:
        denied |= {c for c, f in held.items() if _named_again(f, reading.tokens)}
    told_otherwise = {
        f.concept
        for f in reading.findings
        if f.status not in back and not (handed_on and f.status in ("child", "family", "other"))
    }
    if reading.corrects and any(f.concept in AGE_CONCEPTS for f in reading.findings):
        denied |= AGE_CONCEPTS | CHILD_CONCEPTS
    return {c for c in denied - told_otherwise if c in held}


def _named_again(finding: Finding, tokens: frozenset[str]) -> bool:
    """A correction that names a finding's own words again takes it back unless it tells the
    finding anew ("ignore what I said about both legs, it's only the left"; "sorry, I meant I
    NEARLY fell off the ladder"; "by tearing I meant I tore a muscle"): what it corrects is
    what it names: at least half of the finding's own words. Words any finding shares (back,
    pain, my) name none, nor does a classifier's "(p=0.97)"."""
    own = {w for w in _LETTERS.findall(finding.words) if len(w) > 2} - _SHARED_WORDS
    return bool(own) and 2 * len(own & tokens) >= len(own)


def _writers_own_age(finding: Finding) -> bool:
    """An age the writer gives as their own ("im 15 and my back hurts", or a bare number
    opening the message, "15, back hurts most days"): a child telling of their own back pain
    is the child the flag is for."""
    return finding.signal == "number" and (
        finding.words.startswith(("i am ", "im ")) or finding.words.strip("() ").isdigit()
    )


def _third_persons_age(finding: Finding) -> bool:
    """An adult's age told of "he", "she" or a relative ("she is 80", "mum is 74")."""
    return (
        finding.signal == "number"
        and finding.concept in AGE_CONCEPTS - CHILD_CONCEPTS
        and finding.words.startswith(_THIRD_PERSON)
    )


def _numbers_corrected(messages: Sequence[str]) -> list[str]:
    """Earlier turns with a number a later one puts right ("no wait, it was 39 not 37.9"), so
    what the number means (a fever, an age, weight lost) is read where it was told."""
    fixed = list(messages)
    for i, message in enumerate(messages):
        meant: dict[str, str] = {}
        for right, wrong in _NUMBER_FIXED.findall(message.lower()):
            meant.setdefault(wrong, right)
        if not meant:
            continue
        # one pass over the earlier turns however many numbers are put right
        wrongs = "|".join(map(re.escape, sorted(meant, key=len, reverse=True)))
        told = re.compile(rf"(?<![\d.])(?:{wrongs})(?![\d]|\.\d)")
        fixed[:i] = [told.sub(partial(_meant, meant), earlier) for earlier in fixed[:i]]
    return fixed


def _meant(meant: dict[str, str], found: re.Match[str]) -> str:
    return meant[found.group()]


def _relative_then_theirs(readings: Sequence[Reading]) -> bool:
    """A relative named in one turn ("writing for my dad, he's 77") and back pain told of "he"
    or "she" in a later one ("he's had new back pain since Sunday"): the pain is theirs."""
    named = [i for i, r in enumerate(readings) if r.names_another]
    return bool(named) and any(r.pain_told_of_another for r in readings[named[0] + 1 :])


def _holds(status: str, someone_else: bool) -> bool:
    """Affirmed findings hold; one told of a child holds only while the conversation is about
    that child, and one told of an adult relative only while it is about that person's pain."""
    return status in ("affirmed", "child") or (status == "family" and someone_else)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{'; '.join(items[:-1])}; and {items[-1]}"
