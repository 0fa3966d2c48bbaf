"""Run the pipeline over documents and assemble the versioned JSON record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from actorgraph import SCHEMA_VERSION
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.extract.relations import build_relations
from actorgraph.ingest.text import too_long
from actorgraph.nlp import PipelineConfig, load_pipeline
from actorgraph.nlp.pieces import PIECE_CHARS, parse_in_pieces
from actorgraph.nlp.pipeline import DOCUMENT_COMPONENTS
from actorgraph.records import (
    Actor,
    Document,
    DocumentInfo,
    Event,
    ExtractionRecord,
    Published,
    Relation,
    Span,
)
from actorgraph.resolve.actors import ActorSet, ResolvedActor
from actorgraph.resolve.model import UNNAMED_GROUP_KEY


class Extractor:
    """Loads the pipeline once; turns documents into records.

    Documents longer than the model takes at once are parsed in pieces (see nlp/pieces.py);
    one longer than ``MAX_DOCUMENT_CHARS`` (ingest/text.py) is refused with an InputError.

    >>> ex = Extractor()                                          # doctest: +SKIP
    >>> rec = ex.extract(Document(text="The council met the envoy.", source="-"))  # doctest: +SKIP
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = load_pipeline(self.config)
        # The model's components (and the line marker) see one piece at a time; actorgraph's
        # document-level components see the whole document.
        self._piece_steps = [(n, p) for n, p in self.nlp.pipeline if n not in DOCUMENT_COMPONENTS]
        self._document_steps = [(n, p) for n, p in self.nlp.pipeline if n in DOCUMENT_COMPONENTS]
        self.piece_chars = PIECE_CHARS

    def _piece_limit(self) -> int:
        return max(2, min(self.piece_chars, self.nlp.max_length))

    def _make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        doc._.ag_published = document.published
        return doc

    def annotate(self, document: Document) -> Doc:
        """The parsed and annotated Doc of ``document`` (long ones parsed in pieces)."""
        check_length(document)
        if len(document.text) <= self._piece_limit():
            doc = self._make_doc(document)
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            return doc
        doc = parse_in_pieces(self.nlp, document.text, self._piece_steps, self._piece_limit())
        doc._.ag_published = document.published
        for _, proc in self._document_steps:
            doc = proc(doc)
        return doc

    def extract(self, document: Document) -> ExtractionRecord:
        return build_record(document, self.annotate(document))

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[ExtractionRecord]:
        """Records of ``documents`` in order; the first document that fails raises."""
        for _, outcome in self.extract_each(documents, batch_size):
            if isinstance(outcome, ActorgraphError):
                raise outcome
            yield outcome

    def extract_each(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[tuple[Document, ExtractionRecord | ActorgraphError]]:
        """Each document with its record, or with the error that stopped it, in order.

        A document that fails does not stop the others: callers report it and carry on.
        Short documents are parsed in batches; long ones on their own, in pieces.
        """
        batch: list[Document] = []
        for document in documents:
            if len(document.text) <= self._piece_limit():
                batch.append(document)
                if len(batch) >= batch_size:
                    yield from self._extract_batch(batch, batch_size)
                    batch = []
                continue
            yield from self._extract_batch(batch, batch_size)
            batch = []
            yield document, self.try_extract(document)
        yield from self._extract_batch(batch, batch_size)

    def try_extract(self, document: Document) -> ExtractionRecord | ActorgraphError:
        """``extract``, with any failure returned as a one-line ActorgraphError."""
        try:
            return self.extract(document)
        except ActorgraphError as exc:
            return exc
        except Exception as exc:  # one bad document must not stop a run
            return extraction_failed(exc)

    def _extract_batch(
        self, batch: list[Document], batch_size: int
    ) -> Iterator[tuple[Document, ExtractionRecord | ActorgraphError]]:
        if not batch:
            return
        try:
            made = [self._make_doc(d) for d in batch]
            records = [
                build_record(document, doc)
                for document, doc in zip(
                    batch, self.nlp.pipe(made, batch_size=batch_size), strict=True
                )
            ]
        except Exception:  # find the document at fault, one by one
            for document in batch:
                yield document, self.try_extract(document)
            return
        yield from zip(batch, records, strict=True)


def check_length(document: Document) -> None:
    """Refuse a document too long to hold in memory as one parsed Doc (the readers refuse it
    already; this is for documents made in code)."""
    problem = too_long(document.text)
    if problem:
        raise InputError(problem)


def extraction_failed(exc: Exception) -> ActorgraphError:
    """An unexpected error while extracting one document, as one line for the user."""
    detail = " ".join(str(exc).split())[:200]
    return ActorgraphError(
        f"extraction failed ({type(exc).__name__}: {detail}); this is a bug, please report it"
    )


def document_info(document: Document) -> DocumentInfo:
    return DocumentInfo(
        id=document.id,
        source=document.source,
        url=document.url,
        title=document.title,
        publisher=document.publisher,
        published=Published(value=document.published, source=document.published_source),
        format=document.format,
        chars=len(document.text),
    )


def _actor_record(doc: Doc, a: ResolvedActor, aset: ActorSet) -> Actor:
    seen: dict[str, str] = {}
    mentions = []
    for m in a.mentions:
        span = doc[m.start : m.end]
        mentions.append(Span(start=span.start_char, end=span.end_char, text=span.text))
        if m.kind in {"name", "demonym", "subunit"}:
            seen.setdefault(span.text.casefold(), span.text)
        if m.kind == "subunit" and m.unit:
            seen.setdefault(m.unit.casefold(), m.unit)
        if m.kind == "subunit" and m.owner is not None:
            # "the Front's armed wing" is how analysts search for it; keep that form too.
            owner = aset.actors[a.parent].name if a.parent is not None else None
            if owner:
                seen.setdefault(f"{owner} {span.text}".casefold(), f"{owner} {span.text}")
    kb = a.kb
    aliases = [s for k, s in seen.items() if k != a.name.casefold()]
    return Actor(
        id=a.id,
        name=a.name,
        type=a.type,  # type: ignore[arg-type]
        aliases=aliases,
        country=kb.country if kb else None,
        sector=kb.sector if kb else None,
        kb_id=kb.id if kb else None,
        wikidata=kb.wikidata if kb else None,
        coordinates=kb.coordinates if kb else None,
        mentions=mentions,
    )


def build_record(document: Document, doc: Doc) -> ExtractionRecord:
    aset: ActorSet = doc._.ag_actors
    relations = build_relations(doc, aset, doc._.ag_relations or [])
    events = doc._.ag_events or []
    used = _referenced(relations, events)
    # An unnamed group ("gunmen", "civilians") is an actor only as a party: one a discarded
    # event candidate made is no actor the text names.
    actors = [
        _actor_record(doc, a, aset)
        for a in aset.actors
        if not a.key.startswith(UNNAMED_GROUP_KEY) or a.id in used
    ]
    return ExtractionRecord(
        schema_version=SCHEMA_VERSION,
        document=document_info(document),
        actors=actors,
        relations=relations,
        events=events,
    )


def _referenced(relations: list[Relation], events: list[Event]) -> set[str]:
    """The ids of the actors that the relations and events name."""
    used: set[str] = set()
    for r in relations:
        used.update((r.head, r.tail))
    for e in events:
        used.update(e.source)
        used.update(e.target)
        if e.place:
            used.add(e.place)
        if e.attribution is not None and e.attribution.actor:
            used.add(e.attribution.actor)
    return used
