"""Whether the chosen sentences answer what was asked, and if not, what they leave out.

Two tests. A strict question type (a dose, a duration) needs an answer of that type. And each
word the corpus never uses in the sentences that ask (not the story or the context around
them: "it's on my discharge letter") is weighed in the whole question: if removing it moves
the question noticeably (it matters) while the chosen sentences fit the question as well or
better without it (they are not about it), the evidence does not cover it: "Does acupuncture
help SI joint pain?"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.answer.extractive import Selected
from assistant.answer.forms import Plan, QuestionForms, own_words
from assistant.answer.question_types import QuestionTypes
from assistant.answer.sentences import SentenceBank
from assistant.answer.timepoints import asked_at, same_time, told_at
from assistant.retrieval.lexical import LexicalIndex
from assistant.safety.spelling import distance
from assistant.settings import Settings

_WORD = re.compile(r"\b[A-Za-z][A-Za-z_-]{2,}\b")
MAIN = 2  # the answer's main sentences: the first ones, which answer it
GAP_BUDGET = 640  # characters embedded in all to weigh unknown words; an ordinary one needs ~200
WINDOW = 120  # characters each side of an unknown word that give it its meaning
RARE_WORD = 1000  # English frequency (pyspellchecker's counts) below which a word is technical
# The few hundred commonest English words ("wrong", "worth", "help") say how something is
# asked, not what about: the corpus lacking one is no gap in the evidence.
COMMON_WORD = 400_000
# Units, verbs of duration and of accounting for, words relating two figures and a study's
# methods say how a figure is measured or compared, not what it is of ("how many months does it
# last?", "roughly how much of it does the joint explain?", "do the two reviews agree on the
# share?", "Orita 2016 methods: how many...").
UNITS = (
    "days weeks months years hours minutes percent percentage times number last lasts take "
    "roughly approximately about around explain explains account accounts share proportion "
    "fraction agree agrees agreement differ differs different difference apart similar vary "
    "varies consistent attribute attributes attributed attributable method methods"
)
RARE_WORD_MARGIN = 0.05  # how much closer a technical word must bring a sentence to count
TYPO_EDITS = 2  # a rare word this close to a corpus term is taken for a slip of it


class EvidenceCheck:
    """Names what a question asks that the selected evidence does not address."""

    def __init__(
        self,
        bank: SentenceBank,
        lexical: LexicalIndex,
        types: QuestionTypes,
        forms: QuestionForms,
        settings: Settings,
        *,
        frequency: Callable[[str], int],
        measures: Sequence[str] = (),
    ) -> None:
        self._bank = bank
        self._measures = " ".join(measures)
        self._frequency = frequency
        self._forms = forms
        self._lexical = lexical
        self._types = types
        self._settings = settings

    def not_covered(
        self, query: str, selected: Sequence[Selected], latest: str | None = None
    ) -> list[str]:
        """Empty when the sentences address the question; else what they leave out. A strict
        type is judged on the leading sentences, or on all of them when the question has
        several parts (each part leads its own sentence). For a follow-up, `query` joins the
        turns and `latest` is the newest one: only it can ask for a figure."""
        sentences = [s.sentence for s in selected]
        plan = self._forms.plan(query)
        main = sentences if plan.form == "multi_part" else sentences[:MAIN]
        missing = self._types.unmet(query, main)
        missing += self._figure_of_something_else(query, plan, main, latest)
        missing += self._unknown_subjects(plan)
        join = self._lexical.analyzer.join_phrases
        asked = self._forms.without_asks(join(query))
        asking = set(_WORD.findall(join(self._forms.asking(query))))
        words = self._unaddressed_words(asked, sentences, asking)
        return missing + [w for w in words if not any(w.lower() in m.split() for m in missing)]

    def _figure_of_something_else(
        self, query: str, plan: Plan, main: list[str], latest: str | None
    ) -> list[str]:
        """A figure asked for must be a figure of what was asked, and at the time asked ("at 1
        year" is not answered by "by 12 weeks"): when the main sentences' figures
        share none of the telling terms of the ask that wants a figure ("what proportion get
        relief after RFA?" answered with "32% screened positive for neuropathic pain"), the
        corpus has no such figure. The words asking for it ("how common") and cited authors'
        names do not tell what it is of, nor do the measures a figure can be ("prevalence") or
        the commonest English words ("are the numbers way apart?")."""
        pieces = plan.parts if plan.form == "multi_part" else (self._forms.asking(query),)
        asks = " ".join(p for p in pieces if self._types.wants_figure(own_words(p, pieces[0])))
        figures = [s for s in main if self._types.has_figure(s)]
        if latest is not None and not self._types.wants_figure(latest):
            return []
        if not asks or not figures:
            return []
        asked = asked_at(asks)
        if asked and not any(same_time(asked, told_at(s)) for s in figures):
            return ["a figure at that time"]
        lexical = self._lexical
        terms = lexical.analyzer.terms
        asking_words = set(terms(f"{self._types.figure_words(asks)} {UNITS} {self._measures}"))
        common = set(terms(self._common(asks)))
        telling = {
            t
            for t in terms(asks)
            if t not in asking_words
            and t not in common
            and lexical.indexed(t)
            and lexical.weight(t) >= self._settings.figure_term_weight
        }
        if not telling or any(telling & set(terms(s)) for s in figures):
            return []
        return ["a figure for that"]

    def _unknown_subjects(self, plan: Plan) -> list[str]:
        """A comparison's side, or what a definition is asked about, that the corpus has no
        word of, nor a slip of one: the main ask itself is missing ("heat or ice?", "what is
        Gaenslen's test?"); one with no content word ("what is that for?", "...or what's
        wrong?") names nothing. Of what a yes-no question asks will help, its head word (the
        last English word that is no adverb: "memory foam mattress", "those SI belts actualy")
        is what the corpus must know."""
        words = [w for w in plan.helps.split() if self._frequency(w.lower()) and w[-2:] != "ly"]
        head = words[-1] if words else ""
        subjects = plan.parts if plan.form == "comparison" else (plan.subject, head)
        analyzer = self._lexical.analyzer
        return [
            subject
            for subject in subjects
            if analyzer.terms(self._uncommon(subject))
            and (terms := analyzer.terms(subject))
            and not any(
                self._lexical.knows(t) or self._lexical.near_known(t, TYPO_EDITS, distance)
                for t in terms
            )
        ]

    def _unaddressed_words(self, query: str, sentences: list[str], asking: set[str]) -> list[str]:
        """Each unknown word of the sentences that ask is weighed in the words around it (the
        whole of an ordinary question), rarest first, in one encoder call whose size is capped
        (GAP_BUDGET characters): a long question of unknown words costs a few short embeddings,
        not one long one each."""
        unknown = [
            w for w in dict.fromkeys(_WORD.findall(query)) if w in asking and self._unknown(w)
        ]
        if not unknown or not sentences:
            return []
        tokens = query.split()
        pairs: dict[str, tuple[str, str]] = {}
        budget = GAP_BUDGET
        for word in sorted(unknown, key=self._rarity):
            pair = _with_and_without(tokens, word)
            budget -= sum(len(text) for text in pair)
            if budget < 0:
                break
            pairs[word] = pair
        texts = list(dict.fromkeys(text for pair in pairs.values() for text in pair))
        vectors = dict(zip(texts, self._bank.embed_all(texts), strict=True))
        evidence = self._bank.vectors(sentences)
        missing = []
        for word, (around, without) in pairs.items():
            vector, blanked = vectors[around], vectors[without]
            matters = 1.0 - float(vector @ blanked) >= self._settings.gap_importance
            addressed = float(np.max(evidence @ vector - evidence @ blanked))
            barely = addressed <= RARE_WORD_MARGIN and self._technical(word)
            if matters and (addressed <= self._settings.gap_margin or barely):
                missing.append(word)
        return [w for w in unknown if w in missing]

    def _common(self, text: str) -> str:
        """Only the commonest English words of the text (COMMON_WORD)."""
        return self._words(text, common=True)

    def _uncommon(self, text: str) -> str:
        """The text without the commonest English words (COMMON_WORD)."""
        return self._words(text, common=False)

    def _words(self, text: str, *, common: bool) -> str:
        return " ".join(
            w for w in text.split() if (self._frequency(w.lower()) >= COMMON_WORD) == common
        )

    def _technical(self, word: str) -> bool:
        """A word everyday English rarely uses (a drug, a procedure, an eponym) that is not a
        slip of a word the corpus has: sentences that never name it cannot be about it, so
        it takes a clear shift in meaning, not a trace, for them to count as addressing it."""
        if self._frequency(word.lower()) >= RARE_WORD:
            return False
        terms = self._lexical.analyzer.terms(word)
        return not any(self._lexical.near_known(t, TYPO_EDITS, distance) for t in terms)

    def _rarity(self, word: str) -> int:
        return self._frequency(word.lower())

    def _unknown(self, word: str) -> bool:
        if self._frequency(word.lower()) >= COMMON_WORD or self._lexical.analyzer.in_phrase(word):
            return False
        terms = self._lexical.analyzer.terms(word)
        return bool(terms) and not any(self._lexical.knows(t) for t in terms)


def _with_and_without(tokens: list[str], word: str) -> tuple[str, str]:
    """The words around `word` (at most WINDOW characters each side), with it and with it
    blanked out."""
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    at = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start, end = at, at + 1
    while start > 0 and len(" ".join(tokens[start - 1 : at])) <= WINDOW:
        start -= 1
    while end < len(tokens) and len(" ".join(tokens[at + 1 : end + 1])) <= WINDOW:
        end += 1
    window = " ".join(tokens[start:end])
    return window, pattern.sub(" ", window)
