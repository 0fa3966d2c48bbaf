"""A trained classifier for event triggers: is this lexicon hit an event here, and of which type.

The rules propose candidates: verbs and nouns with an entry in the event lexicon
(:func:`candidates`). The model scores each one with a multinomial logistic regression over
sparse features of the parse (lemma, tag, dependency label, head, children), the lexicon (the
type its entry proposes, with and without the entry's patterns), modality cues (negation,
modal and future auxiliaries, governing verbs such as "failed to") and the actors around it.
It answers a probability for each PLOVER type and for ``"NONE"`` (no event here).

The weights ship in ``data/models/trigger/`` (``weights.npz`` and ``model.json``), are made by
``scripts/train_trigger_model.py`` and are read offline; ``docs/model-card-trigger.md`` says on
what data and how well it does.

>>> model = TriggerModel.load()                                   # doctest: +SKIP
>>> doc = Extractor().annotate(Document(text="Rebels attacked the convoy.", source="-"))
...                                                               # doctest: +SKIP
>>> probs = model.predict(doc[1])                                 # doctest: +SKIP
>>> max(probs, key=probs.get)                                     # doctest: +SKIP
'ASSAULT'
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from actorgraph.errors import ConfigError
from actorgraph.extract.attach import particle
from actorgraph.extract.lexicon import Lexicon, NounEntry, VerbEntry, load_lexicon
from actorgraph.extract.modality import ModalityLexicon, load_modality_lexicon
from actorgraph.extract.rules import WORDS

__all__ = [
    "MODEL_DIR",
    "NONE",
    "TriggerModel",
    "candidates",
    "lexicon_entry",
    "trigger_features",
]

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "trigger"
NONE = "NONE"
FORMAT = "actorgraph-trigger-model/1"

SUBJ = frozenset({"nsubj", "csubj", "nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj", "dative", "attr"})
COMPS = frozenset({"xcomp", "ccomp", "oprd", "acomp"})
# Children whose word says much about the sense ("faces criticism", "asked not to be named").
LEXICAL_DEPS = frozenset(
    {"dobj", "obj", "attr", "prt", "neg", "aux", "auxpass", "xcomp", "ccomp", "acomp", "advmod",
     "npadvmod", "amod", "compound", "nsubj", "nsubjpass", "agent", "mark", "poss", "dative"}
)  # fmt: skip


# ----------------------------------------------------------------------------------------------
# Candidates and features


def lexicon_entry(t: Token, lex: Lexicon, mod: ModalityLexicon) -> VerbEntry | NounEntry | None:
    """The lexicon entry the rules would read ``t`` by, or None when it is no candidate.

    Mirrors the gate of the rule engine (``events._trigger``): verbs (phrasal entries first)
    and nouns of the lexicon; reporting verbs only those of ``reporting_events``; not a light
    verb whose object noun carries the event (the noun is), the verb of "according to", nor a
    denial of a clause.
    """
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB":
        if lemma in mod.reporting_verbs and lemma not in WORDS["reporting_events"]:
            return None
        lv = lex.light_verb(lemma)
        if lv is not None and any(
            c.dep_ in OBJ and lex.noun(c.lemma_) is not None and lv.accepts(c.lemma_)
            for c in t.children
        ):
            return None
        if any(t.lower_ == p[0] for p in mod.attribution_phrases):
            return None
        if lemma in mod.denial_verbs and any(c.dep_ == "ccomp" for c in t.children):
            return None
        return lex.find_verb(lemma, particle(t))
    if t.pos_ == "NOUN":
        return lex.noun(lemma)
    return None


def candidates(doc: Doc, lex: Lexicon, mod: ModalityLexicon) -> list[Token]:
    """Tokens of ``doc`` the rules would consider as event triggers (in prose, not actors).

    >>> [t.text for t in candidates(doc, lex, mod)]                 # doctest: +SKIP
    ['attacked']
    """
    aset = doc._.ag_actors if Doc.has_extension("ag_actors") else None
    taken = aset.token_actor if aset is not None else {}
    prose = doc.user_data.get("ag_nonprose") or []
    out = []
    for t in doc:
        if t.pos_ not in {"VERB", "NOUN"} or t.i in taken:
            continue
        if prose and any(a <= t.idx < b for a, b in prose):
            continue
        if lexicon_entry(t, lex, mod) is not None:
            out.append(t)
    return out


def _plover(lex: Lexicon, code: str | None) -> str:
    if code is None:
        return NONE
    info = lex.codes.get(code)
    return info.plover if info is not None else NONE


def resolved_type(t: Token, entry: VerbEntry | NounEntry, lex: Lexicon) -> str:
    """The type the entry's patterns give in this context (as the rules resolve it)."""
    preps = [c for c in t.children if c.dep_ == "prep"]
    pobjs = {o.lemma_.lower() for p in preps for o in p.children if o.dep_ == "pobj"}
    if isinstance(entry, NounEntry):
        mods = {c.lemma_.lower() for c in t.children if c.dep_ in {"amod", "compound"}}
        return _plover(lex, entry.resolve([p.lower_ for p in preps], pobjs, mods))
    objs = [c for c in t.children if c.dep_ in OBJ]
    obj_lemmas = {o.lemma_.lower() for o in objs} | pobjs
    obj_lemmas |= {c.lemma_.lower() for c in t.children if c.dep_ == "npadvmod"}
    for o in objs:
        for m in o.children:
            if m.dep_ in {"amod", "compound"}:
                obj_lemmas.add(f"{m.lemma_.lower()} {o.lemma_.lower()}")
    code = entry.resolve(
        particle(t),
        [p.lower_ for p in preps],
        obj_lemmas,
        subject_lemmas={c.lemma_.lower() for c in t.children if c.dep_ in SUBJ},
        complement_lemmas={c.lemma_.lower() for c in t.children if c.dep_ in COMPS},
    )
    return _plover(lex, code)


