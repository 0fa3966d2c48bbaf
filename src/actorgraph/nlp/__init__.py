"""The spaCy pipeline, built in one place (pipeline.py), with actorgraph's own components."""

from actorgraph.nlp.pipeline import DEFAULT_MODEL, PipelineConfig, load_pipeline

__all__ = ["DEFAULT_MODEL", "PipelineConfig", "load_pipeline"]
