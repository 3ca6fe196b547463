"""An import-linter contract for submodules of external packages (`lint-imports` loads it).

The built-in `forbidden` contract only forbids whole external packages (`PySide6`), but the
report layer may use QtGui to write PDFs while it must never reach `PySide6.QtWidgets`. This
contract follows every import chain from the source modules inside the app and reads the
import lines that name the external package, so indirect imports count too.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class ForbiddenSubmodulesContract(Contract):
    """Source modules (and everything they import in the app) never import these submodules.

    Configuration: source_modules (app modules or packages) and forbidden_modules (dotted names
    inside an external package, e.g. `PySide6.QtWidgets`).
    """

    type_name = "forbidden_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        sources: set[str] = set()
        for name in self.source_modules:  # type: ignore[attr-defined]
            sources |= {str(name)} | graph.find_descendants(str(name))
        reached = set(sources)
        for name in sources:
            reached |= graph.find_upstream_modules(name)  # what it imports, at any depth
        violations: list[dict[str, object]] = []
        for forbidden in self.forbidden_modules:  # type: ignore[attr-defined]
            package, _, rest = str(forbidden).partition(".")
            # `from PySide6.QtWidgets import ...`, `import PySide6.QtWidgets`, or
            # `from PySide6 import QtWidgets` (with other names around it).
            pattern = re.compile(
                rf"\b{re.escape(package)}\.{re.escape(rest)}\b"
                rf"|\bfrom\s+{re.escape(package)}\s+import\b.*\b{re.escape(rest)}\b"
                rf"|\bfrom\s+{re.escape(package)}\s+import\s*\(\s*$"  # unreadable: report it
            )
            for module in sorted(reached):
                if not graph.direct_import_exists(importer=module, imported=package):
                    continue
                for detail in graph.get_import_details(importer=module, imported=package):
                    if pattern.search(detail["line_contents"]):
                        chain = self._chain_to(graph, sources, module)
                        violations.append({"forbidden": forbidden, "chain": list(chain),
                                           "line": detail["line_number"],
                                           "text": detail["line_contents"]})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    @staticmethod
    def _chain_to(graph: ImportGraph, sources: set[str], module: str) -> tuple[str, ...]:
        if module in sources:
            return (module,)
        chains = [c for s in sorted(sources) if (c := graph.find_shortest_chain(s, module))]
        return min(chains, key=len) if chains else (module,)

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            chain = " -> ".join(violation["chain"])
            output.print_error(
                f"{chain} imports {violation['forbidden']} (l.{violation['line']}: "
                f"{violation['text']})", bold=False)
            output.new_line()