_SENT_CACHE = "ag_trigger_sentences"


def _sentence(t: Token, actors: dict[int, int]) -> tuple[int, int, int, bool]:
    """The token's sentence: start, end, how many actors it names, whether it has a quote.

    Worked out once per document and kept in ``doc.user_data`` (Token.sent walks the
    document on every call).
    """
    doc = t.doc
    cache = doc.user_data.get(_SENT_CACHE)
    key = (len(doc), len(actors))
    if cache is None or cache[0] != key:
        sents = []
        for s in doc.sents:
            n = len({actors[i] for i in range(s.start, s.end) if i in actors})
            quote = any(x.is_quote for x in s)
            sents.append((s.start, s.end, n, quote))
        cache = (key, [x[0] for x in sents], sents)
        doc.user_data[_SENT_CACHE] = cache
    k = bisect_right(cache[1], t.i) - 1
    return cache[2][max(k, 0)]


def _ent(t: Token, actors: dict[int, int]) -> str:
    if t.i in actors:
        return "ACTOR"
    return t.ent_type_ or ("PRON" if t.pos_ == "PRON" else "-")


def _lexicon_features(t: Token, lex: Lexicon, mod: ModalityLexicon) -> list[str]:
    """The lexicon's default and in-context type for the trigger, and the entry's origin."""
    lemma, pos = t.lemma_.lower(), t.pos_
    entry = lexicon_entry(t, lex, mod)
    if entry is None:
        entry = lex.find_verb(lemma, particle(t)) if pos == "VERB" else lex.noun(lemma)
    if entry is None:
        return ["lex=ABSENT"]
    default = _plover(lex, entry.code)
    resolved = resolved_type(t, entry, lex)
    f = [
        f"lex={default}",
        f"lex_pos={default}|{pos}",
        f"lexres={resolved}",
        f"lexres_dep={resolved}|{t.dep_}",
        f"origin={entry.origin if entry.origin in {'derived', 'curated'} else 'user'}",
        f"lexres_lem={resolved}|{lemma}",
    ]
    if resolved != default:
        f.append("lex_refined")
    return f


def _head_features(t: Token, lex: Lexicon, mod: ModalityLexicon) -> list[str]:
    """The governing word: its lemma, its lexicon type, and whether it reports, intends,
    hedges or denies; then three ancestors' lemmas."""
    head, f = t.head, []
    if head.i != t.i:
        hl = head.lemma_.lower()
        f += [f"head={hl}", f"head_pos={head.pos_}", f"dep_head={t.dep_}|{hl}"]
        hentry = lex.find_verb(hl) if head.pos_ == "VERB" else lex.noun(hl)
        if hentry is not None:
            f.append(f"head_lex={_plover(lex, hentry.code)}|{t.dep_}")
        if hl in mod.reporting_verbs:
            f.append(f"under_reporting|{t.dep_}")
        if hl in mod.intention_verbs or hl in mod.future_verbs:
            f.append("under_intention")
        if hl in mod.hedge_verbs:
            f.append("under_hedge")
        if hl in mod.denial_verbs:
            f.append("under_denial")
    # Up the tree: "said it had agreed to attack" -> the governing lemmas.
    up, steps = head, 0
    while up.head.i != up.i and steps < 3:
        up = up.head
        steps += 1
        f.append(f"anc={up.lemma_.lower()}")
    return f


