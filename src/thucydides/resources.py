"""Access to the data files shipped inside the package.

Loaders here return immutable values and are cached: the files never change while the
process runs, so reading them once per process is the whole point.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from thucydides.errors import ConfigError, Msg


def data_path(*parts: str) -> Path:
    """Path of a packaged data file, e.g. ``data_path("cameo", "codebook.tsv")``."""
    return Path(str(resources.files("thucydides").joinpath("data", *parts)))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; ``#`` lines are comments."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if not line.startswith("#"))
            return [dict(row) for row in csv.DictReader(lines, delimiter="\t")]
    except OSError as exc:
        raise ConfigError(Msg.E021, path=path, detail=exc) from exc


# libyaml's parser, where PyYAML was built with it, reads the knowledge base ten times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_YAML_LOADER)  # a safe loader either way
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Msg.E021, path=path, detail=exc) from exc


def read_yaml_list(path: Path) -> Iterator[dict[str, Any]]:
    """Entries of a YAML file holding a list of mappings."""
    loaded = read_yaml(path)
    if loaded is None:  # a file holding only comments
        return
    if not isinstance(loaded, list) or not all(isinstance(e, dict) for e in loaded):
        raise ConfigError(Msg.E021, path=path, detail="expected a list of mappings")
    yield from loaded
