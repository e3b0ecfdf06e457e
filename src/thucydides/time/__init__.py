"""Stage: time expressions (TIMEX3) normalised against the publication date."""
