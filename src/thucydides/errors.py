"""Every error and warning message the engine produces, in one catalogue.

Library code raises these exceptions; it never prints or exits. The command line turns an
:class:`InputError` into one line on standard error naming the input and the problem.
"""

from __future__ import annotations

from enum import StrEnum


class Msg(StrEnum):
    """Message templates, formatted with keyword arguments."""

    E001 = "no such file or directory"
    E002 = "empty document: no text to code"
    E003 = "not UTF-8 text (binary file or another encoding)"
    E004 = "no article text found in the HTML page"
    E005 = "not English (detected language: {language}); only English is supported"
    E006 = "invalid JSON: {detail}"
    E007 = "JSON record has neither a 'text' nor an 'html' field"
    E008 = "invalid date {value!r}: expected YYYY-MM-DD"
    E010 = "could not read: {detail}"
    E011 = "internal error while coding: {detail}"
    E020 = "no spaCy English model is installed (tried: {tried})"
    E021 = "data file {path} is invalid: {detail}"
    W001 = "no publication date known: relative time expressions are left unresolved"

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"{self.name} {self.value.format(**kwargs)}"


class ThucydidesError(Exception):
    """Base class of the engine's errors."""

    def __init__(self, msg: Msg, **kwargs: object) -> None:
        self.msg = msg
        self.detail = msg.format(**kwargs)
        super().__init__(self.detail)


class InputError(ThucydidesError):
    """One input document cannot be read or coded; the rest of a batch goes on."""

    def __init__(self, source: str, msg: Msg, **kwargs: object) -> None:
        self.source = source
        super().__init__(msg, **kwargs)

    def __str__(self) -> str:
        return f"{self.source}: {self.detail}"


class ConfigError(ThucydidesError):
    """The engine itself cannot start: a model or data file is missing or broken."""
