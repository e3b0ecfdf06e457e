"""Merging reports of the same real-world event across documents.

Two coded events are reports of one event when they have

- the same dyad: the same actor and recipient countries, with sectors that are equal or
  unknown on one side ("Thailand" and "Thai troops" can be one actor; "Thai troops" and the
  Thai government cannot);
- the same type: the same PLOVER type, or the same CAMEO root where there is none;
- compatible dates: the same day, a less precise date containing the more precise one
  ("2025-07" contains "2025-07-24"), or days at most ``window_days`` apart (more when one
  of them is only the publication date of its article);
- compatible places: unknown on one side, the same name, or closer than ``max_km``;
- similar evidence when the dates do not pin the same day: the token Jaccard similarity of
  their evidence spans reaches ``min_similarity``.

Only ``asserted`` events are merged: a denied or a hypothetical event is not a report of
something that happened. An asserted event with neither actor nor recipient country stays
a merged event of its own.

The result depends on the set of events only, never on the order they were stored or
merged in, so merging after every document equals one ``merge --rebuild``. Pairs that may be
reports of one event (:func:`same_event`, a symmetric relation) link events into
*components*; nothing outside a component can change how it is merged. Inside a component,
events are taken in the order of their report time, document id and position, and each
joins the best merged event all of whose members it fits (same-day matches first, then by
similarity, then the oldest) or starts a new one: "Thai troops" and the Thai government are
both linked to "Thailand" but do not become one event. A merged event is named after its
first report, a component after its first event. Storing a document re-merges the
components its events touch, as a whole.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum
from functools import cache

DAY_PRECISION = "day"


@dataclass(frozen=True, slots=True)
class MergeSettings:
    window_days: int = 1  # reports dated a day apart (time zones, "overnight") are one event
    document_window_days: int = 3  # a date that is only the article's publication date
    min_similarity: float = 0.1
    max_km: float = 50.0


@dataclass(frozen=True, slots=True)
class Mention:
    """One stored event as merging sees it."""

    event: int  # the events table's rowid
    doc_id: str
    position: int
    reported: str  # publication date, or ingestion time when there is none
    source: str  # the site it came from, or the document when unknown
    actor_country: str | None
    actor_sector: str | None
    recipient_country: str | None
    recipient_sector: str | None
    root: str
    plover: str | None
    cameo: str
    date_value: str | None
    date_precision: str | None
    date_source: str | None
    location_name: str | None
    lat: float | None
    lon: float | None
    evidence: str

    @property
    def order(self) -> tuple[str, str, int]:
        return (self.reported, self.doc_id, self.position)

    @property
    def type_key(self) -> str:
        return self.plover or f"cameo:{self.root}"

    @property
    def identifiable(self) -> bool:
        return bool(self.actor_country or self.recipient_country) and self.date_value is not None


@dataclass(frozen=True, slots=True)
class Cluster:
    """A merged event: what its mentions agree on, and how many there are."""

    id: str
    component: str  # the merged events re-merged together (see the module's docstring)
    actor_country: str | None
    actor_sector: str | None
    recipient_country: str | None
    recipient_sector: str | None
    root: str
    plover: str | None
    cameo: str
    date_value: str | None
    date_precision: str | None
    location_name: str | None
    first_reported: str
    first_event: int  # rowid of the first report's event: the merged event's evidence
    num_mentions: int
    num_articles: int  # a document is one article however often it mentions the event
    num_sources: int  # the sites of those documents (a document whose site is unknown: itself)


@dataclass(frozen=True)
class MergePlan:
    """The merged events of whole components: written by the store's writer in place of
    those components' merged events, in the transaction that read them."""

    clusters: tuple[Cluster, ...]
    assignments: tuple[tuple[str, int], ...]  # (merged event id, event rowid) of every mention
    new_events: int = 0  # events merged for the first time
    replaced: frozenset[str] = frozenset()  # components whose merged events these replace
    rebuild: bool = False


class DateMatch(IntEnum):
    NONE = 0
    NEAR = 1  # containment or within the window: needs similar evidence too
    SAME_DAY = 2


