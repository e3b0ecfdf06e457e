"""The pipeline: named stages that each add one layer to a document's analysis.

A stage is a callable taking the :class:`Analysis` built so far and returning a new one;
it declares the layers it ``requires`` and ``produces``, and :class:`Pipeline` checks at
construction that every requirement is produced by an earlier stage. Everything a stage
needs that is costly to build (the spaCy model, the knowledge base, phrase matchers) is
owned by the :class:`Engine` and built once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from thucydides.actors.kb import KnowledgeBase, load_knowledge_base
from thucydides.actors.matcher import MentionMatcher
from thucydides.actors.phrase import resolve_phrase
from thucydides.actors.resolve import DocumentActors
from thucydides.actors.userdict import load_user_dictionary
from thucydides.agreements import AgreementFinder, load_agreement_lexicon
from thucydides.cameo import Codebook, load_codebook
from thucydides.errors import InputError, Msg, ThucydidesError, crash_detail, one_line
from thucydides.events import Coding, EventCoder, build_events, load_lexicon
from thucydides.events.dictionary import VerbLayer
from thucydides.events.verbdict import load_builtin_verbs, read_verbs
from thucydides.grammar.factuality import factuality
from thucydides.model import (
    Actor,
    ActorRef,
    Agreement,
    Document,
    Event,
    EventDate,
    EventType,
    Quote,
    Record,
    Sentence,
    Span,
    Stance,
    TimeRef,
)
from thucydides.nlp import load_model, parse, segment, sentences
from thucydides.places import Gazetteer
from thucydides.speech import find_quotes, find_stances, load_speech_lexicon
from thucydides.time.anchor import EventDater
from thucydides.time.extract import find_timexes

# A document longer than this many characters is coded a segment at a time (at paragraph
# breaks): parsing it whole takes about 1 GB of memory per 100,000 characters, and some
# stages look at the whole document for each candidate. News articles are far shorter.
SEGMENT_CHARS = 100_000
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that determines the output, besides the document itself."""

    model: str | None = None  # spaCy pipeline name; None picks the best installed
    actor_files: tuple[str, ...] = ()  # user dictionaries, later ones overriding earlier
    verb_files: tuple[str, ...] = ()  # user verb dictionaries, later ones overriding earlier


