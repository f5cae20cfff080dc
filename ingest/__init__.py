"""Ingest pipeline: Vietnamese news articles → RDF facts with sentence-level provenance.

Stages (pure functions over the frozen dataclasses of :mod:`ingest.model`)::

    clean → segment → mentions → link → facts → rdf → validate

The entry points used by ``kg`` live in :mod:`ingest.api`.
"""