def _child_features(t: Token, c: Token, mod: ModalityLexicon, actors: dict[int, int]) -> list[str]:
    """What one dependent says: its label, a preposition and its object, who the subject,
    object, agent or possessor is, negation, modals and conditional marks."""
    d, cl = c.dep_, c.lemma_.lower()
    f = [f"ch={d}"]
    if d in LEXICAL_DEPS:
        f.append(f"ch={d}|{cl}")
    if d == "prep":
        f.append(f"prep={cl}")
        f += [
            x
            for o in c.children
            if o.dep_ == "pobj"
            for x in (f"pobj={cl}|{o.lemma_.lower()}", f"pobj_ent={cl}|{_ent(o, actors)}")
        ]
    if d in SUBJ:
        f.append(f"subj_ent={_ent(c, actors)}")
    if d in OBJ:
        f += [f"obj_ent={_ent(c, actors)}", f"lem_obj={t.lemma_.lower()}|{cl}"]
    if d == "agent":
        f += [f"agent_ent={_ent(o, actors)}" for o in c.children]
    if d == "poss":
        f.append(f"poss_ent={_ent(c, actors)}")
    if c.lower_ in mod.negations:
        f.append("negated")
    if d in {"aux", "auxpass"} and cl in mod.future_auxiliaries:
        f.append("future")
    if d in {"aux", "auxpass"} and cl in mod.hypothetical_modals:
        f.append("modal")
    if d == "mark" and cl in mod.hypothetical_marks:
        f.append("conditional")
    return f


def _context_features(t: Token, actors: dict[int, int]) -> list[str]:
    """The sentence: actors in it, a quote, where the trigger stands; the words around it."""
    doc, f = t.doc, []
    start, _, n_actors, quote = _sentence(t, actors)
    f.append(f"sent_actors={min(n_actors, 3)}")
    if quote:
        f.append("sent_quote")
    f.append(f"sent_first={t.i - start < 3}")
    if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {"to", "of", "against", "with", "on"}:
        f.append(f"next={doc[t.i + 1].lower_}")
    if t.i > 0:
        f.append(f"prev={doc[t.i - 1].lower_}")
    return f


def trigger_features(t: Token, lex: Lexicon, mod: ModalityLexicon) -> list[str]:
    """Sparse features of a candidate trigger, as strings ("lem=attack", "dep=ROOT", ...).

    >>> trigger_features(doc[1], lex, mod)[:3]                       # doctest: +SKIP
    ['bias', 'lem=attack', 'pos=VERB']
    """
    doc = t.doc
    aset = doc._.ag_actors if Doc.has_extension("ag_actors") else None
    actors: dict[int, int] = aset.token_actor if aset is not None else {}
    lemma, pos = t.lemma_.lower(), t.pos_
    f = ["bias", f"lem={lemma}", f"pos={pos}", f"tag={t.tag_}", f"dep={t.dep_}"]
    f.append(f"lem_dep={lemma}|{t.dep_}")
    f.append(f"low={t.lower_}")
    f += _lexicon_features(t, lex, mod)
    f += _head_features(t, lex, mod)
    kids = list(t.children)
    for c in kids:
        f += _child_features(t, c, mod, actors)
    has_subj = any(c.dep_ in SUBJ for c in kids)
    has_obj = any(c.dep_ in OBJ for c in kids)
    f += [f"has_subj={has_subj}", f"has_obj={has_obj}|{pos}"]
    if pos == "NOUN":
        det = next((c.lower_ for c in kids if c.dep_ == "det"), "-")
        f += [f"det={det}", f"plural={t.tag_ == 'NNS'}"]
    f += _context_features(t, actors)
    return f


