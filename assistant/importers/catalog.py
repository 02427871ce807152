"""The vendor's catalog and fiscal calendar, a file the user owns.

Shape: `{vendor: {name, fiscal_quarter_end}, products: [...]}`; a bare list of products is read
as the products with no vendor block.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.domain import Account, Catalog, Product
from assistant.importers.errors import ImportProblem

# Fields an account has and a product does not: their presence means the wrong file was given.
_ACCOUNT_ONLY = frozenset(Account.model_fields) - frozenset(Product.model_fields)
_WRONG_FILE = "this looks like an accounts file; import it with `coach accounts import` (nothing was changed)"
from assistant.errors import describe_validation
from assistant.importers.yamlfile import read_documents


def parse_catalog(data, source: str, where: str = "") -> Catalog:
    if isinstance(data, list):
        data = {"products": data}
    if not isinstance(data, dict):
        raise ImportProblem(source, "expected a catalog mapping with 'products' (and optional 'vendor')")
    if "products" not in data:
        hint = _WRONG_FILE if {"account", "accounts", "owns", "stakeholders"} & set(data) else \
            "expected a catalog mapping with 'products' (and optional 'vendor'); nothing was changed"
        raise ImportProblem(source, hint)
    unknown = sorted(set(data) - {"vendor", "products"})
    if unknown:
        raise ImportProblem(source, f"unknown top-level field(s) {unknown} in a catalog "
                                    "(expected 'vendor' and 'products'); nothing was changed")
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(source, describe_validation(exc, where)) from None
    if not catalog.products:
        raise ImportProblem(source, "the catalog has no products; an empty catalog would make every account's "
                                    "products unknown (nothing was changed)")
    seen = set()
    for index, product in enumerate(catalog.products):
        if _ACCOUNT_ONLY & set(product.model_extra or {}):
            raise ImportProblem(source, f"products[{index}] ('{product.name}') has account fields "
                                        f"({', '.join(sorted(_ACCOUNT_ONLY & set(product.model_extra)))}): {_WRONG_FILE}")
        for name in product.names():
            key = name.casefold()
            if key in seen:
                raise ImportProblem(source, f"products[{index}]: name or alias '{name}' is used twice")
            seen.add(key)
    return catalog


def read_catalog(path: Path, max_bytes: int | None = None) -> Catalog:
    docs = read_documents(Path(path), max_bytes)
    if len(docs) != 1:
        raise ImportProblem(str(path), "expected exactly one catalog document")
    return parse_catalog(docs[0], str(path))
