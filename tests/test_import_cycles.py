"""No module of ours imports, through any chain, a module that imports it back.

A cycle makes the order of imports matter and hides which module is the lower one (the page
models' base once looked up the home page's module to find a page's body). Every import
counts, at the top of a module or inside a function. The direction between apps is the
import-linter contracts' (pyproject.toml); this is the rule inside them.
"""

import grimp


def cycles(graph) -> list[str]:
    found = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if module.startswith(imported + ".") or imported.startswith(module + "."):
                continue  # a package and its own modules
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                found.add(" -> ".join([module, *chain]))
    return sorted(found)


def test_no_module_of_ours_imports_itself_back():
    graph = grimp.build_graph("achyk", cache_dir=None)
    assert cycles(graph) == []
