"""The CEL interpreter (the `common-expression-language` package's compiled extension).

`import cel` also imports the package's own command line (typer, prompt_toolkit, pygments),
about 0.2 s of `coach check`'s start-up for nothing we use. So the extension is loaded on its
own; if the package is ever laid out differently, the plain import is used instead.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path


def _load_extension():
    if "cel.cel" in sys.modules:
        return sys.modules["cel.cel"]
    package = importlib.util.find_spec("cel")
    if package is None or not package.submodule_search_locations:
        return None
    for folder in package.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"cel{suffix}"
            if path.is_file():
                spec = importlib.util.spec_from_file_location("cel.cel", path)
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules["cel.cel"] = module
                return module
    return None


try:
    cel = _load_extension()
except ImportError:
    cel = None
if cel is None:
    import cel  # noqa: F811  the whole package, command line included

Context = cel.Context
compile = cel.compile  # noqa: A001  the interpreter's own name
evaluate = cel.evaluate
