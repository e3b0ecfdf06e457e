"""Stage: CAMEO event coding with roles, factuality, dates and places."""

from thucydides.events.build import build_events
from thucydides.events.coder import Coding, EventCoder
from thucydides.events.lexicon import Lexicon, load_lexicon

__all__ = ["Coding", "EventCoder", "Lexicon", "build_events", "load_lexicon"]
