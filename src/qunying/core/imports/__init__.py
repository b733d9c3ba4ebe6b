"""The one pipeline for history imports (honours, past selections …): an app declares an `Importer` (its sheet spec
and how a checked sheet is applied through its own services) and registers it from its AppConfig.ready(); core keeps
the upload, previews it in the background, lists the problems by row and column, commits all or nothing and audits.
The roster import (org.roster) came first and keeps its own model; this generalises its shape."""

from qunying.core.imports.base import (
    Importer,
    ImportOutcome,
    ImportScope,
    SheetColumn,
    closest_names,
    importer_for,
    register_importer,
)

__all__ = [
    "ImportOutcome",
    "ImportScope",
    "Importer",
    "SheetColumn",
    "closest_names",
    "importer_for",
    "register_importer",
]
