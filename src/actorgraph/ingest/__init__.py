"""Document readers: text, HTML, PDF and JSONL files, folders and glob patterns."""

from actorgraph.ingest.dates import parse_published
from actorgraph.ingest.reader import DEFAULT_MAX_BYTES, ReadProblem, iter_documents, read_file

__all__ = ["DEFAULT_MAX_BYTES", "ReadProblem", "iter_documents", "parse_published", "read_file"]
