"""Places put on the map: a town the KB does not know is looked up in the gazetteer, and the
country the text gives it, or the one the document is about, picks among towns of one name.

The country comes, in order, from the mention's own words ("NAME, STATE", "the STATE town of
NAME", "STATE's NAME"), then from the states and KB places the whole document names (most
mentioned first). A name with no town in any of those countries is placed only when one town
of that name is far bigger than the rest; otherwise it stays without coordinates rather than
take a wrong country. A KB place without coordinates takes those of its namesake town in its
own country. The place's country links it to the state actor of that country
(extract/scene.state_of). A KB place whose country the text contradicts ("NAME, STATE") or
never speaks of gives way to its namesake in a country the document does speak of.

>>> # locate_places(doc, aset): sets aset.actors[i].kb for places that gain a town
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from actorgraph.kb import KBEntry
from actorgraph.kb.gazetteer import Gazetteer, Town
from actorgraph.resolve.model import ActorSet, ResolvedActor

# With no country from the text, a town is taken only when it is a city this big and this
# many times bigger than the next town of the same name.
LONE_CITY_POPULATION = 50_000
LONE_CITY_MARGIN = 10
# How far before a name a state may stand and still be its country ("the STATE town of").
COUNTRY_WINDOW = 4


def locate_places(doc: Doc, aset: ActorSet, gazetteer: Gazetteer | None = None) -> None:
    """Give the place actors of one document a KB entry with coordinates where the gazetteer
    knows them (see the module's docstring)."""
    gaz = gazetteer or Gazetteer.default()
    places = [a for a in aset.actors if a.type == "place" and a.parent is None]
    if not places:
        return
    talked = _document_countries(aset)
    states = {
        a.kb.country: a.kb for a in aset.actors if a.type == "state" and a.kb and a.kb.country
    }
    for a in places:
        if a.key.startswith("region:"):
            continue  # "northern STATE": a part of a state, no town
        local = _local_countries(doc, aset, a)
        if a.kb is not None:
            others = talked.copy()
            others[a.kb.country or ""] -= len(a.mentions)
            town = _namesake(doc, a, gaz, local, +others)
            if town is None:
                if a.kb.coordinates is None and a.kb.country:
                    _fill_coordinates(a, gaz)
                continue
        else:
            towns = _towns(doc, a, gaz)
            town = choose_town(towns, local, talked) if towns else None
            if town is None:
                continue
        state = states.get(town.country)
        a.kb = KBEntry.model_validate(
            {
                "id": town.kb_id,
                "name": a.name,
                "type": "place",
                "country": town.country,
                "located_in": state.id if state is not None else None,
                "coordinates": (town.lat, town.lon),
                "origin": "geonames",
            }
        )


def _namesake(
    doc: Doc, a: ResolvedActor, gaz: Gazetteer, local: list[str], others: Counter[str]
) -> Town | None:
    """A town of another country that a KB place's name stands for here: the one its own
    words name ("NAME, STATE"), or, when the document never speaks of the KB place's country,
    one in a country it does speak of."""
    kb = a.kb
    assert kb is not None
    if kb.origin == "user" or not kb.country:
        return None  # the user's own entry is what the user means
    if kb.country in local or (not local and others.get(kb.country)):
        return None
    towns = [t for t in _towns(doc, a, gaz) if t.country != kb.country]
    if local:
        return choose_town([t for t in towns if t.country in local], local, Counter())
    known = [t for t in towns if others.get(t.country)]
    return choose_town(known, [], others) if known else None


def choose_town(towns: list[Town], local: list[str], talked: Counter[str]) -> Town | None:
    """The town a name stands for: in a country its own words give, else in the country the
    document names most, else a city that dwarfs its namesakes; None when nothing decides.

    >>> t = [Town(1, "AAA", 0, 0, 900), Town(2, "BBB", 1, 1, 50)]
    >>> choose_town(t, ["BBB"], Counter()).geonameid, choose_town(t, [], Counter()) is None
    (2, True)
    """
    if not towns:
        return None
    for country in local:
        here = [t for t in towns if t.country == country]
        if here:
            return max(here, key=lambda t: t.population)
    known = [t for t in towns if talked.get(t.country)]
    if known:
        return max(known, key=lambda t: (talked[t.country], t.population))
    ranked = sorted(towns, key=lambda t: -t.population)
    top = ranked[0]
    if top.population < LONE_CITY_POPULATION:
        return None
    if len(ranked) > 1 and ranked[1].population * LONE_CITY_MARGIN > top.population:
        return None
    return top


def _towns(doc: Doc, a: ResolvedActor, gaz: Gazetteer) -> list[Town]:
    seen: dict[int, Town] = {}
    for text in dict.fromkeys(doc[m.start : m.end].text for m in a.mentions if m.kind == "name"):
        for t in gaz.lookup(text):
            seen.setdefault(t.geonameid, t)
    return list(seen.values())


def _fill_coordinates(a: ResolvedActor, gaz: Gazetteer) -> None:
    kb = a.kb
    assert kb is not None
    for name in (kb.name, *kb.aliases, a.name):
        here = [t for t in gaz.lookup(name) if t.country == kb.country]
        if here:
            town = max(here, key=lambda t: t.population)
            a.kb = kb.model_copy(update={"coordinates": (town.lat, town.lon)})
            return


def _document_countries(aset: ActorSet) -> Counter[str]:
    """Countries the document talks about: its states and KB places, by mentions."""
    out: Counter[str] = Counter()
    for a in aset.actors:
        if a.kb is not None and a.kb.country and a.type in {"state", "place"}:
            out[a.kb.country] += len(a.mentions)
    return out


def _local_countries(doc: Doc, aset: ActorSet, a: ResolvedActor) -> list[str]:
    """Countries the words around a place's mentions give it: a state after a comma
    ("NAME, STATE") or shortly before it ("the STATE town of NAME", "STATE's NAME")."""
    out: list[str] = []
    for m in a.mentions:
        if m.kind != "name":
            continue
        if m.end + 1 < len(doc) and doc[m.end].text == ",":
            out.extend(_state_country(aset.actor_at(m.end + 1)))
        sent_start = doc[m.start].sent.start
        for k in range(m.start - 1, max(sent_start, m.start - COUNTRY_WINDOW) - 1, -1):
            other = aset.actor_at(k)
            if other is not None and other is not a:
                out.extend(_state_country(other))
                break  # the nearest name before is the only one that may qualify this one
    return list(dict.fromkeys(out))


def _state_country(a: ResolvedActor | None) -> list[str]:
    if a is not None and a.type == "state" and a.kb is not None and a.kb.country:
        return [a.kb.country]
    return []
