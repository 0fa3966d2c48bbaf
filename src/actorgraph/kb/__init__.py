"""The actor knowledge base: data files (YAML/JSON) of actors, aliases, roles and places."""

from actorgraph.kb.model import KBEntry, Role

__all__ = ["KBEntry", "Role"]
