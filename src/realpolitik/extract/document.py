"""Coding one parsed document: its sentences, actor mentions and events, each sentence read with what
the document has said before it (recent states, unnamed rebels' country, the parties named so far).

`DocumentCoder.extract_parsed` is what every route ends in (the one-process batches, the parsing workers,
long documents in chunks); the batching and parsing around it live in `pipeline.py`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from typing import Any

from realpolitik.extract import ontology
from realpolitik.extract.actors import through_quantity
from realpolitik.extract.anaphora import (
    PERSONAL_PRONOUNS,
    STATE_PAIR_NOUNS,
    DocState,
    antecedent,
    main_two,
    previous_subject,
    subject_codes,
)
from realpolitik.extract.candidate import Candidate
from realpolitik.extract.classified import classified_events, rerank
from realpolitik.extract.context import Salience, complete_from_context, description
from realpolitik.extract.dates import ResolvedDate, find_dates, nearest_date, parse_pub_date
from realpolitik.extract.events import code_sentence
from realpolitik.extract.igos import igo_codes
from realpolitik.extract.lexicon import APPEAL_VERBS
from realpolitik.extract.text import normalise
from realpolitik.model import Actor, Document, EventRecord, Evidence, Extraction  # Extraction: re-exported

REBEL_SECTORS = frozenset({"REB", "INS"})
LOCATIVE_PREPS = frozenset({"in", "at", "across", "near", "outside", "inside", "throughout"})


#: CAMEO's "make an appeal or request" (root 02), for requests made by appeal verbs.
APPEAL_CAMEO = "020"


class DocumentCoder:
    """Codes parsed documents. The subclass (pipeline.Extractor) provides the spaCy pipeline and the actor
    look-ups: `nlp`, `classifier`, `_find_mentions`, `_resolve_token`, `_is_pair_anaphor`."""

    nlp: Any
    classifier: bool
    _find_mentions: Any
    _resolve_token: Any
    _is_pair_anaphor: Any
    _original: str = ""

    def extract_parsed(self, doc: Document, sdoc: Any, spans: list[tuple[int, int]] | None = None) -> Extraction:
        """Events of a parsed document. `spans` are the document's sentences when some were blanked
        before parsing; sentence numbers then count all sentences, parsed or not."""
        pub = parse_pub_date(doc.date)
        ex = Extraction(document=doc)
        state = DocState()
        salience = Salience()
        mentions_by_sent: dict[int, list[Actor]] = {}
        original = doc.text
        sents = [s for s in sdoc.sents if s.text.strip()]
        if spans is None:
            numbers = list(range(len(sents)))
            for s in sents:
                a, b = sentence_bounds(s)
                ex.sentences.append(Evidence(original[a:b], a, b))
        else:
            starts = [a for a, _b in spans]
            # a sentence's parse begins with the blanked text before it: number it by its first word
            numbers = [max(0, bisect_right(starts, sentence_bounds(s)[0]) - 1) for s in sents]
            ex.sentences.extend(Evidence(original[a:b], a, b) for a, b in spans)
        sent_index = {s.start: k for k, s in enumerate(sents)}
        self._original = original
        for m in self._find_mentions(sdoc, doc.date):
            actor = self._to_actor(m)
            k = sent_index.get(sdoc[sdoc.char_span(m.start, m.end, alignment_mode="expand").start].sent.start)
            if k is not None:
                mentions_by_sent.setdefault(k, []).append(actor)
        # sentences the prefilter blanked still name parties the story is about ("Mali quarrelled with ECOWAS")
        unparsed = deque(self._unparsed_parties(original, spans, set(numbers))) if spans is not None else deque()
        for k, s in enumerate(sents):
            while unparsed and unparsed[0].start < sentence_bounds(s)[0]:
                salience.note(unparsed.popleft())
            salience.sentence = numbers[k]
            i = numbers[k]
            sent_mentions = mentions_by_sent.get(k, [])
            self._fix_rebels(sent_mentions, state)
            ex.mentions.extend((i, a) for a in sent_mentions)
            if sent_mentions or len(s) > 3:
                resolver = self._resolver(s, state, sent_mentions, doc.date, salience)
                pair = self._pair(state, sent_mentions)
                cands = code_sentence(s, resolver, pair, self._adversary(state))
                if self.classifier:
                    cands = rerank(s, cands) if cands else classified_events(s, resolver, pair)
                cands = complete_from_context(cands, sent_mentions, salience)
                dates = find_dates(s.text, pub) if cands else []
                for c in cands:
                    ex.events.append(self._record(doc, i, s, c, dates, pub))
            for m in sent_mentions:
                state.note(m)
                salience.note(m)
            state.last_subject = self._sentence_subject(s, doc.date) or state.last_subject
        return ex

    # -- actors ---------------------------------------------------------------------------------
    def _unparsed_parties(self, text: str, spans: list[tuple[int, int]], parsed: set[int]) -> list[Actor]:
        """States and organisations named in the sentences left unparsed, found by the gazetteer on the
        tokens alone (no parse): they are context for the sentences that are coded."""
        from realpolitik.extract.actor_match import STATE_LIKE, doc_matches

        out: list[Actor] = []
        for n, (a, b) in enumerate(spans):
            if n in parsed:
                continue
            tokens = self.nlp.make_doc(normalise(text[a:b]))
            for m in doc_matches(tokens):
                e = m.entry
                if e is None or not e.code or (e.kind not in STATE_LIKE and e.kind != "igo"):
                    continue
                start, end = a + tokens[m.start].idx, a + tokens[m.end - 1].idx + len(tokens[m.end - 1].text)
                out.append(Actor(text[start:end], start, end, e.code, e.country, e.sector))
        return out

    def _to_actor(self, resolved: Any) -> Actor:
        """An Actor whose text is the original document's (the parser saw normalised quotes)."""
        e = resolved.entry
        text = self._original[resolved.start : resolved.end]
        return Actor(text, resolved.start, resolved.end, e.code, e.country, e.sector)

    def _resolver(
        self, sent: Any, state: DocState, sent_mentions: list[Actor], date: str | None, salience: Salience
    ) -> Any:
        by_span = {(a.start, a.end): a for a in sent_mentions}

        def resolve(tok: Any) -> list[Actor]:
            tok = through_quantity(tok)
            if tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS:
                return antecedent(tok, resolve) or previous_subject(tok, state)
            r = self._resolve_token(tok, date)
            if r is None or (r.entry.country is None and r.entry.code not in igo_codes()):
                # "the country", "the junta", "the Council": named earlier in the document
                described = description(tok, sent_mentions, salience)
                if described is not None or r is None:
                    return [described] if described is not None else []
            actor = by_span.get((r.start, r.end)) or self._to_actor(r)
            actor = self._rebel_country(actor, sent_mentions, state)
            if actor.code is None and actor.sector and actor.sector not in REBEL_SECTORS:
                actor = self._locate(tok, actor, date)
            return [actor] if actor.code else []

        return resolve

    def _sentence_subject(self, sent: Any, date: str | None) -> tuple[Actor, bool] | None:
        """The actor the sentence's main clause is about (its root's subject), and whether it is a person."""
        for tok in sent.root.children:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ != "PRON":
                r = self._resolve_token(through_quantity(tok), date)
                if r is not None and r.entry.code:
                    return self._to_actor(r), r.entry.kind == "person"
        return None

    def _locate(self, tok: Any, actor: Actor, date: str | None) -> Actor:
        """An agent of no named country ("protesters", "police") belongs to the country where the clause
        happens: the place named by an `in`/`at` phrase of the agent or of its clause's verb."""
        anchors = [tok]
        cur = tok
        for _ in range(3):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            anchors.append(cur)
            if cur.pos_ in ("VERB", "AUX"):
                break
        for anchor in anchors:
            for prep in anchor.children:
                if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    country = self._country_of_place(obj, date)
                    if country:
                        return Actor(actor.text, actor.start, actor.end, country, country, actor.sector)
        return actor

    def _country_of_place(self, tok: Any, date: str | None) -> str | None:
        """The country a place phrase lies in: a state or capital, a known town or region, or for
        "the city of Kirkuk" the named place."""
        from realpolitik.extract.actors import _place

        for cand in [tok, *(o for p in tok.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj")]:
            place = self._resolve_token(cand, date)
            if place is not None and place.entry.country and place.entry.sector in (None, "GOV"):
                return place.entry.country
            named = _place(cand)
            if named is not None and named.entry.country:
                return named.entry.country
        return None

    @staticmethod
    def _adversary(state: DocState) -> Any:
        """The enemy the document has named for a state's forces: that state's rebels, once mentioned."""

        def adversary(target: Actor) -> Actor | None:
            if target.sector not in ("MIL", "GOV", None) or target.code != target.country:
                return None
            state.fought_forces = target.country
            if state.rebel_country is None or state.rebel_country != target.country:
                return None
            rebel = state.last_rebel
            return rebel if rebel is not None and rebel.country == target.country else None

        return adversary

    def _pair(self, state: DocState, sent_mentions: list[Actor] | None = None) -> Any:
        # "Beijing urged the two neighbours": the pair is the two states named last other than those the
        # sentence itself names
        mentions = sent_mentions or []

        def pair(tok: Any) -> list[Actor]:
            if not self._is_pair_anaphor(tok):
                return []
            named = subject_codes(tok, mentions)
            # an object ("urged the two neighbours") is two others than the subject; a subject ("Kishida
            # said the two leaders agreed") may include the speaker
            head = tok.head if tok.lower_ in ("two", "both") else tok
            obj = head.dep_ in ("dobj", "pobj", "dative") or tok.dep_ in ("dobj", "pobj", "dative")
            # "the two countries" are states; "both sides", "the two" may be a state and an armed group
            states_only = tok.lemma_.lower() in STATE_PAIR_NOUNS
            pool = state.recent_states if states_only else [a for _k, a in state.recent_parties]
            others = [a for a in pool if a.code not in named] if obj else []
            two = main_two(others if len(others) >= 2 else pool, state)
            return [Actor(tok.text, tok.idx, tok.idx + len(tok.text), a.code, a.country, a.sector) for a in two]

        return pair

    def _fix_rebels(self, mentions: list[Actor], state: DocState) -> None:
        for k, a in enumerate(mentions):
            mentions[k] = self._rebel_country(a, mentions, state)

    @staticmethod
    def _rebel_country(actor: Actor, sent_mentions: list[Actor], state: DocState) -> Actor:
        """Unnamed rebels belong to the state whose forces they fight in the same sentence, else to
        the country of the rebels last named in the document, else to the document's main state."""
        if actor.sector not in REBEL_SECTORS or actor.code not in (None, actor.country) or actor.country:
            if actor.sector in REBEL_SECTORS and actor.country:
                state.rebel_country = actor.country
                if actor.code == actor.country:
                    state.last_rebel = actor
            return actor
        military = [m for m in sent_mentions if m.sector == "MIL" and m.country and m.code == m.country]
        # rebels already placed in the document stay there; a foreign army named beside them later
        # (their backer, say) does not make them its rebels
        country = state.rebel_country or state.fought_forces or (military[0].country if military else None)
        country = country or state.last_forces
        if country is None and state.state_counts:
            country = state.state_counts.most_common(1)[0][0]
        if country is None:
            return actor
        state.rebel_country = country
        placed = Actor(actor.text, actor.start, actor.end, country, country, actor.sector)
        state.last_rebel = placed
        return placed

    # -- records --------------------------------------------------------------------------------
    @staticmethod
    def _record(doc: Document, i: int, sent: Any, c: Candidate, dates: list[ResolvedDate], pub: Any) -> EventRecord:
        etype, mode = c.spec.event_type, c.spec.mode
        cameo = ontology.default_cameo(etype, mode)
        if etype == "REQUEST" and mode is None and c.trigger.lemma_.lower() in APPEAL_VERBS:
            cameo = APPEAL_CAMEO  # "urged", "called on", "asked": an appeal (CAMEO 02), not a demand (10)
        context = [c.spec.context] if c.spec.context else []
        for party in (c.source, c.target):
            if party is not None and party.sector == "MIL" and "military" not in context:
                context.append("military")
        a, b = sentence_bounds(sent)
        rel = c.trigger.idx - sent.start_char
        when = nearest_date(dates, rel)
        date = when.value if when else (f"{pub.year:04d}" if pub else None)
        return EventRecord(
            doc_id=doc.doc_id,
            sentence=i,
            event_type=etype,
            mode=mode,
            context=context,
            cameo=cameo,
            intensity=ontology.intensity(etype, mode, cameo),
            source=_with_title(c.source, sent, doc.text),
            target=_with_title(c.target, sent, doc.text),
            date=date,
            negated=c.negated,
            hypothetical=c.hypothetical,
            attributed_to=c.attributed_to.code if c.attributed_to else None,
            evidence=Evidence(doc.text[a:b], a, b),
            confidence=c.confidence,
            trigger=c.trigger_text,
        )


#: Dependents before a name that belong to its noun phrase: titles, demonyms, owners ("Iraqi President
#: Saddam Hussein", "Lebanon's new President Elias Hrawi").
PREMODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "case"})
ARTICLES = frozenset({"the", "a", "an"})


