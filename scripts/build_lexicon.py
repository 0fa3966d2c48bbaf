"""Build the generated event-lexicon data files from the shared reference material.

Writes two files into ``src/actorgraph/data/lexicon/``:

* ``cameo.json``: every CAMEO code -> short label, PLOVER type / mode / context, Goldstein score.
* ``events_derived.json``: verb lemmas with default CAMEO codes and refinement patterns, derived
  from the PETRARCH-2 verb dictionary ``CAMEO.2.0.txt``.

Usage::

    .venv/bin/python scripts/build_lexicon.py [--reference DIR] [--out DIR]

Origins and licences of the inputs are recorded in ``src/actorgraph/data/lexicon/SOURCE.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.concepts import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = Path("/work/shared/reference")
DEFAULT_OUT = ROOT / "src" / "actorgraph" / "data" / "lexicon"

# Words that can follow a verb as a particle (spaCy dep ``prt``) in a PETRARCH pattern.
_PARTICLES_WORDS = """
up down out off back away over forward aside together apart around through in on along ahead
behind
"""
PARTICLES = frozenset(_PARTICLES_WORDS.split())
# Words accepted as the first word of a parenthesised prepositional group.
_PREPOSITIONS_WORDS = """
about above across after against along amid amidst among amongst around as at before behind
below beneath beside besides between beyond by despite during for from in inside into near of
off on onto out outside over past since through throughout to toward towards under until upon
via with within without
"""
PREPOSITIONS = frozenset(_PREPOSITIONS_WORDS.split())
ROLE_MARKERS = frozenset({"+", "$", "^", "%"})


# --------------------------------------------------------------------------------------------
# cameo.json
# --------------------------------------------------------------------------------------------


def parse_plover_table(text: str) -> dict[str, dict[str, str | None]]:
    """Parse ``CAMEO2PLOVER``: ``code: TYPE, mode, context # label`` -> {plover, mode, context}."""
    table: dict[str, dict[str, str | None]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        plover = parts[0].upper()
        if plover not in PLOVER_TYPES:
            continue
        mode = parts[1] or None
        context = ", ".join(p.strip() for p in parts[2].split(";") if p.strip()) or None
        table.setdefault(m.group(1), {"plover": plover, "mode": mode, "context": context})
    return table


# Where the CAMEO2PLOVER table disagrees with the PLOVER manual or its own gold-standard
# coding, those win (issue 12).
MANUAL_OVERRIDES: dict[str, tuple[str, str]] = {
    "0831": (
        "RETREAT",
        "PLOVER gold-standard records code a resignation as RETREAT (the "
        "CAMEO2PLOVER table: CONCEDE)",
    ),
    "163": (
        "SANCTION",
        "PLOVER manual: an embargo or sanctions is SANCTION (the CAMEO2PLOVER "
        "table maps 163 to COERCE)",
    ),
}


def _clean_label(text: str) -> str:
    text = text.replace("Threate n", "Threaten").replace("\u00d2", '"').replace("\u00d3", '"')
    return re.sub(r"\s+", " ", text).strip()


def build_cameo(
    lookup_text: str, goldstein: dict[str, Any], plover_text: str
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Return ``({code: info}, {code: note})`` for the union of the lookup and Goldstein codes.

    Decisions (also in SOURCE.md): the label is the Goldstein file's (it follows the CAMEO 1.1b3
    numbering; the GDELT lookup mislabels 101-108), falling back to the lookup's. The Goldstein key
    ``1883`` is a typo for ``183``. Codes the PLOVER table does not map get: 01x -> STATEMENT;
    02x (appeals) -> REQUEST with the mode/context of the matching 10x demand code; anything else
    -> the PLOVER type of its nearest mapped ancestor (3-digit, then 2-digit code).
    """
    gold = dict(goldstein)
    if "1883" in gold and "183" not in gold:
        gold["183"] = gold.pop("1883")
    labels: dict[str, str] = {}
    for raw in lookup_text.splitlines()[1:]:
        parts = raw.split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit():
            labels[parts[0].strip()] = parts[1]
    table = parse_plover_table(plover_text)
    notes: dict[str, str] = {}
    out: dict[str, dict[str, Any]] = {}
    for code in sorted(set(labels) | set(gold), key=lambda c: (c[:2], c)):
        gentry = gold.get(code, {})
        desc = _clean_label(str(gentry.get("description") or labels.get(code, "")))
        score = gentry.get("value")
        if score is None:
            score = gold.get(code[:3], gold.get(code[:2], {})).get("value")
            notes[code] = "goldstein from parent code"
        mapping = table.get(code)
        if mapping is None:
            mapping, why = _unmapped(code, table)
            notes[code] = (notes[code] + "; " if code in notes else "") + why
        if code in MANUAL_OVERRIDES:
            kind, why = MANUAL_OVERRIDES[code]
            mapping = {"plover": kind, "mode": None, "context": mapping["context"]}
            notes[code] = why
        out[code] = {
            "description": desc,
            "plover": mapping["plover"],
            "mode": mapping["mode"],
            "context": mapping["context"],
            "goldstein": float(score) if score is not None else None,
        }
    return out, notes


def _unmapped(
    code: str, table: dict[str, dict[str, str | None]]
) -> tuple[dict[str, str | None], str]:
    if code.startswith("01"):
        return {"plover": "STATEMENT", "mode": None, "context": None}, "01x -> STATEMENT"
    if code.startswith("02"):
        demand = "10" + code[2:] if len(code) > 2 else "10"
        src = table.get(demand) or table.get(demand[:3]) or table["100"]
        return dict(src), f"02x appeal -> REQUEST like {demand}"
    for parent in (code[:3], code[:2] + "0"):
        if parent != code and parent in table:
            base = table[parent]
            return {"plover": base["plover"], "mode": None, "context": base["context"]}, (
                f"PLOVER type of parent {parent}"
            )
    two = {
        "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
        "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
        "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
        "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
    }  # fmt: skip
    return {"plover": two[code[:2]], "mode": None, "context": None}, "PLOVER cue-category table"


# --------------------------------------------------------------------------------------------
# events_derived.json
# --------------------------------------------------------------------------------------------


@dataclass
class Synset:
    name: str
    code: str | None
    members: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (body, code, comment)


def _code(text: str) -> tuple[str | None, bool]:
    """``[040]`` -> ('040', ok); ``[042:043]`` -> first; ``[:173]``/``[---]`` -> (None, reason)."""
    text = text.strip()
    first = text.split(":", 1)[0].strip()
    if re.fullmatch(r"\d{2,4}", first):
        return first, True
    return None, text.startswith(":")


def _word(token: str) -> str:
    return token.strip("_").replace("_", " ").lower()


def noun_lemma(word: str) -> str:
    """A small deterministic plural -> singular rule; ``WORD_`` (trailing _) is left as is."""
    if word.endswith("_"):
        return _word(word)
    w = _word(word)
    if " " in w:
        head, _, last = w.rpartition(" ")
        return f"{head} {noun_lemma(last)}"
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


def parse_noun_synsets(text: str) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur: str | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            cur = line.strip().rstrip("_")
            sets[cur] = []
        elif line.startswith("+") and cur is not None:
            sets[cur].append(line[1:].strip())
        elif line.startswith("---"):
            cur = None
    return sets


def parse_verb_synsets(text: str) -> list[Synset]:
    synsets: list[Synset] = []
    cur: Synset | None = None
    in_verbs = False
    for raw in text.splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", raw)
        if m:
            cur = Synset(m.group(1), _code(m.group(2))[0])
            synsets.append(cur)
            continue
        if cur is None or not raw.strip() or raw.startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        if raw.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", body)
            if pm:
                cur.patterns.append((pm.group(1), pm.group(2), comment.strip()))
            continue
        body = body.split(";", 1)[0]
        cm = re.search(r"\[([^\]]*)\]", body)
        own = _code(cm.group(1))[0] if cm else None
        forms = re.findall(r"\{([^}]*)\}", body)
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
        if not head:
            continue
        inflected = [f.lstrip("+") for f in " ".join(forms).split()]
        cur.members.append((head[0].lstrip("+"), own, inflected))
    return synsets


_TOKEN = re.compile(r"\{[^}]*\}|\(|\)|[^\s(){}]+")


def _expand(unit: str, nouns: dict[str, list[str]]) -> list[str] | None:
    """A noun unit (WORD, {WORD WORD}, &SET) -> lemma phrases, or None if not expressible."""
    if unit.startswith("{"):
        parts = unit.strip("{}").split()
        if not parts:
            return None
        options: list[list[str]] = []
        for p in parts:
            if p.startswith("&"):
                members = nouns.get(p.rstrip("_"))
                if not members:
                    return None
                options.append([_word(x) for x in members])
            else:
                options.append([_word(p)])
        phrases = [""]
        for i, opt in enumerate(options):
            last = i == len(options) - 1
            phrases = [
                f"{ph} {noun_lemma(o) if last else o}".strip() for ph in phrases for o in opt
            ]
        return phrases
    if unit.startswith("&"):
        members = nouns.get(unit.rstrip("_"))
        return [noun_lemma(x) for x in members] if members else None
    if re.fullmatch(r"[A-Z][A-Z'_-]*", unit):
        return [noun_lemma(unit)]
    return None


def convert_pattern(body: str, nouns: dict[str, list[str]]) -> dict[str, Any] | str:
    """A PETRARCH pattern body (without code) -> engine pattern dict, or a reason for dropping."""
    tokens = [t for t in _TOKEN.findall(body) if t not in ROLE_MARKERS]
    if "*" not in tokens:
        return "no verb slot"
    star = tokens.index("*")
    if tokens[:star]:
        return "subject-side words"
    rest = tokens[star + 1 :]
    free: list[str] = []
    groups: list[list[str]] = []
    i = 0
    while i < len(rest):
        t = rest[i]
        if t == "(":
            j = rest.index(")", i) if ")" in rest[i:] else -1
            if j < 0:
                return "unbalanced parentheses"
            groups.append(rest[i + 1 : j])
            i = j + 1
        elif t == ")":
            return "unbalanced parentheses"
        else:
            free.append(t)
            i += 1
    particle: str | None = None
    if free and free[0].lower() in PARTICLES and not free[0].startswith(("{", "&")):
        particle = free.pop(0).lower()
    prep: str | None = None
    prep_nouns: list[str] = []
    for g in groups:
        if not g:
            continue
        first = g[0].lower()
        if first in PREPOSITIONS:
            if prep is not None:
                return "more than one prepositional group"
            prep, prep_nouns = first, g[1:]
        elif first in PARTICLES and particle is None and len(g) <= 2 and not free:
            particle = first
            free = g[1:]
        else:
            return "unrecognised group"
    if len(free) > 1 or len(prep_nouns) > 1:
        return "more than one noun slot"
    if free and prep_nouns:
        return "object and prepositional object both constrained"
    unit = free[0] if free else (prep_nouns[0] if prep_nouns else None)
    pattern: dict[str, Any] = {}
    if particle:
        pattern["particle"] = particle
    if prep:
        pattern["prep"] = prep
    if unit is not None:
        objs = _expand(unit, nouns)
        if not objs:
            return "unknown word or synset"
        pattern["object"] = sorted(set(objs))
    if not pattern:
        return "no constraint"
    return pattern


def derive_verbs(text: str, known_codes: set[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Derive ``[{lemma, code, patterns}]`` plus statistics from CAMEO.2.0.txt text.

    A pattern is attached to the synset members its comment names (the verb it was originally
    found under, ``# RUSH``); when the comment names no member it applies to every member, as in
    PETRARCH-2. Where a lemma is in several synsets its default code is the first non-null one.
    """
    nouns = parse_noun_synsets(text)
    synsets = parse_verb_synsets(text)
    entries: dict[str, dict[str, Any]] = {}
    dropped: Counter[str] = Counter()
    kept = 0
    conflicts = 0
    for syn in synsets:
        form_to_lemma: dict[str, str] = {}
        for base, _own, inflected in syn.members:
            lemma = _word(base)
            for form in [base, *inflected]:
                form_to_lemma[form.upper().strip("_")] = lemma
        for base, own, _ in syn.members:
            lemma = _word(base)
            code = own or syn.code
            entry = entries.setdefault(lemma, {"lemma": lemma, "code": None, "patterns": []})
            if entry["code"] is None:
                entry["code"] = code
            elif code is not None and code != entry["code"]:
                conflicts += 1
        for body, code_text, comment in syn.patterns:
            code, reverse = _code(code_text)
            if code is None:
                dropped["reverse-role code [:x]" if reverse else "null code [---]"] += 1
                continue
            if code not in known_codes:
                dropped["unknown CAMEO code"] += 1
                continue
            result = convert_pattern(body, nouns)
            if isinstance(result, str):
                dropped[result] += 1
                continue
            named = {
                form_to_lemma[w] for w in re.split(r"[\s,]+", comment.upper()) if w in form_to_lemma
            }
            targets = named or {_word(b) for b, _, _ in syn.members}
            result["code"] = code
            for lemma in sorted(targets):
                pats = entries[lemma]["patterns"]
                if result not in pats:
                    pats.append(dict(result))
            kept += 1
    verbs = []
    for lemma in sorted(entries):
        entry = entries[lemma]
        if entry["code"] is not None and entry["code"] not in known_codes:
            entry["code"] = None
        if entry["code"] is None and not entry["patterns"]:
            continue
        verbs.append(entry)
    stats = {
        "synsets": len(synsets),
        "verbs": len(verbs),
        "verbs_with_default_code": sum(1 for v in verbs if v["code"]),
        "patterns_in_source": kept + sum(dropped.values()),
        "patterns_kept": kept,
        "patterns_dropped": sum(dropped.values()),
        "dropped_by_reason": dict(sorted(dropped.items())),
        "default_code_conflicts": conflicts,
    }
    return verbs, stats


# --------------------------------------------------------------------------------------------


def build(reference: Path, out: Path) -> dict[str, Any]:
    cameo, notes = build_cameo(
        (reference / "cameo" / "LOOKUP-CAMEO.eventcodes.txt").read_text(encoding="latin-1"),
        json.loads((reference / "cameo" / "cameo_goldstein.json").read_text(encoding="utf-8")),
        (reference / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"),
    )
    verbs, stats = derive_verbs(
        (reference / "phoenix" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace"),
        set(cameo),
    )
    out.mkdir(parents=True, exist_ok=True)
    cameo_doc = {
        "_about": "Generated by scripts/build_lexicon.py; origin and licences in SOURCE.md "
        "(derived from CAMEO2PLOVER, CC BY-SA 4.0: shared alike).",
        "notes": notes,
        "codes": cameo,
    }
    (out / "cameo.json").write_text(json.dumps(cameo_doc, indent=1, ensure_ascii=False) + "\n")
    derived_doc = {
        "_about": "Generated by scripts/build_lexicon.py from CAMEO.2.0.txt (MIT, Open Event "
        "Data Alliance); see SOURCE.md. Overridden by events.yaml.",
        "stats": stats,
        "verbs": verbs,
    }
    (out / "events_derived.json").write_text(
        json.dumps(derived_doc, indent=None, separators=(",", ":"), ensure_ascii=False) + "\n"
    )
    return {"codes": len(cameo), **stats}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    summary = build(args.reference, args.out)
    sys.stdout.write(json.dumps(summary, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
