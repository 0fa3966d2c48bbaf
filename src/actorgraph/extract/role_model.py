"""A trained scorer for the role of an actor mention towards an event trigger: source, target
or neither.

For a trigger (a candidate of :mod:`actorgraph.extract.trigger_model`) and an actor mention in
its sentence, a multinomial logistic regression reads the dependency path between them, the
side of the trigger the mention stands on, the voice, the prepositions on the path, the type the
lexicon gives the trigger and the kind of actor, and answers P(source), P(target), P(none).

The weights ship in ``data/models/role/`` and are made by ``scripts/train_role_model.py``;
``docs/model-card-trigger.md`` says on what data and how well it does.

>>> model = RoleModel.load()                                        # doctest: +SKIP
>>> model.predict(doc[2], doc[0:1])                                 # doctest: +SKIP
{'source': 0.91, 'target': 0.05, 'none': 0.04}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import Lexicon, NounEntry, load_lexicon
from actorgraph.extract.modality import ModalityLexicon, load_modality_lexicon
from actorgraph.extract.trigger_model import lexicon_entry, resolved_type

__all__ = ["ROLES", "RoleModel", "dep_path", "role_features", "trigger_side"]

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "role"
FORMAT = "actorgraph-role-model/1"
ROLES = ("source", "target", "none")
MAX_PATH = 5


def _ancestors(t: Token) -> list[Token]:
    out = [t]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def dep_path(a: Token, b: Token) -> tuple[list[str], list[str]]:
    """Labels from ``a`` up to the lowest common ancestor, and from there down to ``b``, with
    the prepositions' words ("prep:by") so that "by" agents and "against" targets show."""
    up_a = _ancestors(a)
    up_b = _ancestors(b)
    at_b = {t.i: k for k, t in enumerate(up_b)}
    k_a = next((k for k, t in enumerate(up_a) if t.i in at_b), None)
    if k_a is None:
        return (["far"], [])
    k_b = at_b[up_a[k_a].i]

    def label(t: Token) -> str:
        return f"{t.dep_}:{t.lower_}" if t.dep_ in {"prep", "agent"} else t.dep_

    return [label(t) for t in up_a[:k_a]], [label(t) for t in up_b[:k_b]]


def _mention_head(span: Span) -> Token:
    return span.root