def _with_title(actor: Actor | None, sent: Any, text: str) -> Actor | None:
    """An actor's mention as event data codes it: a name widened to the words before it in its noun phrase
    ("Iraqi President Saddam Hussein"), so that the record shows who the person is as the sentence says it,
    and without a leading article ("the Malian armed forces" -> "Malian armed forces"). Codes are unchanged."""
    if actor is None:
        return None
    doc = sent.doc
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return actor
    first = span.start
    root = span.root
    while root.pos_ == "PROPN" and first > sent.start:
        prev = doc[first - 1]
        if prev.dep_ == "case" and first - 2 >= sent.start:  # "Lebanon 's": the owner comes with its clitic
            prev = doc[first - 2]
            if prev.dep_ != "poss" or not first <= prev.head.i <= root.i:
                break
            first -= 2
            continue
        if prev.dep_ not in PREMODIFIERS or not first <= prev.head.i <= root.i:
            break
        first -= 1
    if first < span.end - 1 and doc[first].lower_ in ARTICLES:
        first += 1
    if first == span.start:
        return actor
    start = doc[first].idx
    return Actor(text[start : actor.end], start, actor.end, actor.code, actor.country, actor.sector)


def sentence_bounds(sent: Any) -> tuple[int, int]:
    """Character bounds of a parsed sentence without the blanked (pre-filtered) or blank text around it:
    the parser attaches a run of spaces to the sentence before it, which is no part of the evidence."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(start, end)
