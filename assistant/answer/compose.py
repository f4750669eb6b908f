"""Composing an extractive answer by the question's form: the sentence that answers comes
first, a comparison gets both sides, a several-part question one sentence per part, a case
story the condition it matches; a learned model (lead.py) then picks which of them leads.
Every sentence stays verbatim and cited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer.coverage import MAIN
from assistant.answer.extractive import (
    ExtractiveAnswerer,
    Query,
    Selected,
    answer_order,
    blend,
    continued,
)
from assistant.answer.forms import Plan, QuestionForms
from assistant.answer.lead import LeadQuestion, LeadRanker
from assistant.answer.question_types import QuestionType
from assistant.answer.roles import SentenceRoles
from assistant.answer.sentences import SentenceBank
from assistant.corpus.pictures import ConditionPicture
from assistant.retrieval.retriever import HybridRetriever
from assistant.schema import SYNTHESIS, Passage
from assistant.settings import RetrievalMode, Settings
from assistant.text import plain_words, split_sentences

FINDING_PASSAGES = 5  # passages per finding of a case story whose sentences may match it
NAMED_PAPER_RELEVANCE = 0.1  # similarity enough for a part answered from a paper it names
FINDING_MATCH = 0.3  # similarity a finding must pass to count towards a sentence or picture
# What a story naming a condition outright ("my SIJ pain was confirmed on blocks") adds to that
# condition's fit: more than any telling of findings can.
NAMED_CONDITION = 1.0
# Characters of a part or side (with the question read around it) that are embedded: the part
# comes first, so an ordinary question is embedded whole and a long one costs no more.
PART_CHARS = 160
# What a case story's asks may want from the pictured condition's papers beyond its name, and
# what it is always given (question_types.yaml names).
STORY_KINDS = ("diagnosis", "treatment", "cause", "population", "outcome")
STORY_ALWAYS = ("diagnosis",)
# Tokens of a part or side, synonyms expanded, the encoder reads: expansion can triple a
# string of test names, and a question's parts or sides are embedded in one batch.
PART_TOKENS = 64


@dataclass(frozen=True)
class _Search:
    """How a part or side is searched: the retriever's mode, and what the conversation
    already said (plain words), which is not given again while another sentence fits."""

    mode: RetrievalMode | None
    said: str = ""


class Composer:
    """Chooses an answer's sentences for the question's form."""

    def __init__(
        self,
        answerer: ExtractiveAnswerer,
        retriever: HybridRetriever,
        bank: SentenceBank,
        *,
        forms: QuestionForms,
        roles: SentenceRoles,
        lead: LeadRanker,
        settings: Settings,
        pictures: Sequence[ConditionPicture] = (),
    ) -> None:
        self._answerer = answerer
        self._retriever = retriever
        self._bank = bank
        self._forms = forms
        self._roles = roles
        self.lead = lead
        self._settings = settings
        self._pictures = tuple(pictures)
        self._picture_vectors: np.ndarray | None = None
        # which picture each of the pictures' findings (rows of _picture_vectors) belongs to
        self._picture_of = np.repeat(
            np.arange(len(self._pictures)), [len(p.findings) for p in self._pictures]
        )

    def compose(
        self,
        question: str,
        query: Query,
        passages: Sequence[Passage],
        *,
        mode: RetrievalMode | None = None,
        shown: str = "",
        story: str = "",
    ) -> list[Selected]:
        """The chosen sentences in answer order, the direct answer first; empty when no
        sentence is close enough in meaning to the question. A sentence an earlier reply in the
        conversation already gave (`shown`, as the surface kept it: markers, punctuation and
        case do not matter) is not given again while another answers: "and how is it
        treated?" gets treatments, not the causes again. `story` is the question with
        what the patient does not have left out ("no fever"), which a case story's
        differential is matched on."""
        plan = self._forms.plan(question)
        focus = self._forms.without_domain(question)
        if focus != question:
            query = Query(query.text, query.vector, blend(self._bank.embed(focus), query.focus))
        if plan.form == "vignette" and story:
            plan = replace(plan, findings=self._forms.findings(story))
        adjust = self._adjustment(question, plan)
        scored = self._answerer.candidates(query, passages, adjust)
        candidates = self._answering(question, plan, scored)
        said = plain_words(shown)
        # a question on the methods of a paper it names ("How many patients did the Orita study
        # enrol?") is retrieved from that paper alone, so its short ask need only point the way
        # to the methods sentence, which shares little meaning with it
        names_paper = self._retriever.unnamed(question) != question
        methods = names_paper and self._roles.asks_about_methods(question)
        floor = NAMED_PAPER_RELEVANCE if methods else None
        fresh = [c for c in candidates if plain_words(c.sentence) not in said]
        if any(self._answerer.relevant(c, floor) for c in fresh):
            candidates = fresh
        # A case story close only to a case report's own description of its patient is still
        # answered from that paper (its description matches; it does not lead). So is any
        # question whose only close sentence describes a case ("had a few iron drips, now my
        # back hurts and I can hardly get about: could the drips have done this?"): it tells
        # that patient's story.
        answers = any(self._answerer.relevant(c, floor) for c in candidates)
        told = any(self._answerer.relevant(c, floor) for c in scored)
        if plan.form in ("open", "yes_no", "multi_part") and told and not answers:
            findings = self._forms.findings(story or question)
            plan = Plan("vignette", plan.parts or (question,), findings=findings)
        if not answers and not (plan.form == "vignette" and told):
            named = self._naming(plan.subject, query, _Search(mode, said))
            return [named] if plan.form == "definition" and named else []
        picks = self._picks(plan, query, candidates, scored, _Search(mode, said), floor=floor)
        chosen = self._answerer.fill(candidates, picks)
        pool = scored + [p for p in picks if p not in scored]
        ordered = answer_order(chosen, max(len(picks), 1), pool)
        if self._defined(plan, picks):
            # a sentence saying what the subject is answers "what is X?" before anything
            # else, told on by the sentence after it when that one goes on about it
            ordered = continued(ordered, pool)
        elif len(ordered) > 1:
            ask = plan.parts[0] if plan.parts else self._forms.asking(question)
            lead = LeadQuestion(question, plan.form, plan.subject, query, self._embedded([ask])[0])
            ordered = self.lead.order(lead, ordered)
        return self._with_required(question, plan, ordered, scored)

    def _defined(self, plan: Plan, picks: list[Selected]) -> bool:
        return (
            plan.form == "definition"
            and bool(picks)
            and self._roles.defines_whole(picks[0].sentence, plan.subject)
        )

    def _with_required(
        self, question: str, plan: Plan, ordered: list[Selected], scored: list[Selected]
    ) -> list[Selected]:
        """A question of a strict type ("will it get better?", "how soon after...?") gets,
        among its main sentences, the best relevant sentence of a paper the answer already
        draws on giving what that type needs (an outcome, a duration) when none of them does;
        without one, the evidence check says the corpus has no such answer."""
        several = plan.form == "multi_part"
        main = [c.sentence for c in (ordered if several else ordered[:MAIN])]
        types = self._answerer.types
        papers = {c.passage.chunk.doc_id for c in ordered}
        for kind in types.unmet_types(question, main):
            found = next(
                (
                    c
                    for c in scored
                    if self._answerer.relevant(c)
                    and c.passage.chunk.doc_id in papers
                    and types.meets(kind, c.sentence)
                    and not self._answerer.repeats(c, ordered)
                ),
                None,
            )
            if found is not None:
                at = len(ordered) if several else min(1, len(ordered))
                ordered = [*ordered[:at], found, *ordered[at:]]
        return ordered

    def _answering(self, question: str, plan: Plan, candidates: list[Selected]) -> list[Selected]:
        """Sentences about a study's methods answer only a question about the study, or one
        asking what a thing is when they say it ("..., an iron preparation"); they still come
        along before a chosen sentence that refers back to them."""
        if self._roles.asks_about_methods(question):
            return candidates
        return [
            c
            for c in candidates
            if not self._roles.is_method(c.sentence)
            or (plan.form == "definition" and self._roles.defines(c.sentence, plan.subject))
        ]

    def _adjustment(self, question: str, plan: Plan) -> Callable[[str], float]:
        """What a sentence's role is worth for this question: a comparison, a definition or a
        named condition answers the form that asks for it; naming the key one answers
        "which scan...?"."""
        weight = self._settings.role_weight
        roles = self._roles
        wants_one = roles.asks_for_one(question)

        def adjust(sentence: str) -> float:
            score = weight if wants_one and roles.singles_out(sentence) else 0.0
            if plan.form == "comparison" and roles.compares(sentence):
                return score + weight
            if plan.form == "definition" and roles.defines(sentence, plan.subject):
                return score + weight
            if plan.form == "vignette" and roles.names_condition(sentence):
                return score + weight
            return score

        return adjust

    def _picks(
        self,
        plan: Plan,
        query: Query,
        candidates: list[Selected],
        scored: list[Selected],
        search: _Search,
        *,
        floor: float | None = None,
    ) -> list[Selected]:
        """The sentences that lead, in order (see `_compare`, `_each_part`, `_story`); for a
        definition, the best sentence saying what the subject is, retrieved for the subject;
        for other forms, the best sentence. `floor` is how close a sentence must be."""
        relevant = [c for c in candidates if self._answerer.relevant(c, floor)]
        if plan.form == "comparison":
            return self._compare(plan, query, relevant, search)
        if plan.form == "multi_part":
            parts = tuple(self._on_topic(part, plan.parts[0]) for part in plan.parts)
            picks = self._each_part(parts, [], search)
            return picks or [self._answerer.lead(query.text, relevant)]
        if plan.form == "vignette":
            return self._story(plan, query, relevant, scored, search)
        if plan.form == "definition":
            subject = plan.subject

            def defines(sentence: str) -> bool:
                return self._roles.defines(sentence, subject)

            def defines_whole(sentence: str) -> bool:
                return self._roles.defines_whole(sentence, subject)

            # what the whole subject is, before what a part of it is
            found = self._best_for(
                subject, query, [], search, defines_whole, wide=True
            ) or self._best_for(subject, query, [], search, defines, wide=True)
            lead = self._answerer.lead(query.text, relevant)
            return [found or self._naming(subject, query, search, lead) or lead]
        return [self._answerer.lead(query.text, relevant)]

    def _on_topic(self, part: str, first: str) -> str:
        """A later part read with the first ("could it become cancer (I have an osteochondroma,
        how common are they)") is read with what the first names instead, a condition before
        anatomy ("(osteochondroma)", not "(osteochondroma iliac crest)"), so the first part's
        own ask does not pull its sentence back."""
        context = f" ({first})"
        named = self._roles.conditions_in(first) or self._roles.subjects_in(first)
        if not part.endswith(context) or not named:
            return part
        return f"{part.removesuffix(context)} ({' '.join(named)})"

    def _naming(
        self, subject: str, query: Query, search: _Search, lead: Selected | None = None
    ) -> Selected | None:
        """For a definition no sentence gives, `lead` if it names the subject, else the best
        sentence that does ("surgical release of the nerve (neurolysis)"), even when it is not
        close in meaning to the short question: it tells more than one that only sounds like
        it ("neuropathic")."""
        named = set(self._answerer.terms(subject))
        if not named:
            return None

        def names(sentence: str) -> bool:
            return bool(named & set(self._answerer.terms(sentence)))

        if lead is not None and names(lead.sentence):
            return lead
        return self._best_for(
            subject, query, [], search, names, wide=True, floor=NAMED_PAPER_RELEVANCE
        )

    def _embedded(self, texts: list[str]) -> np.ndarray:
        """The texts as `_best_for` embeds them (without a paper's name), in one encoder call,
        each cut to PART_CHARS at a word: a question's parts or sides cost one short batch,
        however long the question they are read with."""
        texts = [_cut(self._retriever.unnamed(t)) for t in texts]
        return self._bank.embed_all(texts, max_tokens=PART_TOKENS)

    def _compare(
        self, plan: Plan, query: Query, relevant: list[Selected], search: _Search
    ) -> list[Selected]:
        """The best sentence that compares (retrieved for the comparison itself; a study's
        methods do not count) if it is about both sides, read with the sentence before it
        ("No studies had compared these treatments" after a list of them); then the best
        sentence naming each side, each side retrieved on its own; with no comparing
        sentence, the better-fitting side leads."""
        roles = self._roles

        def compares(sentence: str) -> bool:
            return roles.compares(sentence) and not roles.is_method(sentence)

        asks = [f"{query.text} compared", *(f"{side} {query.text}" for side in plan.parts)]
        own = self._embedded(asks)
        statement = self._best_for(asks[0], query, [], search, compares, own=own[0])
        picks = [statement] if statement and self._about_all(statement, plan.parts) else []
        sides: list[Selected] = []
        for side, ask, vector in zip(plan.parts, asks[1:], own[1:], strict=True):
            terms = set(self._answerer.terms(side))

            def names_side(sentence: str, terms: set[str] = terms) -> bool:
                return bool(terms & set(self._answerer.terms(sentence)))

            found = self._best_for(ask, query, picks + sides, search, names_side, own=vector)
            sides += [found] if found else []
        if not picks:
            sides.sort(key=lambda c: -c.score)
        return picks + sides or [relevant[0]]

    def _about_all(self, selected: Selected, sides: tuple[str, ...]) -> bool:
        """Whether the sentence, with the one before it in its document, names every side."""
        said = set(self._answerer.terms(f"{self._before(selected)} {selected.sentence}"))
        return all(said & set(self._answerer.terms(side)) for side in sides)

    def _before(self, selected: Selected) -> str:
        """The sentence before this one in its document ("" for the first)."""
        if selected.position > 0:
            return split_sentences(selected.passage.chunk.text)[selected.position - 1]
        chunk = selected.passage.chunk
        chunks = [p.chunk for p in self._retriever.document(chunk.doc_id)]
        ids = [c.chunk_id for c in chunks]
        at = ids.index(chunk.chunk_id) if chunk.chunk_id in ids else 0
        return split_sentences(chunks[at - 1].text)[-1] if at > 0 else ""

    def _each_part(
        self,
        parts: tuple[str, ...],
        picks: list[Selected],
        search: _Search,
        papers: Sequence[Passage] = (),
    ) -> list[Selected]:
        """The best new sentence for each part, in the question's order: from `papers` when
        one of them fits (a pictured condition's: the best of them not yet given, since the
        sentence naming the condition often touches every ask, "imaging showed an
        osteochondroma", and would leave "which scan?" without its own), else from passages
        retrieved for it."""
        for part, vector in zip(parts, self._embedded(list(parts)), strict=True):
            found = (
                self._best_in(part, vector, papers, picks, search, unsaid=True) if papers else None
            )
            found = found or self._best_for(part, None, picks, search, own=vector)
            picks = [*picks, found] if found else picks
        return picks

    def _story(
        self,
        plan: Plan,
        query: Query,
        relevant: list[Selected],
        scored: list[Selected],
        search: _Search,
    ) -> list[Selected]:
        """The best sentence naming the condition whose picture (corpus/conditions.yaml) the
        story fits best, from that condition's papers; with no picture fitting, from the paper
        whose sentences describe the story best (a case report's description counts for
        matching, though it does not lead). Then for each further ask ("how do I confirm
        it?") the best sentence about that condition."""
        match = next(c for c in scored if self._answerer.relevant(c))
        told = self._bank.embed_all(list(plan.findings)) if plan.findings else None
        pictured = self._matching_condition(plan.findings, told, query.text)
        doc_ids = pictured or (
            self._matching_paper(plan.findings, told, search.mode) or match.passage.chunk.doc_id,
        )
        papers = [p for doc_id in doc_ids for p in self._retriever.document(doc_id)]
        found = self._answerer.candidates(query, papers)
        own = self._answering(query.text, self._forms.plan(query.text), found)
        naming = [c for c in own if self._roles.names_condition(c.sentence)]
        naming = naming or [c for c in relevant if self._roles.names_condition(c.sentence)]
        # with no sentence naming a condition, the best relevant one; with none (a story close
        # only to a case report's description), the paper's best that is no method, or else
        # the description itself
        fallback = relevant or [max(own or [match], key=lambda c: c.score)]
        lead = max(naming, key=lambda c: c.score) if naming else fallback[0]
        # "how do I confirm it?" is asked of the condition the lead names, not of the story
        # "it" was read with
        story = f" ({plan.parts[0]})" if plan.parts else ""
        condition = " ".join(self._roles.conditions_in(lead.sentence)) or lead.sentence
        asks = tuple(f"{part.removesuffix(story)} {condition}" for part in plan.parts[1:])
        # a further ask of a pictured condition is answered from its papers when they can
        picks = self._each_part(asks, [lead], search, papers if pictured else ())
        return self._kinds_asked(query.text, condition, picks, papers, search)

    def _kinds_asked(
        self,
        question: str,
        condition: str,
        picks: list[Selected],
        papers: Sequence[Passage],
        search: _Search,
    ) -> list[Selected]:
        """A case story's asks often want a kind of answer in words no part break separates
        ("likely dx and best way to confirm?", "what could it be, and what helps?"): for each
        kind asked (STORY_KINDS) that no sentence after the naming one gives, the best sentence
        of the matched condition's papers that gives it. How the condition is confirmed
        (STORY_ALWAYS) is given even unasked, as a clinician answers a case, and is searched
        for as the type's own ask of the condition: "what could it be?" says nothing of it."""
        types = self._answerer.types
        ask = self._forms.asking(question)
        asked = [k for k in types.of(ask) if k.name in STORY_KINDS]
        kinds = asked + [k for k in types.named(STORY_ALWAYS) if k not in asked]
        texts = [
            f"{ask} {condition}" if k in asked else k.ask.format(subject=condition) for k in kinds
        ]
        vectors = self._embedded(texts)  # one encoder call for every kind
        for kind, text, vector in zip(kinds, texts, vectors, strict=True):
            if any(types.offers(c.sentence, [kind]) for c in picks[1:]):
                continue

            def gives(sentence: str, kind: QuestionType = kind) -> bool:
                return types.offers(sentence, [kind])

            found = self._best_in(text, vector, papers, picks, search, wanted=gives, unsaid=True)
            picks = [*picks, found] if found else picks
        return picks

    def _best_in(
        self,
        text: str,
        vector: np.ndarray,
        passages: Sequence[Passage],
        picked: list[Selected],
        search: _Search,
        *,
        wanted: Callable[[str], bool] | None = None,
        floor: float | None = None,
        unsaid: bool = False,
    ) -> Selected | None:
        """The best new sentence of `passages` for one ask, scored for the ask's own form
        (see `_best_for`); None when none fits or the best was already picked (with `unsaid`,
        the best of those not yet picked)."""
        plan = self._forms.plan(text)
        scored = self._answerer.candidates(
            Query(text, vector, vector), passages, self._adjustment(text, plan)
        )
        fitting = [
            c
            for c in self._answering(text, plan, scored)
            if self._answerer.relevant(c, floor) and (wanted is None or wanted(c.sentence))
        ]
        fresh = [c for c in fitting if plain_words(c.sentence) not in search.said]
        fitting = fresh or fitting
        if unsaid:
            fitting = [c for c in fitting if not self._answerer.repeats(c, picked)]
        if not fitting:
            return None
        best = self._answerer.lead(text, fitting)
        return None if self._answerer.repeats(best, picked) else best

    def _matching_condition(
        self, findings: tuple[str, ...], vectors: np.ndarray | None, story: str
    ) -> tuple[str, ...]:
        """The papers of the condition (corpus/conditions.yaml) whose picture a case story's
        findings fit best: each finding counts by how far its similarity to the picture's
        closest finding passes FINDING_MATCH, a more telling finding counting more, and a
        condition the story names outright counts NAMED_CONDITION more. Empty when no picture
        fits (the paper whose sentences fit best is then used)."""
        if not self._pictures or vectors is None:
            return ()
        if self._picture_vectors is None:
            told = [f for picture in self._pictures for f in picture.findings]
            self._picture_vectors = self._bank.embed_all(told)
        weights = np.array([self._answerer.specificity(f) for f in findings])
        similarity = vectors @ self._picture_vectors.T
        named = set(self._roles.conditions_in(story)) | set(self._roles.subjects_in(story))
        fits = []
        for i, picture in enumerate(self._pictures):
            closest = similarity[:, self._picture_of == i].max(axis=1)
            fit = float((np.clip(closest - FINDING_MATCH, 0.0, None) * weights).sum())
            fits.append(fit + NAMED_CONDITION * bool(named & set(picture.names)))
        best = int(np.argmax(fits))
        return self._pictures[best].doc_ids if fits[best] > 0 else ()

    def _matching_paper(
        self, findings: tuple[str, ...], vectors: np.ndarray | None, mode: RetrievalMode | None
    ) -> str:
        """The paper (not the synthesis, which touches every condition) with the sentence
        that describes most of a case story's findings: each finding counts by how far its
        similarity to the sentence passes FINDING_MATCH, a more telling finding counting more.
        The picture that fits the whole story, not its loudest or commonest detail ("points
        to the PSIS" and "nothing above L5" are one sentence about the sacroiliac joint).
        Empty if none. `vectors` are the findings' embeddings."""
        if vectors is None:
            return ""
        sentences: dict[str, str] = {}
        for finding, vector in zip(findings, vectors, strict=True):
            passages = self._retriever.retrieve(finding, [float(x) for x in vector], mode)
            for passage in passages[:FINDING_PASSAGES]:
                if passage.chunk.ref != SYNTHESIS:
                    for sentence in split_sentences(passage.chunk.text):
                        sentences[sentence] = passage.chunk.doc_id
        if not sentences:
            return ""
        weights = np.array([self._answerer.specificity(f) for f in findings])
        similarity = self._bank.vectors(list(sentences)) @ vectors.T
        fit = (np.clip(similarity - FINDING_MATCH, 0.0, None) * weights).sum(axis=1)
        return list(sentences.values())[int(fit.argmax())]

    def _best_for(
        self,
        text: str,
        query: Query | None,
        picked: list[Selected],
        search: _Search,
        wanted: Callable[[str], bool] | None = None,
        *,
        wide: bool = False,
        floor: float | None = None,
        own: np.ndarray | None = None,
    ) -> Selected | None:
        """The best sentence for one part or side, from passages retrieved for it alone (read
        with the whole question's meaning when `query` is given), scored for the part's own
        form; `wanted` narrows what counts (a side's sentence must name the side), `floor` how
        close in meaning a sentence must be (the min_relevance setting by default); `own` is
        the text's embedding when the caller embedded it with others in one call. None when
        nothing fits, or when a sentence already picked is the best answer to it too."""
        unnamed = self._retriever.unnamed(text)
        # A part about a paper the question names ("Orita 2016: n?") is searched in that paper
        # alone, so its short ask need only point the way there.
        floor = NAMED_PAPER_RELEVANCE if unnamed != text else floor
        own = self._bank.embed(unnamed) if own is None else own
        vector = blend(own, query.vector) if query is not None else own
        passages = self._retriever.retrieve(
            text, [float(x) for x in vector], search.mode, wide=wide
        )
        return self._best_in(text, vector, passages, picked, search, wanted=wanted, floor=floor)


def _cut(text: str) -> str:
    """`text` cut to at most PART_CHARS characters, at a word."""
    return text if len(text) <= PART_CHARS else text[:PART_CHARS].rsplit(" ", 1)[0]
