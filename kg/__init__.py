"""Serving side of the Learning Cities Knowledge Graph: store, build, HTTP app."""

__version__ = "0.1.0"
