"""A short reply to the assistant's own question, read as what it affirms: "1 and 3", "b. since
friday", "yes the bowel one" or "both" mean the options or the question they answer, in the
writer's own voice, so triage reads "yes most nights" after "does the pain wake him at night?"
as the night pain it is. A denial, a question back or an answer to something else affirms
nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from assistant.lists import label_rank, list_markers
from assistant.text import STOPWORDS

MAX_REPLY_WORDS = 25  # a longer message tells its own story
_WORDS = re.compile(r"[a-z0-9']+")
_DENIAL = re.compile(r"^\W*(?:no|nope|nah|none|neither|nothing|never|not really|not at all)\b")
_EXCEPT = re.compile(r"\b(?:except|apart from|other than|but|only)\b(?P<rest>.*)")
_AFFIRM = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|yh|yea|ya|aye|correct|definitely|absolutely|sure|true|right|"
    r"both|all of (?:them|those|these)|sometimes|a bit|a little|kind of|sort of|i do|i have|"
    r"it does|it did|it is|he does|she does|he has|she has|they do|he is|she is)\b"
)
_ALL = re.compile(
    r"\b(?:all|every one|each) (?:of )?(?:them|those|these|three|four|five)\b|\bboth\b"
)
# A label picked: "2", "b.", "no. 3", standing alone, joined by "and", "&", "," or "+".
_LABEL = re.compile(
    r"(?:^|(?<=[\s,&+/(]))(?:no\.?\s*|number\s+|option\s+)?(?P<label>[a-h]|[1-9])\)?"
    r"(?=\s*(?:$|[,.&+/)]|and\b|or\b|\bsince\b|\bfrom\b|\bfor\b))"
)
MAX_PICKING_WORDS = 8  # "yes the bowel one": longer, a message tells more than which option
# A question back ("what do you mean by weakness"), or an option that is someone else's.
_ASKS_BACK = re.compile(
    r"^\W*(?:what|whats|how|why|which|when|where|who|do you|does|sorry what|meaning|define)\b"
)
_NOT_THEIRS = re.compile(r"\bnot (?:me|mine|for me|about me|my)\b|\bsomeone else")
# What the reply itself denies ("no numbness"): an option or question about it is not affirmed.
_NEGATED = re.compile(r"\b(?:no|not|never|without|nothing|n't)\s+(?P<words>(?:\w+\s*){1,2})")
_CLAUSES = re.compile(r",?\s+and\s+(?=(?:do|does|did|have|has|is|are|any)\b)")
# A choice between answers ("one leg or both?") is not answered by "yes".
_CHOICE = re.compile(r"\bor (?:both|just|only|not|either|neither|none)\b")
# An either-or question's alternatives, and the reply's first clause that names one.
# ("bladder or bowels" is one alternative: a bare "or" splits only before a clause or "both").
_ALTERNATIVES = re.compile(
    r",\s+or\s+|\s+or\s+(?=(?:both|is|are|does|do|has|have|it|they|just|only)\b)",
    re.IGNORECASE,
)
_FIRST_CLAUSE = re.compile(r"[.,;!\n]")
_BOTH = re.compile(r"\bboth\b")
_SUBJECT = re.compile(r"(?:(?:the|your|this|that|these|those|his|her|their)\s+)?[a-z]+", re.I)
_PRONOUN = re.compile(r"^(?:it|they|he|she|you)\s+", re.IGNORECASE)
# The first alternative's own last phrase, which a bare later one stands in for ("one leg").
_LAST_PHRASE = re.compile(r"\b(?:one|a|an|the|your|my|this|that|either)\s+\w+\s*$", re.I)
# Words every back-pain option or story shares: they pick no option.
_UNTELLING = frozenset(
    {
        "back",
        "pain",
        "painful",
        "sore",
        "ache",
        "aching",
        "hurt",
        "hurts",
        "lower",
        "severe",
        "new",
        "recent",
    }
)
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3}
_ORDINAL = re.compile(r"\b(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)\b")
# A reply opening with a number, after a pronoun or "about" at most: "79,", "she's 7", "38.8".
_NUMBER = re.compile(
    r"^\W*(?:(?:i'?m|im|i am|he'?s|she'?s|he is|she is|they'?re|about|around|roughly|just)\s+)?"
    r"(?P<n>\d{1,3}(?:\.\d)?)(?!\s*(?:%|/|kg|lb|st|days?|weeks?|wks?|months?|years? ago))\b"
)
_HOW_OLD = re.compile(
    r"\bhow old (?:(?:are|is) (?P<who>(?:your|the) \w+|(?:you|he|she|they)\b)|"
    r"(?P<told>(?:your|the) \w+|you|he|she|they) (?:are|is)\b)",
    re.IGNORECASE,
)
# Someone else's temperature ("how high is it, and is he drinking?") is told by the story it
# belongs to, which says whose it is; a bare number would read as the writer's.
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|they|them|their)\b", re.IGNORECASE)
_TEMPERATURE = re.compile(r"\b(?:temp|temperature|fever|thermometer)\b", re.IGNORECASE)
_QUESTION = re.compile(r"[^.?!:]*\?")
_BULLET = re.compile(r"^[ \t]*[-*\u2022\u2013][ \t]+(?P<item>\S.*)$", re.MULTILINE)
_OFFERED = re.compile(r"\bany of (?:these|the following)\s*:\s*(?P<items>[^.]*)", re.IGNORECASE)
_LEADING_AUXILIARY = re.compile(
    r"^\s*(?:and\s+|so\s+|also\s+)?(?:is there|are there|has there been|have there been|"
    r"do|does|did|have|has|had|is|are|was|were|can|could|will|would)\s+",
    re.IGNORECASE,
)
_SECOND_PERSON = {
    "you": "I", "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm",
    "you've": "I've", "you'd": "I'd",
}  # fmt: skip
_PERSON = re.compile(r"\b(?:" + "|".join(map(re.escape, _SECOND_PERSON)) + r")\b", re.IGNORECASE)


class Said(Protocol):
    """A turn of the conversation."""

    @property
    def role(self) -> str: ...

    @property
    def content(self) -> str: ...


def user_turns(history: Sequence[Said], question: str) -> list[str]:
    """The user's turns, oldest first, each reply to an assistant's question told after what
    it affirms (first, so nothing the reply names, "the cat", is taken for whom it is about)."""
    turns = [*((t.role, t.content) for t in history), ("user", question)]
    told: list[str] = []
    for i, (role, content) in enumerate(turns):
        if role != "user":
            continue
        asked = turns[i - 1][1] if i and turns[i - 1][0] == "assistant" else ""
        meant = affirmed(asked, content) if asked else ""
        told.append(f"{meant}. {content}" if meant else content)
    return told


def affirmed(asked: str, reply: str) -> str:
    """What `reply` affirms of `asked` (the assistant's turn before it), as the writer's own
    statements; empty when it affirms nothing."""
    said = " ".join(reply.lower().split())
    words = _WORDS.findall(said)
    if not words or "?" in reply or len(words) > MAX_REPLY_WORDS:
        return ""
    if _ASKS_BACK.match(said) or _NOT_THEIRS.search(said):
        return ""
    options = _options(asked)
    if _DENIAL.match(said):
        kept = _EXCEPT.search(said)
        if not kept or not options:
            return ""
        said = kept["rest"]
    if options:
        meant = [_own_voice(options[i]) for i in _picked(said, options)]
    else:
        questions = [q.strip() for q in _QUESTION.findall(asked)]
        measured = _measured(questions, said)
        chosen = _chosen(questions[-1], said) if questions and not measured else ""
        if measured or chosen or not questions or not _AFFIRM.match(said):
            return measured or chosen
        clauses = [c for c in _CLAUSES.split(questions[-1]) if not _CHOICE.search(c)]
        meant = [_own_voice(_statement(c)) for c in clauses]
    denied = {w[:4] for found in _NEGATED.finditer(said) for w in found["words"].split()}
    return ". ".join(m for m in meant if not denied & _stems(m))


def _chosen(question: str, said: str) -> str:
    """The later alternative of an either-or question that the reply's first words name, told
    of the question's subject ("spreading" after "is the numbness staying the same, or is it
    spreading?" -> "the numbness spreading"; "both now" after "does the pain go into one leg, or
    both?" -> "the pain go into both"); empty when the reply names none, or only the first."""
    alternatives = _ALTERNATIVES.split(question.rstrip("?"))
    if len(alternatives) < 2:
        return ""
    head = _naming(_FIRST_CLAUSE.split(said, maxsplit=1)[0])
    named = [alternative for alternative in alternatives[1:] if head & _naming(alternative)]
    opening = _LEADING_AUXILIARY.sub("", alternatives[0])
    subject = _SUBJECT.match(opening)
    if not named or not subject:
        return ""
    told = []
    for alternative in named:
        clause = _LEADING_AUXILIARY.sub("", alternative)
        if _PRONOUN.match(clause):
            told.append(f"{subject.group()} {_PRONOUN.sub('', clause)}")
        elif _LAST_PHRASE.search(opening):
            told.append(_LAST_PHRASE.sub(clause, opening))
        else:
            told.append(f"{subject.group()} {clause}")
    return _own_voice(". ".join(told))


def _statement(question: str) -> str:
    """A yes-no question told as what "yes" affirms: "Has there been any change in feeling
    around your bottom?" -> "change in feeling around your bottom"."""
    told = _LEADING_AUXILIARY.sub("", question.rstrip("?"))
    return re.sub(r"^(?:you\s+)?(?:had\s+|noticed\s+|got\s+)?any\s+", "", told, flags=re.IGNORECASE)


def _measured(questions: list[str], said: str) -> str:
    """A number answering "how old...?" or a question about the temperature, told as what it
    measures ("79, just bent down" -> "I am 79 years old")."""
    number = _NUMBER.match(said)
    if not number:
        return ""
    for question in questions:
        aged = _HOW_OLD.search(question)
        if aged:
            who = _own_voice(aged["who"] or aged["told"])
            if who.lower() == "i":
                return f"I am {number['n']} years old"
            return f"{who} is {number['n']} years old"
        if _TEMPERATURE.search(question) and not _THIRD_PERSON.search(question):
            return f"my temperature {number['n']}"
    return ""


def _options(asked: str) -> list[str]:
    """The options the turn offered: a numbered or lettered list, a list of lines opening with
    a bullet ("- ...", "• ..."), or the items of "any of these: a; b; c"."""
    markers = list_markers(asked)
    if markers:
        bounds = [*(m.start for m in markers[1:]), len(asked)]
        return [_option(asked[m.end : end]) for m, end in zip(markers, bounds, strict=True)]
    bullets = [b["item"] for b in _BULLET.finditer(asked)]
    if len(bullets) > 1:
        return [_option(b) for b in bullets]
    offered = _OFFERED.search(asked)
    if offered:
        items = offered["items"].split(";")
        return [item.strip() for item in items if item.strip()] if len(items) > 1 else []
    return []


def _option(text: str) -> str:
    """An option's words, without what follows it in the turn ("? Reply with the numbers")."""
    return re.split(r"[?\n]|\.\s", text, maxsplit=1)[0].strip(" ,;.")


def _picked(said: str, options: list[str]) -> list[int]:
    """Which options the reply picks: by label ("1 and 3", "b."), by place ("the second one"),
    all of them, or by a word of one of them ("the bowel one")."""
    labels = _labels(said)
    if labels:
        return [i for i in labels if i < len(options)]
    nth = _ORDINAL.search(said)
    if nth:
        place = nth["nth"]
        return [len(options) - 1 if place == "last" else _ORDINALS.get(place, 3)]
    if _ALL.search(said):
        return list(range(len(options)))
    if len(_WORDS.findall(said)) > MAX_PICKING_WORDS:
        return []
    words = _stems(said)
    return [i for i, option in enumerate(options) if words & _stems(option)]


def _naming(text: str) -> set[str]:
    """The words that can name an alternative: the telling stems, and "both", which is a
    stopword but names the alternative "or both"."""
    return _stems(text) | set(_BOTH.findall(text.lower()))


def _stems(text: str) -> set[str]:
    """The telling words of a text, cut to four letters ("bowels" and "bowel" alike)."""
    return {
        w[:4]
        for w in _WORDS.findall(text.lower())
        if w not in STOPWORDS and w not in _UNTELLING and len(w) > 2
    }


def _labels(said: str) -> list[int]:
    """The options picked by label at the reply's head: one style, before anything else."""
    found = list(_LABEL.finditer(said))
    if not found or found[0].start() > len("yes ticked number "):
        return []
    ranks = [label_rank(f["label"]) for f in found]
    style = ranks[0][0]
    return sorted({rank for kind, rank in ranks if kind == style})


def _own_voice(text: str) -> str:
    """The assistant's words as the writer's: "your bladder" -> "my bladder"."""
    return _PERSON.sub(lambda m: _SECOND_PERSON[m.group().lower()], text).strip()
