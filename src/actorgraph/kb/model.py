"""Typed KB entries. The files under data/kb/ and users' --kb YAML files hold lists of these."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

KBType = Literal["person", "organization", "state", "place", "group"]


class Role(BaseModel):
    """A dated role of a person: ``relation`` to ``org`` (a KB id) between ``start`` and ``end``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    relation: Literal["leader_of", "deputy_leader_of", "member_of"] = "leader_of"
    title: str | None = Field(None, description="office as written, e.g. secretary-general")
    org: str = Field(description="KB id of the organisation or state")
    start: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    end: str | None = None


class KBEntry(BaseModel):
    """One real-world actor.

    Example (YAML)::

        - id: org/hezbollah
          name: Hizbullah
          type: organization
          aliases: [Hezbollah, Hizballah, Hizb Allah]
          country: LBN
          sector: REB
          wikidata: Q41053
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    name: str
    type: KBType
    aliases: list[str] = []
    demonyms: list[str] = Field(default_factory=list, description="Iranian -> Iran (states)")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(None, description="CAMEO agent code: GOV, MIL, REB, IGO, ...")
    wikidata: str | None = None
    parent: str | None = Field(None, description="KB id this is part_of (a wing, a bureau)")
    located_in: str | None = Field(None, description="KB id of the containing place or state")
    capital_of: str | None = Field(
        None, description="KB id of the state whose capital (seat of government) this place is"
    )
    coordinates: tuple[float, float] | None = Field(None, description="(lat, lon)")
    roles: list[Role] = []
    origin: str | None = Field(
        None, description="where the entry came from: curated, phoenix, user"
    )