# ----------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class TriggerModel:
    """Two linear models over :func:`trigger_features`; load the shipped one with :meth:`load`.

    One says whether the candidate is an event here (a two-way logistic regression); the other
    which PLOVER type it is if so (a multinomial one, trained on events only, whose logits add
    ``prior`` to the type the lexicon resolves to). ``predict`` combines them:
    P(NONE) = p_none and P(type) = (1 - p_none) * p_type.

    >>> model = TriggerModel.load()                                   # doctest: +SKIP
    >>> model.best(doc[1])                                            # doctest: +SKIP
    ('ASSAULT', 0.81)
    """

    types: tuple[str, ...]
    index: dict[str, int]
    event_weights: np.ndarray  # (features, 2): columns EVENT, NONE
    event_bias: np.ndarray  # (2,)
    type_weights: np.ndarray  # (features, types)
    type_bias: np.ndarray  # (types,)
    lexicon: Lexicon
    modality: ModalityLexicon
    meta: dict[str, Any] = field(default_factory=dict)
    # Added to the logit of the type the lexicon resolves to: the type model learns
    # corrections to the lexicon rather than every type from scratch (the data are small).
    prior: float = 0.0

    @property
    def labels(self) -> tuple[str, ...]:
        return (*self.types, NONE)

    @classmethod
    def load(
        cls,
        path: Path | str | None = None,
        lexicon: Lexicon | None = None,
        modality: ModalityLexicon | None = None,
    ) -> TriggerModel:
        """The shipped model (cached), or one saved by :meth:`save` in the folder ``path``."""
        if path is None and lexicon is None and modality is None:
            return _builtin()
        return cls._read(
            Path(path) if path is not None else MODEL_DIR,
            lexicon or load_lexicon(),
            modality or load_modality_lexicon(),
        )

    @classmethod
    def _read(cls, folder: Path, lexicon: Lexicon, modality: ModalityLexicon) -> TriggerModel:
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            with np.load(folder / "weights.npz", allow_pickle=False) as z:
                arrays = {k: np.asarray(z[k], dtype=np.float32) for k in _ARRAYS}
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"cannot read the trigger model ({exc})", path=str(folder)) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ConfigError(f"not a trigger model of format {FORMAT}", path=str(folder))
        types = tuple(meta["types"])
        features = list(meta["features"])
        n = len(features)
        shapes = {
            "event_weights": (n, 2),
            "event_bias": (2,),
            "type_weights": (n, len(types)),
            "type_bias": (len(types),),
        }
        if any(arrays[k].shape != shape for k, shape in shapes.items()):
            raise ConfigError(
                "trigger model weights do not match its feature list", path=str(folder)
            )
        return cls(
            types=types,
            index={f: i for i, f in enumerate(features)},
            lexicon=lexicon,
            modality=modality,
            meta={k: v for k, v in meta.items() if k != "features"},
            prior=float(meta.get("lexicon_prior", 0.0)),
            **arrays,
        )

    def save(self, folder: Path | str, extra: dict[str, Any] | None = None) -> None:
        """Write ``model.json`` (types, features, metadata) and ``weights.npz`` to ``folder``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        features = sorted(self.index, key=self.index.__getitem__)
        meta = {**self.meta, **(extra or {}), "format": FORMAT, "types": list(self.types)}
        meta["lexicon_prior"] = self.prior
        meta["features"] = features
        (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        np.savez_compressed(out / "weights.npz", **{k: getattr(self, k) for k in _ARRAYS})

    def features(self, token: Token) -> list[str]:
        return trigger_features(token, self.lexicon, self.modality)

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        """Probabilities in :attr:`labels` order (the types, then NONE) for feature strings."""
        feats = list(feats)
        rows = [self.index[f] for f in feats if f in self.index]
        e = self.event_bias + self.event_weights[rows].sum(axis=0)
        p_none = 1.0 / (1.0 + math.exp(float(e[0] - e[1])))
        z = self.type_bias + self.type_weights[rows].sum(axis=0)
        if self.prior:
            z = z + self.prior * prior_row(feats, self.types)
        z = np.exp(z - z.max())
        out = np.empty(len(self.types) + 1, dtype=np.float64)
        out[:-1] = (1.0 - p_none) * z / z.sum()
        out[-1] = p_none
        return out

    def predict(self, token: Token) -> dict[str, float]:
        """Probability of each PLOVER type and of "NONE" for the candidate ``token``."""
        p = self.scores(self.features(token))
        return {lab: float(p[i]) for i, lab in enumerate(self.labels)}

    def best(self, token: Token) -> tuple[str, float]:
        """ "NONE" when that is more likely than not, else the most probable type."""
        return self.decide(self.features(token))

    def decide(self, feats: Iterable[str]) -> tuple[str, float]:
        """:meth:`best` for a list of feature strings."""
        p = self.scores(feats)
        if p[-1] >= 0.5:
            return NONE, float(p[-1])
        i = int(p[:-1].argmax())
        return self.types[i], float(p[i])

    def predict_doc(self, doc: Doc) -> dict[int, dict[str, float]]:
        """Predictions for every candidate of a parsed document, by token index."""
        return {t.i: self.predict(t) for t in candidates(doc, self.lexicon, self.modality)}


_ARRAYS = ("event_weights", "event_bias", "type_weights", "type_bias")


PRIOR_FEATURE = "lexres="


def prior_row(feats: Iterable[str], labels: Sequence[str]) -> np.ndarray:
    """One-hot of the lexicon's resolved type among ``labels`` (zeros when it has none)."""
    row = np.zeros(len(labels), dtype=np.float32)
    for f in feats:
        if f.startswith(PRIOR_FEATURE):
            kind = f[len(PRIOR_FEATURE) :]
            if kind in labels:
                row[labels.index(kind)] = 1.0
            break
    return row