@dataclass(frozen=True)
class Analysis:
    """A document's analysis in progress: the parse and the layers added so far."""

    document: Document
    doc: Doc
    actors: DocumentActors | None = None
    timexes: tuple[TimeRef, ...] = ()
    dater: EventDater | None = None  # dates events, stances and status changes
    codings: tuple[Coding, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    layers: frozenset[str] = field(default=frozenset({"doc"}))

    def add(self, produced: Iterable[str], **changes: object) -> Analysis:
        return replace(self, layers=self.layers | set(produced), **changes)  # type: ignore[arg-type]


class Stage(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def produces(self) -> tuple[str, ...]: ...

    def __call__(self, analysis: Analysis) -> Analysis: ...


class Engine:
    """The shared, read-only resources of a pipeline, loaded once per process."""

    def __init__(self, config: Config = Config()) -> None:
        self.config = config
        self.nlp: Language = load_model(config.model)
        self.codebook: Codebook = load_codebook()
        user = [load_user_dictionary(Path(name)) for name in config.actor_files]
        self.kb: KnowledgeBase = load_knowledge_base(user=user)
        self.matcher = MentionMatcher(self.nlp, self.kb)
        self.lexicon = load_lexicon(frozenset(self.codebook))
        self.coder = EventCoder(
            self.lexicon,
            user_layers=[VerbLayer(read_verbs(Path(name))) for name in config.verb_files],
            builtin_layer=VerbLayer(load_builtin_verbs()),
            codes=frozenset(self.codebook),
        )
        self.gazetteer = Gazetteer(self.kb)
        self.speech = load_speech_lexicon()
        self.agreements = AgreementFinder(self.nlp, load_agreement_lexicon())


@dataclass(frozen=True)
class ActorStage:
    engine: Engine
    name: str = "actors"
    requires: tuple[str, ...] = ("doc",)
    produces: tuple[str, ...] = ("actors",)

    def __call__(self, analysis: Analysis) -> Analysis:
        actors = DocumentActors(
            analysis.doc,
            self.engine.kb,
            self.engine.matcher,
            analysis.document.published,
            self.engine.gazetteer.country_of,
            self.engine.lexicon.reporting_verbs,
        )
        return analysis.add(self.produces, actors=actors)


@dataclass(frozen=True)
class TimeStage:
    name: str = "time"
    requires: tuple[str, ...] = ("doc",)
    produces: tuple[str, ...] = ("timexes", "dater")

    def __call__(self, analysis: Analysis) -> Analysis:
        published = analysis.document.published
        timexes = find_timexes(analysis.doc, published)
        dater = EventDater(analysis.doc, timexes, published)
        return analysis.add(self.produces, timexes=tuple(timexes), dater=dater)


@dataclass(frozen=True)
class SpeechStage:
    engine: Engine
    name: str = "speech"
    requires: tuple[str, ...] = ("doc", "actors", "dater")
    produces: tuple[str, ...] = ("quotes", "stances")

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.actors is not None  # guaranteed by ``requires``
        lexicon = self.engine.lexicon
        quotes = find_quotes(analysis.doc, analysis.actors, lexicon.reporting_verbs)
        stances = find_stances(
            analysis.doc,
            analysis.actors,
            self.engine.speech,
            _dater(analysis),
            lexicon.stance_nouns,
            lexicon.object_control_verbs,
        )
        doc_id = analysis.document.id
        stances = [replace(s, id=_stance_id(doc_id, s)) for s in stances]
        return analysis.add(self.produces, quotes=tuple(quotes), stances=tuple(stances))


@dataclass(frozen=True)
class AgreementStage:
    engine: Engine
    name: str = "agreements"
    requires: tuple[str, ...] = ("doc", "actors", "dater")
    produces: tuple[str, ...] = ("agreements",)

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.actors is not None  # guaranteed by ``requires``
        lexicon = self.engine.lexicon
        agreements = self.engine.agreements(
            analysis.doc,
            analysis.actors,
            _dater(analysis),
            lambda token: factuality(token, lexicon) == "asserted",
            analysis.document.published,
        )
        return analysis.add(self.produces, agreements=tuple(agreements))


def _dater(analysis: Analysis) -> EventDater:
    assert analysis.dater is not None  # guaranteed by ``requires``
    return analysis.dater


def _stance_id(doc_id: str, stance: Stance) -> str:
    holder = stance.holder.actor.code or stance.holder.text
    basis = "\x1f".join((doc_id, holder, stance.topic, stance.position))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class EventStage:
    engine: Engine
    name: str = "events"
    requires: tuple[str, ...] = ("doc", "actors", "dater")
    produces: tuple[str, ...] = ("events",)

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.actors is not None  # guaranteed by ``requires``
        codings: list[Coding] = []
        for index, sentence in enumerate(sentences(analysis.doc)):
            codings.extend(
                self.engine.coder.code_sentence(index, sentence, analysis.actors, codings)
            )
        engine = self.engine
        events = build_events(
            analysis.document, codings, engine.codebook, _dater(analysis), engine.gazetteer
        )
        return analysis.add(self.produces, codings=tuple(codings), events=tuple(events))


class Pipeline:
    """Parse, then run the stages in order; turn one document into one :class:`Record`."""

    def __init__(
        self,
        config: Config = Config(),
        stages: Sequence[Stage] | None = None,
        engine: Engine | None = None,
    ) -> None:
        self.engine = engine or Engine(config)
        default: tuple[Stage, ...] = (
            ActorStage(self.engine),
            TimeStage(),
            EventStage(self.engine),
            SpeechStage(self.engine),
            AgreementStage(self.engine),
        )
        self.stages: tuple[Stage, ...] = tuple(stages) if stages is not None else default
        _check_order(self.stages)

    def resolve_actor(
        self, text: str, context: str | None = None, day: date | None = None
    ) -> Actor | None:
        """The actor a free-standing phrase names on ``day`` ("Pakistan's Foreign Office")."""
        engine = self.engine
        return resolve_phrase(
            engine.nlp, engine.kb, engine.matcher, text, context, day, engine.gazetteer.country_of
        )

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, document: Document) -> Record:
        if len(document.text) > SEGMENT_CHARS:
            return self._code_in_segments(document)
        return self._finish(document, next(parse(self.engine.nlp, [document.text])))

    def pipe(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[Record | InputError]:
        """Code many documents, parsing them in batches; a failure is yielded, not raised.

        A long document is coded alone, a segment at a time; the others are parsed
        together, ``batch_size`` documents at a time.
        """
        batch: list[Document] = []
        for document in documents:
            if len(document.text) > SEGMENT_CHARS:
                yield from self._code_batch(batch, batch_size)
                batch = []
                yield _safely(document, partial(self._code_in_segments, document))
                continue
            batch.append(document)
            if len(batch) == batch_size:
                yield from self._code_batch(batch, batch_size)
                batch = []
        yield from self._code_batch(batch, batch_size)

    def _code_batch(
        self, documents: Sequence[Document], batch_size: int
    ) -> Iterator[Record | InputError]:
        done = 0
        texts = (d.text for d in documents)
        try:
            for document, doc in zip(
                documents, parse(self.engine.nlp, texts, batch_size), strict=True
            ):
                done += 1
                yield _safely(document, partial(self._finish, document, doc))
        except Exception:  # the parse of one document of the batch failed
            # An exception inside nlp.pipe ends its generator, and with it the batch: parse
            # the rest one at a time, so that only the document that breaks it is lost.
            for document in documents[done:]:
                yield _safely(document, partial(self, document))

    def _code_in_segments(self, document: Document) -> Record:
        """A long document, coded a segment at a time so that memory, and the cost of the
        stages that look at the whole document for each candidate, are those of one
        segment. Each segment is analysed as a document of its own; its findings are then
        placed in the whole text (offsets, sentence numbers, ids)."""
        whole = _Joined(document)
        offset = 0
        for text in segment(document.text, SEGMENT_CHARS):
            part = replace(document, id=f"{document.id}@{offset}", text=text)
            whole.add(self._finish(part, next(parse(self.engine.nlp, [text]))), offset)
            offset += len(text)
        limit = Msg.W002.format(chars=len(document.text), limit=SEGMENT_CHARS)
        return whole.record((*_warnings(document), limit))

    def _finish(self, document: Document, doc: Doc) -> Record:
        analysis = Analysis(document=document, doc=doc)
        for stage in self.stages:
            analysis = stage(analysis)
        spans = tuple(
            Sentence(i, Span(s.start_char, s.end_char)) for i, s in enumerate(sentences(doc))
        )
        mentions = tuple(analysis.actors.mentions()) if analysis.actors else ()
        return Record(
            document=document,
            sentences=spans,
            mentions=mentions,
            timexes=analysis.timexes,
            events=analysis.events,
            quotes=analysis.quotes,
            stances=analysis.stances,
            agreements=analysis.agreements,
            warnings=_warnings(document),
        )


def _safely(document: Document, code: Callable[[], Record]) -> Record | InputError:
    """One document's record, or its failure as a value: the batch goes on."""
    try:
        return code()
    except ThucydidesError as exc:
        return InputError(document.source, Msg.E011, detail=one_line(str(exc)))
    except Exception as exc:  # one document's crash must not stop a batch
        return InputError(document.source, Msg.E011, detail=crash_detail(exc))


class _Joined:
    """The records of a long document's segments, joined into the document's record."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.sentences: list[Sentence] = []
        self.mentions: list[ActorRef] = []
        self.timexes: list[TimeRef] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.stances: dict[str, Stance] = {}
        self.agreements: dict[tuple[str, str], Agreement] = {}
        self.placer = _Placer()

    def add(self, part: Record, offset: int) -> None:
        sentences_before = len(self.sentences)

        def move(value: _T) -> _T:
            return self.placer.moved(value, offset, sentences_before)

        self.mentions += map(move, part.mentions)
        self.timexes += map(move, part.timexes)
        self.events += map(move, part.events)
        self.quotes += map(move, part.quotes)
        for stance in map(move, part.stances):
            # One stance per holder, topic and position in a document, the first found.
            stance = replace(stance, id=_stance_id(self.document.id, stance))
            self.stances.setdefault(stance.id, stance)
        for agreement in map(move, part.agreements):
            key = (agreement.key or agreement.name, agreement.status)
            self.agreements.setdefault(key, agreement)
        self.sentences += map(move, part.sentences)

    def record(self, warnings: tuple[str, ...]) -> Record:
        return Record(
            document=self.document,
            sentences=tuple(self.sentences),
            mentions=tuple(self.mentions),
            timexes=tuple(self.timexes),
            events=tuple(self.events),
            quotes=tuple(self.quotes),
            stances=tuple(self.stances.values()),
            agreements=tuple(self.agreements.values()),
            warnings=warnings,
        )


# Fields that number a sentence of the document, moved with the segment's first sentence.
_SENTENCE_FIELDS = frozenset({"sentence", "index"})


# Values a long document repeats thousands of times, shared rather than copied per finding.
_SHARED_TYPES = (Actor, EventType, EventDate)
_SHARED_TEXT_CHARS = 40


class _Placer:
    """Places the findings of one segment in the whole document: every span moved by the
    segment's offset, every sentence number by the sentences before it. Actors, event types,
    dates and short texts equal to ones already placed are shared, which keeps the record of
    a 30 MB document in memory."""

    def __init__(self) -> None:
        self.shared: dict[object, Any] = {}

    def moved(self, value: _T, chars: int, sentences: int) -> _T:
        if isinstance(value, Span):
            return Span(value.start + chars, value.end + chars)  # type: ignore[return-value]
        if isinstance(value, tuple):
            return tuple(self.moved(item, chars, sentences) for item in value)  # type: ignore[return-value]
        if isinstance(value, str):
            return self._shared(value) if len(value) <= _SHARED_TEXT_CHARS else value
        if not is_dataclass(value) or isinstance(value, type):
            return value
        changes: dict[str, Any] = {}
        for item in fields(value):
            current = getattr(value, item.name)
            if item.name in _SENTENCE_FIELDS and isinstance(current, int):
                changes[item.name] = current + sentences
            elif isinstance(current, Span | tuple | str) or is_dataclass(current):
                changes[item.name] = self.moved(current, chars, sentences)
        placed = replace(value, **changes) if changes else value
        return self._shared(placed) if isinstance(placed, _SHARED_TYPES) else placed

    def _shared(self, value: _T) -> _T:
        shared: _T = self.shared.setdefault(value, value)
        return shared


def _warnings(document: Document) -> tuple[str, ...]:
    return (Msg.W001.format(),) if document.published is None else ()


def _check_order(stages: Sequence[Stage]) -> None:
    available = {"doc"}
    for stage in stages:
        missing = set(stage.requires) - available
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {sorted(missing)} from an earlier stage")
        available |= set(stage.produces)
