"""The vendor's catalog and fiscal calendar, a file the user owns.

Shape: `{vendor: {name, fiscal_quarter_end}, products: [...]}`; a bare list of products is read
as the products with no vendor block.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.domain import Catalog
from assistant.importers.errors import ImportProblem
from assistant.errors import describe_validation
from assistant.importers.yamlfile import read_documents


def parse_catalog(data, source: str, where: str = "") -> Catalog:
    if isinstance(data, list):
        data = {"products": data}
    if not isinstance(data, dict):
        raise ImportProblem(source, "expected a catalog mapping with 'products' (and optional 'vendor')")
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(source, describe_validation(exc, where)) from None
    seen = set()
    for index, product in enumerate(catalog.products):
        for name in product.names():
            key = name.casefold()
            if key in seen:
                raise ImportProblem(source, f"products[{index}]: name or alias '{name}' is used twice")
            seen.add(key)
    return catalog


def read_catalog(path: Path) -> Catalog:
    docs = read_documents(Path(path))
    if len(docs) != 1:
        raise ImportProblem(str(path), "expected exactly one catalog document")
    return parse_catalog(docs[0], str(path))
