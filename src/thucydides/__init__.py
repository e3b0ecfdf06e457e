"""thucydides: news in, structured geopolitical record out.

The public API is small: build a :class:`Pipeline` once, then code documents made with
:func:`read_text_document` (or read from files with :func:`read_inputs`) into
:class:`Record` values, and serialise them with :func:`record_json`.

>>> from thucydides import Pipeline, read_text_document, record_json
>>> pipeline = Pipeline()                                    # doctest: +SKIP
>>> text = "India shelled Pakistani posts on Monday."
>>> record = pipeline(read_text_document(text))  # doctest: +SKIP
"""

from thucydides.errors import ConfigError, InputError, ThucydidesError
from thucydides.ingest import read_inputs, read_text_document
from thucydides.model import (
    Actor,
    ActorRef,
    Agreement,
    Document,
    Event,
    EventDate,
    EventType,
    Location,
    Quote,
    Record,
    Stance,
    TimeRef,
)
from thucydides.output import SCHEMA_ID, record_json, schema
from thucydides.pipeline import Config, Pipeline

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID",
    "Actor",
    "ActorRef",
    "Agreement",
    "Config",
    "ConfigError",
    "Document",
    "Event",
    "EventDate",
    "EventType",
    "InputError",
    "Location",
    "Pipeline",
    "Quote",
    "Record",
    "Stance",
    "ThucydidesError",
    "TimeRef",
    "__version__",
    "read_inputs",
    "read_text_document",
    "record_json",
    "schema",
]
