"""PETRARCH/TABARI verb dictionaries: the typed model, the readers and the built-in copy.

Two text formats are read, both described by their original readers (``PETRreader.py`` and
``UD-PETRreader.py``, ``read_verb_dictionary``); this module is written from those
descriptions, not from their code:

- **PETRARCH-2** (``CAMEO.2.0.txt``), read by :func:`read_petrarch_verbs`;
- **UD-PETRARCH 2.02** (the validation suite's ``PETR_Validate_verbs_2_02.txt``), read by
  :func:`read_ud_petrarch_verbs` with its internal coding ontology.

The formats share one syntax::

    &CURRENCY                      a synonym set; '+' lines are its members
    +DOLLAR                        a member; a plural is generated unless it ends in '_'
    --- GRANT [070] ---            a verb block and its default code
    GIVE {GAVE GIVEN GIVING}       a verb; irregular forms in { }, else -S/-ED/-ING made
    CLARIFY [040]                  a verb with its own code
    +CORDON_OFF                    a multi-word verb: '+' marks the verb, '_' joins words
    - * &CURRENCY (TO +) [071]     a pattern: words before and after the verb '*'
    ~ a (a b ATTACK) SAY = a b 015 a transformation of nested events

In patterns ``$`` is the source, ``+`` the target, ``%`` a compound actor (source and target
in one phrase), ``^`` any noun phrase to skip, ``&NAME`` a synonym set, ``{A B}`` a noun
phrase with its head last and ``(P A B)`` a prepositional phrase. Codes are CAMEO codes as
written: ``[---]`` codes no event, ``[042:043]`` two events (source to target, then target
to source), ``[:020]`` only the second. Neither format marks a pattern as negated: negation
is the coder's business (``NOT`` in a pattern is a literal word).

The formats differ in meaning: PETRARCH-2 matches word forms, so regular verb forms are
generated here as it generates them; UD-PETRARCH matches lemmas of a dependency parse and
uses only the forms written. Everything the original programs would have misread or ignored
is kept and reported in :attr:`VerbDictionary.notices`; a line that cannot be read at all
is a :class:`~thucydides.errors.ConfigError` naming the file and the line (E022).

The CAMEO.2.0 dictionary ships inside the package as ``data/events/petrarch_verbs.tsv``,
written by ``scripts/convert_petrarch_verbs.py`` with :func:`render_tsv` and read back by
:func:`load_builtin_verbs`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, TypeAlias

from thucydides.errors import ConfigError, Msg
from thucydides.resources import data_path

Format = Literal["petrarch", "ud-petrarch"]
TokenKind = Literal["word", "synset", "source", "target", "compound", "skip"]

NULL_CODE = "---"
Correction: TypeAlias = tuple[str, str]  # a line as written, and the line to read instead
BUILTIN_FILE = "petrarch_verbs.tsv"

# ---- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventCode:
    """A code as written between brackets: ``050``, ``---``, ``042:043``, ``:020``."""

    text: str

    @property
    def is_null(self) -> bool:
        """``[---]``: the verb or pattern is known but codes no event."""
        return self.text == NULL_CODE

    @property
    def forward(self) -> str | None:
        """The code of the source-to-target event, if any."""
        first = self.text.split(":", 1)[0]
        return None if first in ("", NULL_CODE) else first

    @property
    def reverse(self) -> str | None:
        """For a pair ``[042:043]``, the code of the target-to-source event."""
        _, colon, second = self.text.partition(":")
        return second if colon and second not in ("", NULL_CODE) else None

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(code for code in (self.forward, self.reverse) if code is not None)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a pattern, a synonym-set reference or a marker (``$ + % ^``)."""

    kind: TokenKind
    text: str  # the word as written (``AIR_STRIKE``: consecutive words), ``&NAME`` or the marker

    @property
    def words(self) -> tuple[str, ...]:
        """Consecutive words: TABARI joins them with ``_``."""
        return tuple(w for w in self.text.split("_") if w) if self.kind == "word" else ()


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """``{ARMS SHIPMENT}``: modifiers, then the head, the last word."""

    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        return self.tokens[-1]


@dataclass(frozen=True, slots=True)
class PrepPhrase:
    """``(TO BORDER)``: a preposition and what it governs, possibly nothing (``(TO)``)."""

    preposition: Token
    objects: tuple[Token | NounPhrase, ...]


Element: TypeAlias = Token | NounPhrase | PrepPhrase


