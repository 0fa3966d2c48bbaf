"""Actor resolution within one document: mentions grouped into actors, typed, linked to the KB."""
