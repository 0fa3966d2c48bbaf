"""The actor knowledge base: data files (YAML/JSON) of actors, aliases, roles and places."""

from actorgraph.kb.loader import KnowledgeBase, normalize_name
from actorgraph.kb.model import KBEntry, Role

__all__ = ["KBEntry", "KnowledgeBase", "Role", "normalize_name"]
