"""actorgraph: a sourced, dated, geolocated graph of actors, relations and events from news text."""

from actorgraph.errors import ActorgraphError

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"

__all__ = ["SCHEMA_VERSION", "ActorgraphError", "__version__"]
