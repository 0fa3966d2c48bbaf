"""Run the pipeline over documents and assemble the versioned JSON record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from actorgraph import SCHEMA_VERSION
from actorgraph.extract.relations import build_relations
from actorgraph.nlp import PipelineConfig, load_pipeline
from actorgraph.records import (
    Actor,
    Document,
    DocumentInfo,
    ExtractionRecord,
    Published,
    Span,
)
from actorgraph.resolve.actors import ActorSet, ResolvedActor


class Extractor:
    """Loads the pipeline once; turns documents into records.

    >>> ex = Extractor()                                          # doctest: +SKIP
    >>> rec = ex.extract(Document(text="Iran's leader met Putin.", source="-"))  # doctest: +SKIP
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = load_pipeline(self.config)

    def _make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        doc._.ag_published = document.published
        return doc

    def annotate(self, document: Document) -> Doc:
        doc = self._make_doc(document)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def extract(self, document: Document) -> ExtractionRecord:
        return build_record(document, self.annotate(document))

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[ExtractionRecord]:
        docs = list(documents)
        made = (self._make_doc(d) for d in docs)
        for document, doc in zip(docs, self.nlp.pipe(made, batch_size=batch_size), strict=True):
            yield build_record(document, doc)


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
    actors = [_actor_record(doc, a, aset) for a in aset.actors]
    relations = build_relations(doc, aset, doc._.ag_relations or [])
    events = doc._.ag_events or []
    return ExtractionRecord(
        schema_version=SCHEMA_VERSION,
        document=document_info(document),
        actors=actors,
        relations=relations,
        events=events,
    )
