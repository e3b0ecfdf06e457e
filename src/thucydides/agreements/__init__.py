"""Stage: agreements. Treaties, accords and ceasefires with their parties and status."""

from thucydides.agreements.extract import AgreementFinder
from thucydides.agreements.lexicon import AgreementLexicon, load_agreement_lexicon

__all__ = ["AgreementFinder", "AgreementLexicon", "load_agreement_lexicon"]