@lru_cache(maxsize=1)
def _builtin() -> TriggerModel:
    return TriggerModel._read(MODEL_DIR, load_lexicon(), load_modality_lexicon())


# ----------------------------------------------------------------------------------------------
# Training (numpy only; used by scripts/train_trigger_model.py)


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    label_set: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    offsets: np.ndarray | None = None,
    min_count: int = 2,
    l2: float = 1e-3,
    epochs: int = 300,
    lr: float = 0.1,
    seed: int = 0,
) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Fit a multinomial logistic regression by full-batch Adam; returns (index, W, b).

    Features seen fewer than ``min_count`` times in ``rows`` are dropped. Deterministic for a
    given ``seed``. ``offsets`` (rows x labels) are fixed additions to the logits (a prior).

    >>> index, W, b = fit([["bias", "a"], ["bias", "b"]], ["X", "Y"], ["X", "Y"], min_count=1)
    >>> W.shape
    (3, 2)
    """
    counts: dict[str, int] = {}
    for r in rows:
        for x in set(r):
            counts[x] = counts.get(x, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(kept)}
    lab = {y: i for i, y in enumerate(label_set)}
    n, k, d = len(rows), len(label_set), len(kept)
    # Sparse design matrix as (row, column) pairs of ones.
    ri: list[int] = []
    ci: list[int] = []
    for i, r in enumerate(rows):
        for x in set(r):
            j = index.get(x)
            if j is not None:
                ri.append(i)
                ci.append(j)
    r_idx = np.asarray(ri, dtype=np.int64)
    c_idx = np.asarray(ci, dtype=np.int64)
    if len(set(ri)) != n:
        raise ValueError("every row needs a kept feature (add a constant one such as 'bias')")
    # Segment starts: rows are contiguous in r_idx; a column order groups the same by feature.
    row_starts = np.flatnonzero(np.r_[True, r_idx[1:] != r_idx[:-1]])
    by_col = np.argsort(c_idx, kind="stable")
    col_starts = np.flatnonzero(np.r_[True, c_idx[by_col][1:] != c_idx[by_col][:-1]])
    r_by_col = r_idx[by_col]
    y = np.asarray([lab[v] for v in labels], dtype=np.int64)
    sw = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    sw = sw / sw.sum()
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.01, size=(d, k))
    b = np.zeros(k)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    for step in range(1, epochs + 1):
        z = np.add.reduceat(W[c_idx], row_starts, axis=0) + b
        if offsets is not None:
            z += offsets
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sw[:, None]
        gW = np.add.reduceat(g[r_by_col], col_starts, axis=0) + l2 * W
        gb = g.sum(axis=0)
        a = lr * math.sqrt(1 - beta2**step) / (1 - beta1**step)
        mW = beta1 * mW + (1 - beta1) * gW
        vW = beta2 * vW + (1 - beta2) * gW * gW
        W -= a * mW / (np.sqrt(vW) + eps)
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        b -= a * mb / (np.sqrt(vb) + eps)
    return index, W.astype(np.float32), b.astype(np.float32)