@dataclass(frozen=True, slots=True)
class VerbPattern:
    id: str  # block id and the pattern's number in it, e.g. ``ACCELERATE.9``
    block: str  # the block's id
    code: EventCode
    before: tuple[Element, ...]  # what stands before the verb, in order
    after: tuple[Element, ...]  # what stands after it
    note: str  # the comment: in CAMEO.2.0 the verb the pattern was first written for
    source: str  # ``CAMEO.2.0.txt:724``

    @property
    def text(self) -> str:
        """The pattern in the dictionary's own notation, without its code."""
        return " ".join([*map(render_element, self.before), "*", *map(render_element, self.after)])

    @property
    def synsets(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens() if t.kind == "synset")

    def tokens(self) -> Iterator[Token]:
        for element in (*self.before, *self.after):
            yield from _element_tokens(element)


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A verb form: one word, or several (``CORDONED OFF``) of which one is the verb."""

    words: tuple[str, ...]
    verb_index: int = 0

    @property
    def verb(self) -> str:
        return self.words[self.verb_index]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def written(self) -> str:
        """The form as the dictionary writes it: ``+CORDON_OFF``, ``RE_+ARREST``."""
        if len(self.words) == 1:
            return self.words[0]
        marked = [("+" + w if i == self.verb_index else w) for i, w in enumerate(self.words)]
        return "_".join(marked)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb line of a block: its lemma, its other forms and an optional own code."""

    lemma: VerbForm
    forms: tuple[VerbForm, ...]  # listed in { } when ``irregular``, else generated (PETRARCH-2)
    irregular: bool
    code: EventCode | None  # None: the block's default code
    note: str
    source: str

    @property
    def written(self) -> str:
        braces = " {" + " ".join(f.written for f in self.forms) + "}" if self.irregular else ""
        return self.lemma.written + braces


@dataclass(frozen=True, slots=True)
class VerbBlock:
    id: str  # the block's name, made unique within the file (``ALLOW``, ``ALLOW~2``)
    name: str  # the name in its header: ``--- ACCELERATE [---] ---``
    code: EventCode  # the default code of its verbs
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[VerbPattern, ...]
    source: str

    @property
    def head(self) -> str:
        """The first verb listed: PETRARCH-1 filed the block's patterns under it."""
        return self.verbs[0].lemma.text if self.verbs else self.name

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.lemma.text for v in self.verbs))


@dataclass(frozen=True, slots=True)
class SynsetMember:
    element: Token | NounPhrase | PrepPhrase  # a word, consecutive words, (P ...) or &OTHER
    exact: bool  # written with a final '_': no plural
    plural: str | None  # the plural PETRARCH generates for a single word
    source: str


@dataclass(frozen=True, slots=True)
class Synset:
    name: str  # ``&CURRENCY``
    members: tuple[SynsetMember, ...]
    source: str

    @property
    def plurals(self) -> bool:
        """A label ending in ``_`` (``&AUXVERB1_``) asks for no plurals of its members."""
        return not self.name.endswith("_")