def trigger_side(trigger: Token, lex: Lexicon, mod: ModalityLexicon) -> tuple[str, bool, Any]:
    """What the features need of the trigger alone: its lexicon type, voice and entry."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
    entry = lexicon_entry(trigger, lex, mod)
    kind = resolved_type(trigger, entry, lex) if entry is not None else "ABSENT"
    return kind, passive, entry


def role_features(
    trigger: Token,
    mention: Span,
    lex: Lexicon,
    mod: ModalityLexicon,
    actor_type: str = "-",
    side_info: tuple[str, bool, Any] | None = None,
) -> list[str]:
    """Sparse features of a (trigger, actor mention) pair, as strings.

    >>> role_features(doc[2], doc[0:1], lex, mod)[:3]                  # doctest: +SKIP
    ['bias', 'up=nsubj', 'down=']
    """
    head = _mention_head(mention)
    up, down = dep_path(head, trigger)
    up_s = ">".join(up[:MAX_PATH])
    down_s = ">".join(down[:MAX_PATH])
    path = f"{up_s}|{down_s}"
    kind, passive, entry = side_info or trigger_side(trigger, lex, mod)
    noun = trigger.pos_ == "NOUN"
    side = "before" if mention.end <= trigger.i else "after" if mention.start > trigger.i else "in"
    dist = abs(head.i - trigger.i)
    f = [
        "bias",
        f"up={up_s}",
        f"down={down_s}",
        f"path={path}",
        f"path_pass={path}|{passive}",
        f"path_type={path}|{kind}",
        f"path_pos={path}|{trigger.pos_}",
        f"up1={up[0] if up else '-'}|{trigger.pos_}",
        f"up1_pass={up[0] if up else '-'}|{passive}",
        f"len={min(len(up), 4)}|{min(len(down), 4)}",
        f"side={side}",
        f"side_pass={side}|{passive}",
        f"side_type={side}|{kind}",
        f"dist={min(dist, 8) if dist < 8 else 'far'}",
        f"type={kind}",
        f"actor={actor_type}",
        f"actor_side={actor_type}|{side}",
        f"hdep={head.dep_}",
        f"lem={trigger.lemma_.lower()}|{up_s}",
    ]
    if noun and isinstance(entry, NounEntry):
        # The noun's own prepositions say who is who ("the attack on X by Y").
        for p in up:
            if p.startswith("prep:"):
                word = p[5:]
                f.append(f"noun_prep={word}|{entry.role_of_prep(word) or '-'}")
                break
        if up and up[0] == "poss":
            f.append(f"noun_poss={entry.possessor or '-'}")
    for p in up + down:
        if p.startswith(("prep:", "agent:")):
            f.append(f"prep_on_path={p}")
    if head.dep_ == "conj":
        f.append("conj")
    return f


@dataclass(frozen=True)
class RoleModel:
    """Multinomial logistic regression over :func:`role_features`; load with :meth:`load`."""

    index: dict[str, int]
    weights: np.ndarray  # (features, 3)
    bias: np.ndarray  # (3,)
    lexicon: Lexicon
    modality: ModalityLexicon
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str | None = None) -> RoleModel:
        """The shipped model (cached), or one saved by :meth:`save` in the folder ``path``."""
        if path is None:
            return _builtin()
        return cls._read(Path(path), load_lexicon(), load_modality_lexicon())

    @classmethod
    def _read(cls, folder: Path, lexicon: Lexicon, modality: ModalityLexicon) -> RoleModel:
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            with np.load(folder / "weights.npz", allow_pickle=False) as z:
                weights = np.asarray(z["weights"], dtype=np.float32)
                bias = np.asarray(z["bias"], dtype=np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"cannot read the role model ({exc})", path=str(folder)) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ConfigError(f"not a role model of format {FORMAT}", path=str(folder))
        features = list(meta["features"])
        if weights.shape != (len(features), len(ROLES)) or bias.shape != (len(ROLES),):
            raise ConfigError("role model weights do not match its feature list", path=str(folder))
        return cls(
            index={f: i for i, f in enumerate(features)},
            weights=weights,
            bias=bias,
            lexicon=lexicon,
            modality=modality,
            meta={k: v for k, v in meta.items() if k != "features"},
        )

    def save(self, folder: Path | str, extra: dict[str, Any] | None = None) -> None:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        features = sorted(self.index, key=self.index.__getitem__)
        meta = {**self.meta, **(extra or {}), "format": FORMAT, "roles": list(ROLES)}
        meta["features"] = features
        (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        np.savez_compressed(out / "weights.npz", weights=self.weights, bias=self.bias)

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias + self.weights[rows].sum(axis=0)
        z = np.exp(z - z.max())
        return np.asarray(z / z.sum())

    def predict(self, trigger: Token, mention: Span, actor_type: str = "-") -> dict[str, float]:
        """P(source), P(target), P(none) of ``mention`` (an actor's words) for ``trigger``."""
        p = self.scores(role_features(trigger, mention, self.lexicon, self.modality, actor_type))
        return {r: float(p[i]) for i, r in enumerate(ROLES)}

    def predict_actors(self, trigger: Token) -> dict[int, dict[str, float]]:
        """Scores for every actor named in the trigger's sentence, by actor index: the best
        of its mentions there for each role."""
        doc: Doc = trigger.doc
        aset = doc._.ag_actors if Doc.has_extension("ag_actors") else None
        if aset is None:
            return {}
        start, end = _sentence(trigger)
        info = trigger_side(trigger, self.lexicon, self.modality)
        out: dict[int, dict[str, float]] = {}
        for a in aset.actors:
            for m in a.mentions:
                if start <= m.start < end and not (m.start <= trigger.i < m.end):
                    feats = role_features(
                        trigger, doc[m.start : m.end], self.lexicon, self.modality, a.type, info
                    )
                    sc = self.scores(feats)
                    p = {r: float(sc[i]) for i, r in enumerate(ROLES)}
                    best = out.setdefault(a.index, dict.fromkeys(ROLES, 0.0))
                    for r in ("source", "target"):
                        best[r] = max(best[r], p[r])
                    best["none"] = 1.0 - max(best["source"], best["target"])
        return out


def _sentence(t: Token) -> tuple[int, int]:
    doc = t.doc
    a = t.i
    while a > 0 and not doc[a].is_sent_start:
        a -= 1
    b = t.i + 1
    while b < len(doc) and not doc[b].is_sent_start:
        b += 1
    return a, b


@lru_cache(maxsize=1)
def _builtin() -> RoleModel:
    return RoleModel._read(MODEL_DIR, load_lexicon(), load_modality_lexicon())
