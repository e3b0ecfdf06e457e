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
    # Hostile or broken inputs (issue #20): refused one at a time, never the batch.
    E012 = "not a regular file (a device, FIFO or socket): only files and directories are read"
    E013 = "larger than the limit of {limit} bytes (raise it with --max-bytes)"
    E014 = "field {field!r} must be a string, not {kind}"
    E015 = "not text: {share:.0%} of the characters are control characters"
    E016 = "cannot write the output {path}: {detail}"
    E017 = "no words to code: the text has no letters"
    E018 = "could not parse the HTML page: {detail}"
    E020 = "no spaCy English model is installed (tried: {tried})"
    E021 = "data file {path} is invalid: {detail}"
    # PETRARCH/TABARI verb dictionaries (issue #14): every error names the file and line.
    E022 = "verb dictionary {path}, line {line}: {detail}"
    E023 = "coding ontology {path}, line {line}: {detail}"
    E024 = "cannot read the dictionary {path}: {detail}"
    W001 = "no publication date known: relative time expressions are left unresolved"
    W002 = (
        "a long document ({chars} characters) was coded in segments of at most {limit}: "
        "pronouns, quotations and dates do not reach across segments"
    )
    # The corpus layer: fetching, the store, exports and Dask.
    E030 = (
        "refused: {host} resolves to the non-public address {address} "
        "(use --allow-private to fetch from private, loopback or link-local addresses)"
    )
    E031 = "could not fetch: {detail}"
    E032 = "response larger than the limit of {limit} bytes"
    E033 = "not an http(s) URL"
    E034 = "too many redirects (more than {limit})"
    E035 = "not a usable feed: {detail}"
    E036 = (
        "no complete answer within {seconds} s (the --timeout deadline covers connecting, "
        "the headers, the body and every redirect)"
    )
    E037 = "not a valid URL: {detail}"
    E038 = "cannot decode the response: {detail}"
    E040 = "cannot open the store {path}: {detail}"
    E041 = (
        "the store {path} has schema version {found}; this version of thucydides "
        "knows versions up to {supported}: upgrade thucydides"
    )
    E042 = "invalid {kind} row: {detail}"
    E043 = "the optional extra {extra!r} is not installed: pip install 'thucydides[{extra}]'"
    E044 = "bad --dask value {value!r}: expected a scheduler address or local:N"
    E045 = "cannot use the Dask cluster {address}: {detail}"
    E046 = "invalid --by {value!r}: expected day, week or month"
    E047 = (
        "the store is busy: another process has held its write lock for more than "
        "{seconds:g} s; run again when it has finished"
    )
    E048 = "cannot write to the store: {detail}"
    # The web API and dashboard (thucydides serve).
    E050 = "not found: {what}"
    E051 = "request body larger than the limit of {limit} bytes"
    E052 = "invalid request: {detail}"
    E053 = "authentication required: send the header 'Authorization: Bearer <token>'"
    E054 = "the token given is not the one this server was started with"
    E055 = (
        "writes are disabled on this server: start it with --token (or THUCYDIDES_TOKEN) "
        "and send that token"
    )
    E056 = "unsupported content type {kind!r}: expected {expected}"
    E057 = "method {method} is not allowed here"
    E058 = "internal server error ({kind}); the server log has the details"
    E059 = "the search text has no words to search for (only spaces or control characters)"
    # Reliability of the web API (issue #20).
    E065 = "JSON nested deeper than {limit} levels"
    E066 = "this document could not be ingested ({kind}): {detail}"
    E067 = (
        "the article's text has {size} characters, over the coding budget of {limit} "
        "(thucydides serve --code-text-limit)"
    )
    E068 = "every coding slot is busy ({capacity} at once): retry in {seconds} s"
    W050 = (
        "serving on {host}, reachable from other machines, with every read open: "
        "use --private and --token to restrict it"
    )

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"{self.name} {self.value.format(**kwargs)}"


def one_line(text: str, limit: int = 300) -> str:
    """``text`` as one line of an error message: white space flattened, cut at ``limit``
    characters (a parser's message can quote a whole page)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def crash_detail(exc: BaseException, limit: int = 300) -> str:
    """An unexpected exception as the detail of an error message: its type and its text."""
    return one_line(f"{type(exc).__name__}: {exc}", limit)


class ThucydidesError(Exception):
    """Base class of the engine's errors."""

    def __init__(self, msg: Msg, **kwargs: object) -> None:
        self.msg = msg
        self.detail = msg.format(**kwargs)
        super().__init__(self.detail)

    def __reduce__(self) -> tuple[object, ...]:
        # Errors travel between processes (Dask workers return them as values); the
        # default pickling would call __init__ with the formatted text alone.
        return (_restore_error, (type(self), self.__dict__.copy()))


def _restore_error(cls: type[ThucydidesError], state: dict[str, object]) -> ThucydidesError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["detail"])
    error.__dict__.update(state)
    return error


class InputError(ThucydidesError):
    """One input document cannot be read or coded; the rest of a batch goes on."""

    def __init__(self, source: str, msg: Msg, **kwargs: object) -> None:
        self.source = source
        super().__init__(msg, **kwargs)

    def __str__(self) -> str:
        return f"{self.source}: {self.detail}"


class QueryError(ThucydidesError):
    """A query of the store cannot be asked as given (a search text with no words)."""


class ConfigError(ThucydidesError):
    """The engine itself cannot start: a model or data file is missing or broken."""


class ClusterError(ThucydidesError):
    """The Dask cluster cannot be reached or lost the work it was given."""
