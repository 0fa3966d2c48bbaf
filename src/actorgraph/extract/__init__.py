"""From a Document to an ExtractionRecord: actors, relations and events with their evidence."""

from actorgraph.extract.record import Extractor, build_record

__all__ = ["Extractor", "build_record"]