@dataclass(frozen=True, slots=True)
class Transformation:
    """``~ a (a b ATTACK) SAY = a b 015``: an event about an event, recoded."""

    pattern: str
    result: str
    source: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something read but not as its author wrote it, or that the original reader misread."""

    source: str
    text: str


@dataclass(frozen=True, slots=True)
class OntologyEntry:
    code: str
    value: int  # UD-PETRARCH's internal (PICO) value
    note: str
    source: str


@dataclass(frozen=True, slots=True)
class Ontology:
    """UD-PETRARCH's internal coding ontology: CAMEO code to an internal value."""

    entries: tuple[OntologyEntry, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(e.code for e in self.entries)

    def value(self, code: str) -> int | None:
        for entry in self.entries:
            if entry.code == code:
                return entry.value
        return None


@dataclass(frozen=True, slots=True)
class Discard:
    """A phrase whose sentence (or, with ``story``, whole story) is not coded."""

    words: tuple[str, ...]
    story: bool  # written with a leading '+'
    exact: bool  # written with a final '_': a whole word, not a stem
    source: str


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    name: str  # the file name: the prefix of every ``source``
    format: Format
    synsets: tuple[Synset, ...]
    blocks: tuple[VerbBlock, ...]
    transformations: tuple[Transformation, ...]
    notices: tuple[Notice, ...]
    ontology: Ontology | None = field(default=None)

    @property
    def patterns(self) -> tuple[VerbPattern, ...]:
        return tuple(p for block in self.blocks for p in block.patterns)

    @property
    def verbs(self) -> tuple[VerbEntry, ...]:
        return tuple(v for block in self.blocks for v in block.verbs)

    def synset(self, name: str) -> Synset | None:
        for synset in self.synsets:
            if synset.name == name:
                return synset
        return None

    def codes(self) -> Iterator[EventCode]:
        """Every code written: blocks', verbs' own and patterns'."""
        for block in self.blocks:
            yield block.code
            yield from (v.code for v in block.verbs if v.code is not None)
            yield from (p.code for p in block.patterns)

    def unknown_codes(self, known: Collection[str] | None = None) -> dict[str, int]:
        """Codes written that are not in ``known`` (default: the ontology's codes when the
        dictionary has one, else the CAMEO codebook), with how often each is written."""
        if known is None:
            known = self.ontology.codes if self.ontology is not None else _codebook_codes()
        counts = Counter(c.text for c in self.codes() if any(p not in known for p in c.parts))
        return dict(sorted(counts.items()))

    def undefined_synsets(self) -> dict[str, int]:
        """Synonym sets used in patterns or other sets but never defined, with their uses."""
        defined = {s.name for s in self.synsets}
        used = [t.text for p in self.patterns for t in p.tokens() if t.kind == "synset"]
        used += [
            t.text
            for s in self.synsets
            for m in s.members
            for t in _element_tokens(m.element)
            if t.kind == "synset"
        ]
        return dict(sorted(Counter(name for name in used if name not in defined).items()))


def _codebook_codes() -> frozenset[str]:
    from thucydides.cameo import load_codebook  # the codebook is only needed for this check

    return frozenset(load_codebook())


def _element_tokens(element: Element) -> Iterator[Token]:
    if isinstance(element, Token):
        yield element
    elif isinstance(element, NounPhrase):
        yield from element.tokens
    else:
        yield element.preposition
        for obj in element.objects:
            yield from _element_tokens(obj)


def render_element(element: Element) -> str:
    """An element in the dictionary's notation: ``AID``, ``{ARMS SHIPMENT}``, ``(TO +)``."""
    if isinstance(element, Token):
        return element.text
    if isinstance(element, NounPhrase):
        return "{" + " ".join(t.text for t in element.tokens) + "}"
    inner = [element.preposition.text, *map(render_element, element.objects)]
    return "(" + " ".join(inner) + ")"


# ---- forms --------------------------------------------------------------------------------


def regular_forms(verb: str) -> tuple[str, str, str]:
    """The -S, -ED and -ING forms exactly as PETRARCH-2 makes them: ``PASS`` → ``PASSES``,
    ``DENY`` → ``DENIES``, ``AGREE`` → ``AGREED``, ``MAKE`` → ``MAKING``, ``SEE`` → ``SEEING``.
    Its rules are kept even where English differs (``CARRY`` → ``CARRYED``): the dictionary
    lists irregular forms in ``{ }`` wherever its authors found the rule wrong."""
    if verb.endswith(("S", "X", "Z")):
        third = verb + "ES"
    elif verb.endswith("Y"):
        third = verb[:-1] + "IES"
    else:
        third = verb + "S"
    past = verb + "D" if verb.endswith("E") else verb + "ED"
    drops_e = verb.endswith("E") and len(verb) > 1 and verb[-2] not in "AEIOU"
    gerund = verb[:-1] + "ING" if drops_e else verb + "ING"
    return third, past, gerund


def plural_noun(word: str) -> str:
    """The plural PETRARCH makes for a synonym-set word (``make_plural_noun``), including its
    quirk for a final S (``PROCESS`` → ``PROCESES``)."""
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word[:-1] + "ES"
    return word + "S"


# ---- reading one line ---------------------------------------------------------------------


class _Malformed(ValueError):
    """A line cannot be read; the reader adds the file and line number."""


_MARKERS: dict[str, TokenKind] = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
_BRACKETS = frozenset("(){}")
_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_CODED = re.compile(r"^(?P<body>.*?)\s*\[(?P<code>[^\[\]\s]+)\]\s*$")
_HEADER = re.compile(
    r"^---\s*(?P<name>[^\s\[\]\-][^\s\[\]]*)\s*(?:\[(?P<code>[^\[\]\s]+)\])?[\s-]*$"
)
_VERB = re.compile(
    r"^(?P<lemma>[^\s{}\[\]()*]+)\s*(?:\{(?P<forms>[^{}\[\]]*)\})?\s*(?:\[(?P<code>[^\[\]\s]+)\])?$"
)


def split_comment(line: str) -> tuple[str, str]:
    """Content and comment of a line. ``#`` starts a comment, and TABARI's ``;`` too
    (``SCRAP {SCRAPPING SCRAPS SCRAPPED };shan 8/30/93``), except inside a code: ``[###]``."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return line[:i].rstrip(), " ".join(line[i + 1 :].split())
    return line.rstrip(), ""


@cache  # the same few thousand words recur: one Token each, made once
def _token(text: str) -> Token:
    if text in _MARKERS:
        return Token(_MARKERS[text], text)
    if text.startswith("&"):
        if len(text) == 1:
            raise _Malformed("'&' without a synonym-set name")
        return Token("synset", text)
    if any(c in text for c in "[]"):
        raise _Malformed(f"a stray bracket in {text!r}")
    return Token("word", text)


def _pattern_tokens(body: str) -> list[str]:
    tokens: list[str] = []
    for raw in _TOKEN.findall(body):
        if "*" not in raw or raw == "*":
            tokens.append(raw)
            continue
        # "*SCEPTICAL", "SPY_*_DEAL": TABARI glued words to the verb; the '_' only said so
        for i, part in enumerate(raw.split("*")):
            if i:
                tokens.append("*")
            if part.strip("_"):
                tokens.append(part.strip("_"))
    return tokens


def _closing(tokens: Sequence[str], start: int, close: str) -> int:
    opening = tokens[start]
    for j in range(start + 1, len(tokens)):
        if tokens[j] == close:
            return j
        if tokens[j] in ("(", "{", "*") and not (opening == "(" and tokens[j] == "{"):
            raise _Malformed(f"{tokens[j]!r} inside {opening}...{close}")
    raise _Malformed(f"{opening!r} is never closed")


def _noun_phrase(tokens: Sequence[str]) -> NounPhrase:
    if not tokens:
        raise _Malformed("an empty noun phrase { }")
    if any(t in _BRACKETS for t in tokens):
        raise _Malformed("brackets inside a noun phrase { }")
    return NounPhrase(tuple(_token(t) for t in tokens))


def _prep_phrase(tokens: Sequence[str]) -> PrepPhrase:
    if not tokens or tokens[0] in _BRACKETS:
        raise _Malformed("a prepositional phrase ( ) without its preposition")
    objects: list[Token | NounPhrase] = []
    i = 1
    while i < len(tokens):
        if tokens[i] == "{":
            end = _closing(tokens, i, "}")
            objects.append(_noun_phrase(tokens[i + 1 : end]))
            i = end + 1
        elif tokens[i] in ")}":
            raise _Malformed(f"an unmatched {tokens[i]!r}")
        else:
            objects.append(_token(tokens[i]))
            i += 1
    return PrepPhrase(_token(tokens[0]), tuple(objects))


def _element(tokens: Sequence[str], i: int) -> tuple[Element, int]:
    """The element starting at ``tokens[i]`` and the index after it."""
    if tokens[i] == "(":
        end = _closing(tokens, i, ")")
        return _prep_phrase(tokens[i + 1 : end]), end + 1
    if tokens[i] == "{":
        end = _closing(tokens, i, "}")
        return _noun_phrase(tokens[i + 1 : end]), end + 1
    if tokens[i] in ")}":
        raise _Malformed(f"an unmatched {tokens[i]!r}")
    return _token(tokens[i]), i + 1


def parse_pattern(body: str) -> tuple[tuple[Element, ...], tuple[Element, ...]]:
    """The elements before and after the verb of a pattern such as ``* (TO BORDER)``."""
    tokens = _pattern_tokens(body)
    if tokens.count("*") != 1:
        raise _Malformed(f"a pattern needs one verb '*', this one has {tokens.count('*')}")
    sides: tuple[list[Element], list[Element]] = ([], [])
    side, i = 0, 0
    while i < len(tokens):
        if tokens[i] == "*":
            side, i = 1, i + 1
            continue
        element, i = _element(tokens, i)
        sides[side].append(element)
    return tuple(sides[0]), tuple(sides[1])


def parse_coded(text: str) -> tuple[str, EventCode]:
    """Split ``* (TO BORDER) [154]`` into its body and its code."""
    match = _CODED.match(text)
    if match is None:
        raise _Malformed("no [code] at the end")
    if "[" in match["body"] or "]" in match["body"]:
        raise _Malformed("a bracket before the code")
    return match["body"], EventCode(match["code"])


def parse_verb_form(written: str) -> VerbForm:
    """``SAY``, ``+CORDON_OFF``, ``RE_+ARREST``: '_' joins words, '+' marks the verb."""
    words = [w for w in written.split("_") if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if not words or len(marked) > 1:
        raise _Malformed(f"{written!r} is not a verb form")
    if len(words) > 1 and not marked:
        raise _Malformed(f"the multi-word verb {written!r} does not mark its verb with '+'")
    clean = tuple(w.lstrip("+") for w in words)
    if not all(clean):
        raise _Malformed(f"{written!r} is not a verb form")
    return VerbForm(clean, marked[0] if marked else 0)


def inflect(lemma: VerbForm) -> tuple[VerbForm, ...]:
    """The regular forms of a (multi-word) verb: only its verb word changes."""
    at = lemma.verb_index
    return tuple(
        VerbForm((*lemma.words[:at], form, *lemma.words[at + 1 :]), at)
        for form in regular_forms(lemma.verb)
    )


def parse_verb_line(text: str, note: str, source: str, *, generate: bool) -> VerbEntry:
    """``GIVE {GAVE GIVEN GIVING} [070]``; with ``generate``, regular forms are made when
    no ``{ }`` lists the forms (PETRARCH-2)."""
    match = _VERB.match(text)
    if match is None:
        raise _Malformed(f"{text!r} is neither a verb, a pattern nor a header")
    lemma = parse_verb_form(match["lemma"])
    irregular = match["forms"] is not None
    if irregular:
        # TABARI separated forms with commas too: {+WAS_DETERMINED , +BE_DETERMINED}
        forms = tuple(parse_verb_form(w) for w in match["forms"].replace(",", " ").split())
    else:
        forms = inflect(lemma) if generate else ()
    code = EventCode(match["code"]) if match["code"] is not None else None
    return VerbEntry(lemma, forms, irregular, code, note, source)


def parse_member(text: str, *, plurals: bool, source: str) -> SynsetMember:
    """A synonym-set member: ``DOLLAR``, ``CASH_``, ``UN_PEACEKEEPERS``, ``AUSTRIAN FLORIN``,
    ``(TO THE END)`` or ``&TIETYPES``."""
    exact = text.endswith("_")
    body = text.rstrip("_")
    if not body:
        raise _Malformed("an empty synonym-set member")
    element: Token | NounPhrase | PrepPhrase
    if body.startswith("("):
        tokens = _pattern_tokens(body)
        found, end = _element(tokens, 0)
        if end != len(tokens) or "*" in tokens:
            raise _Malformed(f"the member {text!r} is more than one phrase")
        element = found
    else:
        words = body.replace("_", " ").split()
        tokens_ = tuple(_token(w) for w in words)
        element = tokens_[0] if len(tokens_) == 1 else NounPhrase(tokens_)
    single_word = isinstance(element, Token) and element.kind == "word"
    plural = plural_noun(body) if plurals and single_word and not exact else None
    return SynsetMember(element, exact, plural, source)


def parse_ontology_value(text: str) -> int:
    """``0x1000``, ``-0xFFFF+0x2045+0x300``, ``0``: signed hexadecimal terms summed."""
    terms = re.findall(r"([+-]?)\s*(0x[0-9A-Fa-f]+|\d+)", text)
    if not terms or re.sub(r"[+-]?\s*(0x[0-9A-Fa-f]+|\d+)", "", text).strip():
        raise _Malformed(f"{text!r} is not a sum of hexadecimal numbers")
    return sum((-1 if sign == "-" else 1) * _number(number) for sign, number in terms)


def _number(text: str) -> int:
    return int(text, 16) if text.lower().startswith("0x") else int(text)


# ---- reading a file -----------------------------------------------------------------------


@dataclass
class _Block:
    id: str
    name: str
    code: EventCode
    source: str
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class _Builder:
    """Reads a dictionary line by line; lives only while one file is read."""

    name: str
    format: Format
    synsets: dict[str, tuple[Synset, list[SynsetMember]]] = field(default_factory=dict)
    blocks: list[_Block] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    synset: str | None = None  # the set whose '+' members are being read

    def source(self, number: int) -> str:
        return f"{self.name}:{number}"

    def line(self, content: str, note: str, number: int) -> None:
        content = content.lstrip()
        if content.startswith("---"):
            self.header(content, number)
        elif content.startswith("-"):
            self.pattern(content[1:], note, number)
        elif content.startswith("&"):
            self.synset_label(content, number)
        elif content.startswith("~"):
            self.transformation(content[1:], number)
        elif content.startswith("+") and self.synset is not None:
            self.member(content[1:].strip(), number)
        elif content.startswith("*"):
            self.notices.append(Notice(self.source(number), "a pattern without its '-'"))
            self.pattern(content, note, number)
        else:
            self.verb(content, note, number)

    def current_block(self, what: str) -> _Block:
        self.synset = None
        if not self.blocks:
            raise _Malformed(f"{what} before the first verb block '--- NAME [CODE] ---'")
        return self.blocks[-1]

    def header(self, content: str, number: int) -> None:
        match = _HEADER.match(content)
        if match is None:
            raise _Malformed("a block header is '--- NAME [CODE] ---'")
        self.synset = None
        name = match["name"]
        taken = sum(1 for b in self.blocks if b.name == name)
        block_id = f"{name}~{taken + 1}" if taken else name
        if taken:
            self.notices.append(Notice(self.source(number), f"block {name} again: {block_id}"))
        code = EventCode(match["code"] if match["code"] is not None else NULL_CODE)
        self.blocks.append(_Block(block_id, name, code, self.source(number)))

    def pattern(self, content: str, note: str, number: int) -> None:
        block = self.current_block("a pattern")
        body, code = parse_coded(content)
        before, after = parse_pattern(body)
        pattern_id = f"{block.id}.{len(block.patterns) + 1}"
        block.patterns.append(
            VerbPattern(pattern_id, block.id, code, before, after, note, self.source(number))
        )

    def verb(self, content: str, note: str, number: int) -> None:
        block = self.current_block("a verb")
        entry = parse_verb_line(
            content.strip(), note, self.source(number), generate=self.format == "petrarch"
        )
        block.verbs.append(entry)

    def synset_label(self, content: str, number: int) -> None:
        name = content.strip()
        if len(name.split()) != 1 or len(name) == 1:
            raise _Malformed("a synonym-set label is one word '&NAME'")
        self.synset = name
        if name in self.synsets:
            first = self.synsets[name][0].source
            text = f"{name} defined again (first at {first}): its members are added"
            self.notices.append(Notice(self.source(number), text))
        else:
            self.synsets[name] = (Synset(name, (), self.source(number)), [])

    def member(self, text: str, number: int) -> None:
        assert self.synset is not None
        synset, members = self.synsets[self.synset]
        members.append(parse_member(text, plurals=synset.plurals, source=self.source(number)))

    def transformation(self, content: str, number: int) -> None:
        self.synset = None
        pattern, equals, result = content.partition("=")
        if not equals or not pattern.strip() or not result.strip():
            raise _Malformed("a transformation is '~ PATTERN = RESULT'")
        self.transformations.append(
            Transformation(" ".join(pattern.split()), " ".join(result.split()), self.source(number))
        )

    def build(self, ontology: Ontology | None = None) -> VerbDictionary:
        synsets = tuple(
            Synset(s.name, tuple(members), s.source) for s, members in self.synsets.values()
        )
        blocks = tuple(
            VerbBlock(b.id, b.name, b.code, tuple(b.verbs), tuple(b.patterns), b.source)
            for b in self.blocks
        )
        return VerbDictionary(
            self.name,
            self.format,
            synsets,
            blocks,
            tuple(self.transformations),
            tuple(sorted(self.notices, key=_line_number)),
            ontology,
        )


def _line_number(notice: Notice) -> int:
    return int(notice.source.rsplit(":", 1)[1])


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Msg.E024, path=path, detail=exc) from exc


def _content_lines(lines: Sequence[str]) -> Iterator[tuple[int, str, str]]:
    """Numbered content and comment of every line that has content. ``<!-- -->`` comments
    may span lines, as in PETRARCH's other dictionaries."""
    in_xml_comment = False
    for number, raw in enumerate(lines, start=1):
        line = raw
        if in_xml_comment:
            if "-->" not in line:
                continue
            line, in_xml_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" not in tail:
                line, in_xml_comment = head, True
                break
            line = head + tail.split("-->", 1)[1]
        content, note = split_comment(line)
        if content.strip():
            yield number, content.rstrip(), note


def _corrected(
    path: Path, lines: list[str], corrections: Mapping[int, Correction]
) -> tuple[list[str], list[Notice]]:
    """The lines with the given ones replaced, and a notice for each replacement. A
    correction names the text it replaces, so that it never silently hits another line."""
    notices = []
    for number, (written, replacement) in sorted(corrections.items()):
        found = lines[number - 1] if 0 < number <= len(lines) else None
        if found is None or found.strip() != written.strip():
            detail = f"a correction expects {written.strip()!r} here, the file has {found!r}"
            raise ConfigError(Msg.E022, path=path, line=number, detail=detail)
        lines[number - 1] = replacement
        text = (
            f"corrected: {' '.join(written.split())!r} is read as {' '.join(replacement.split())!r}"
        )
        notices.append(Notice(f"{path.name}:{number}", text))
    return lines, notices


def _read(
    path: Path,
    fmt: Format,
    ontology: Ontology | None = None,
    corrections: Mapping[int, Correction] | None = None,
) -> VerbDictionary:
    builder = _Builder(path.name, fmt)
    lines = _read_lines(path)
    if corrections:
        lines, builder.notices = _corrected(path, lines, corrections)
    for number, content, note in _content_lines(lines):
        try:
            builder.line(content, note, number)
        except _Malformed as exc:
            raise ConfigError(Msg.E022, path=path, line=number, detail=exc) from None
    return builder.build(ontology)


def read_petrarch_verbs(
    path: Path, corrections: Mapping[int, Correction] | None = None
) -> VerbDictionary:
    """A PETRARCH-2 verb dictionary (``CAMEO.2.0.txt``); regular verb forms are generated.
    ``corrections`` replace lines by number, each naming the text it replaces, and each
    becomes a notice: how the built-in copy repairs the two broken lines of CAMEO.2.0."""
    return _read(path, "petrarch", corrections=corrections)


def read_ud_petrarch_verbs(
    path: Path,
    ontology_path: Path | None = None,
    corrections: Mapping[int, Correction] | None = None,
) -> VerbDictionary:
    """A UD-PETRARCH 2.02 verb dictionary and, if given, its internal coding ontology;
    verbs keep only the forms written (UD-PETRARCH matches lemmas)."""
    ontology = read_ontology(ontology_path) if ontology_path is not None else None
    return _read(path, "ud-petrarch", ontology, corrections)


def read_verbs(path: Path) -> VerbDictionary:
    """A user's verb dictionary (``--verbs``), in either format: they share one syntax, and
    the parse-based matcher compares lemmas, so forms generated for a UD-PETRARCH file only
    repeat what its lemmas already match."""
    return _read(path, "petrarch")


def read_ontology(path: Path) -> Ontology:
    """``CODE:VALUE`` lines, e.g. ``1221:-0xFFFF+0x2045+0x300``, ``#`` starting comments."""
    entries = []
    for number, raw in enumerate(_read_lines(path), start=1):
        content, note = split_comment(raw)
        if not content.strip():
            continue
        code, colon, value = content.strip().partition(":")
        try:
            if not colon or not code or " " in code:
                raise _Malformed("an ontology line is 'CODE:VALUE'")
            parsed = parse_ontology_value(value)
        except _Malformed as exc:
            raise ConfigError(Msg.E023, path=path, line=number, detail=exc) from None
        entries.append(OntologyEntry(code, parsed, note, f"{path.name}:{number}"))
    return Ontology(tuple(entries))


def read_discards(path: Path) -> tuple[Discard, ...]:
    """A discard list: one phrase a line; ``+`` makes it discard the story, a final ``_``
    makes its last word whole (not a stem). Matching ignores case, so words are upper-cased."""
    discards = []
    for number, content, _ in _content_lines(_read_lines(path)):
        text = content.strip()
        story = text.startswith("+")
        text = text.lstrip("+").strip()
        exact = text.endswith("_")
        words = tuple(text.rstrip("_").upper().split())
        if not words:
            raise ConfigError(Msg.E022, path=path, line=number, detail="a '+' without a phrase")
        discards.append(Discard(words, story, exact, f"{path.name}:{number}"))
    return tuple(discards)


# ---- the package's own copy: one row per synset member, verb and pattern ---------------------

COLUMNS = ("kind", "id", "code", "text", "forms", "note", "line")


def _row(kind: str, id_: str, code: str, text: str, forms: str, note: str, source: str) -> str:
    line = source.rsplit(":", 1)[1]
    return "\t".join((kind, id_, code, text, forms, note, line))


def _forms_column(entry: VerbEntry) -> str:
    return " ".join(f.written for f in (entry.lemma, *entry.forms))


def _member_text(member: SynsetMember) -> str:
    """A member as the dictionary writes it: consecutive words joined by '_'."""
    element = member.element
    if isinstance(element, NounPhrase):
        text = "_".join(t.text for t in element.tokens)
    else:
        text = render_element(element)
    return text + "_" if member.exact else text


def render_rows(dictionary: VerbDictionary) -> list[str]:
    """The rows of :func:`render_tsv`, without the header."""
    rows = ["\t".join(COLUMNS)]
    rows.append("\t".join(("dictionary", dictionary.name, "", dictionary.format, "", "", "")))
    for synset in dictionary.synsets:
        rows.append(_row("synset", synset.name, "", "", "", "", synset.source))
        for m in synset.members:
            rows.append(
                _row("member", synset.name, "", _member_text(m), m.plural or "", "", m.source)
            )
    for block in dictionary.blocks:
        rows.append(_row("block", block.id, block.code.text, block.name, "", "", block.source))
        for verb in block.verbs:
            code = verb.code.text if verb.code is not None else ""
            forms = _forms_column(verb)
            rows.append(_row("verb", block.id, code, verb.written, forms, verb.note, verb.source))
        for p in block.patterns:
            rows.append(_row("pattern", p.id, p.code.text, p.text, "", p.note, p.source))
    for t in dictionary.transformations:
        rows.append(_row("transformation", "", "", f"{t.pattern} = {t.result}", "", "", t.source))
    for n in dictionary.notices:
        rows.append(_row("notice", "", "", n.text, "", "", n.source))
    return rows


def render_tsv(dictionary: VerbDictionary, header: Sequence[str]) -> str:
    """The dictionary as the package ships it; ``header`` lines become ``#`` comments."""
    comments = [f"# {line}".rstrip() for line in header]
    return "\n".join([*comments, *render_rows(dictionary)]) + "\n"


def parse_tsv(text: str, path: Path) -> VerbDictionary:
    """Read back what :func:`render_tsv` wrote: the same :class:`VerbDictionary`."""
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or tuple(rows[0]) != COLUMNS or len(rows) < 2 or rows[1][0] != "dictionary":
        raise ConfigError(Msg.E021, path=path, detail="not a verb dictionary table")
    name, fmt = rows[1][1], rows[1][3]
    if fmt not in ("petrarch", "ud-petrarch"):
        raise ConfigError(Msg.E021, path=path, detail=f"unknown format {fmt!r}")
    builder = _Builder(name, "petrarch" if fmt == "petrarch" else "ud-petrarch")
    for number, row in enumerate(rows[2:], start=3):
        try:
            _load_row(builder, row)
        except (_Malformed, ValueError, IndexError) as exc:
            raise ConfigError(Msg.E021, path=path, detail=f"row {number}: {exc}") from None
    return builder.build()


def _load_row(builder: _Builder, row: list[str]) -> None:
    kind, id_, code, text, _forms, note, line = row
    number = int(line)
    if kind == "synset":
        builder.synset_label(id_, number)
    elif kind == "member":
        builder.synset = id_
        builder.member(text, number)
    elif kind == "block":
        builder.header(f"--- {text} [{code}] ---", number)
    elif kind == "verb":
        builder.verb(f"{text} [{code}]" if code else text, note, number)
    elif kind == "pattern":
        builder.pattern(f"{text} [{code}]", note, number)
    elif kind == "transformation":
        builder.transformation(text, number)
    elif kind == "notice":
        # notices that reading the rows makes again (a block named twice) are not doubled
        notice = Notice(builder.source(number), text)
        if notice not in builder.notices:
            builder.notices.append(notice)
    else:
        raise _Malformed(f"unknown kind {kind!r}")


@cache
def load_builtin_verbs() -> VerbDictionary:
    """The CAMEO.2.0 verb dictionary of PETRARCH-2 as shipped in the package."""
    path = data_path("events", BUILTIN_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(Msg.E021, path=path, detail=exc) from exc
    return parse_tsv(text, path)