Block = tuple[str | None, str | None, str]


@dataclass
class _Group:
    id: str
    mentions: list[Mention] = field(default_factory=list)


def plan_merge(mentions: Iterable[Mention], settings: MergeSettings = MergeSettings()) -> MergePlan:
    """The merged events of a set of mentions (whole components), whatever their order."""
    clusters: list[Cluster] = []
    assignments: list[tuple[str, int]] = []
    for component in components(mentions, settings):
        groups = _merge_component(component, settings)
        name = groups[0].id
        for group in groups:
            clusters.append(_summary(group, name))
            assignments += [(group.id, m.event) for m in group.mentions]
    return MergePlan(tuple(clusters), tuple(sorted(assignments)))


def same_event(a: Mention, b: Mention, settings: MergeSettings) -> bool:
    """Whether two mentions may report one event: the links that make components."""
    if not (a.identifiable and b.identifiable and block(a) == block(b)):
        return False
    if not (_sectors_fit(a, b) and _places_fit(a, b, settings)):
        return False
    match = date_match(a, b, settings)
    if match is DateMatch.NEAR:
        return jaccard(a.evidence, b.evidence) >= settings.min_similarity
    return match is DateMatch.SAME_DAY


def components(mentions: Iterable[Mention], settings: MergeSettings) -> list[list[Mention]]:
    """The mentions cut into connected components of :func:`same_event`, each in report
    order, the components in the order of their first mentions."""
    ordered = sorted(set(mentions), key=lambda m: m.order)
    parent = list(range(len(ordered)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_block: dict[Block, list[int]] = defaultdict(list)
    for n, mention in enumerate(ordered):
        if not mention.identifiable:
            continue
        for k in by_block[block(mention)]:
            if root(k) != root(n) and same_event(ordered[k], mention, settings):
                parent[max(root(k), root(n))] = min(root(k), root(n))
        by_block[block(mention)].append(n)
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for n, mention in enumerate(ordered):
        grouped[root(n)].append(mention)
    return [grouped[n] for n in sorted(grouped)]


def block(mention: Mention) -> Block:
    """Mentions can only be linked inside one block: a dyad of countries and a type."""
    return (mention.actor_country, mention.recipient_country, mention.type_key)


def _merge_component(component: Sequence[Mention], settings: MergeSettings) -> list[_Group]:
    """Merge one component's mentions (in report order) into merged events."""
    groups: list[_Group] = []
    for mention in component:
        found = _best_group(mention, groups, settings) if mention.identifiable else None
        if found is None:
            found = _Group(_cluster_id(mention))
            groups.append(found)
        found.mentions.append(mention)
    return groups


def _cluster_id(mention: Mention) -> str:
    basis = f"{mention.doc_id}\x1f{mention.position}"
    return "m" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _best_group(mention: Mention, groups: list[_Group], settings: MergeSettings) -> _Group | None:
    best: tuple[int, float] | None = None
    chosen: _Group | None = None
    for group in groups:
        score = _fit(mention, group.mentions, settings)
        if score is not None and (best is None or score > best):  # ties: the oldest group
            best, chosen = score, group
    return chosen


def _fit(
    mention: Mention, members: Sequence[Mention], settings: MergeSettings
) -> tuple[int, float] | None:
    """How well a mention fits a merged event, or None if it contradicts one of its members.

    A mention that fits is linked by :func:`same_event` to at least one member (the most
    similar one), so merged events never straddle components."""
    weakest = DateMatch.SAME_DAY
    similarity = 0.0
    for member in members:
        if block(mention) != block(member):
            return None
        if not (_sectors_fit(mention, member) and _places_fit(mention, member, settings)):
            return None
        match = date_match(mention, member, settings)
        if match is DateMatch.NONE:
            return None
        weakest = min(weakest, match)
        similarity = max(similarity, jaccard(mention.evidence, member.evidence))
    if weakest is DateMatch.NEAR and similarity < settings.min_similarity:
        return None
    return (int(weakest), similarity)


def _sectors_fit(a: Mention, b: Mention) -> bool:
    return _same_or_unknown(a.actor_sector, b.actor_sector) and _same_or_unknown(
        a.recipient_sector, b.recipient_sector
    )


def _same_or_unknown(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _places_fit(a: Mention, b: Mention, settings: MergeSettings) -> bool:
    if a.location_name is None or b.location_name is None:
        return True
    if a.location_name.casefold() == b.location_name.casefold():
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return _km(a, b) <= settings.max_km


def _km(a: Mention, b: Mention) -> float:
    """Great-circle distance (haversine), kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(v or 0.0) for v in (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def date_match(a: Mention, b: Mention, settings: MergeSettings) -> DateMatch:
    if a.date_value is None or b.date_value is None:
        return DateMatch.NONE
    day_a, day_b = _day(a), _day(b)
    if day_a is not None and day_b is not None:
        if day_a == day_b:
            return DateMatch.SAME_DAY
        document_only = "document" in (a.date_source, b.date_source)
        window = settings.document_window_days if document_only else settings.window_days
        return DateMatch.NEAR if abs(day_a - day_b) <= timedelta(days=window) else DateMatch.NONE
    if _contains(a.date_value, b.date_value) or _contains(b.date_value, a.date_value):
        return DateMatch.NEAR
    return DateMatch.NONE


def _day(mention: Mention) -> date | None:
    if mention.date_precision != DAY_PRECISION or mention.date_value is None:
        return None
    try:
        return date.fromisoformat(mention.date_value)
    except ValueError:
        return None


def _contains(coarse: str, fine: str) -> bool:
    """ISO calendar values nest by prefix: "2025" ⊃ "2025-07" ⊃ "2025-07-24"."""
    return fine.startswith(coarse) and (len(fine) == len(coarse) or fine[len(coarse)] == "-")


def jaccard(a: str, b: str) -> float:
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    if not tokens_a or not tokens_b:
        return 0.0
    return len(tokens_a & tokens_b) / len(tokens_a | tokens_b)


@cache
def _tokens(text: str) -> frozenset[str]:
    # Content words cut to five letters, so that "Thailand"/"Thai" or "attacked"/"attacks"
    # count as shared.
    stop = _stop_words()
    words = (w.lower() for w in re.findall(r"[^\W\d_]+", text))
    return frozenset(w[:5] for w in words if w not in stop and len(w) > 2)


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # the word list alone, no model

    return frozenset(STOP_WORDS)


def _summary(group: _Group, component: str) -> Cluster:
    """What a merged event's mentions agree on: the first mention's dyad and type, the most
    precise date, the first known place and the earliest report."""
    first = group.mentions[0]
    dated = [m for m in group.mentions if m.date_value is not None]
    best_date = min(dated, key=_date_rank, default=None)
    return Cluster(
        id=group.id,
        component=component,
        actor_country=first.actor_country,
        actor_sector=next((m.actor_sector for m in group.mentions if m.actor_sector), None),
        recipient_country=first.recipient_country,
        recipient_sector=next(
            (m.recipient_sector for m in group.mentions if m.recipient_sector), None
        ),
        root=first.root,
        plover=first.plover,
        cameo=first.cameo,
        date_value=best_date.date_value if best_date else None,
        date_precision=best_date.date_precision if best_date else None,
        location_name=next((m.location_name for m in group.mentions if m.location_name), None),
        first_reported=min(m.reported for m in group.mentions),
        first_event=first.event,
        num_mentions=len(group.mentions),
        num_articles=len({m.doc_id for m in group.mentions}),
        num_sources=len({m.source for m in group.mentions}),
    )


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4}
_SOURCE_RANK = {"explicit": 0, "narrative": 1, "document": 2}


def _date_rank(mention: Mention) -> tuple[int, int]:
    """The most precise date wins; at equal precision, one read in the sentence."""
    precision = _PRECISION_RANK.get(mention.date_precision or "", 9)
    return (precision, _SOURCE_RANK.get(mention.date_source or "", 9))
