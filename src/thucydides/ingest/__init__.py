"""Stage 1: turn inputs (files, directories, JSON Lines, standard input) into Documents.

The public entry point is :func:`read_inputs`; it yields a :class:`~thucydides.model.Document`
or an :class:`~thucydides.errors.InputError` for each document, in input order, so that one
broken document never costs the rest of a batch.
"""

from thucydides.ingest.sources import read_inputs, read_text_document
from thucydides.ingest.text import make_document

__all__ = ["make_document", "read_inputs", "read_text_document"]
