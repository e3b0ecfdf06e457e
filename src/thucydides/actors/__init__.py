"""Stage: actors. Knowledge base, mention matching and phrase resolution."""

from thucydides.actors.kb import Entry, KnowledgeBase, load_knowledge_base
from thucydides.actors.resolve import DocumentActors

__all__ = ["DocumentActors", "Entry", "KnowledgeBase", "load_knowledge_base"]
