"""SIPRI Arms Transfers Database: the trade register of deliveries as SIPRI's web form exports it.

The export has a preamble (title, notes, "Source: SIPRI ..."), a header line, and rows ending in ';'. Names
are SIPRI's ("Turkiye", "Viet Nam", "Soviet Union", "unknown supplier(s)", "HoR (Libya)*" for non-state
actors); they are mapped to ISO3 where they name a state, and kept as written otherwise.

Credit: "Information from the SIPRI Arms Transfers Database". SIPRI data are free for non-commercial use and
are never bundled with realpolitik: users import their own copy.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError
from realpolitik.sources.reference._common import (
    check_range,
    drop_exact_duplicates,
    fail_rows,
    open_text,
    pick_columns,
    read_table,
    to_number,
)

if TYPE_CHECKING:
    import pandas as pd

CREDIT = "Information from the SIPRI Arms Transfers Database, Stockholm International Peace Research Institute"

COLUMNS: dict[str, tuple[str, ...]] = {
    "deal_id": ("SIPRI AT Database ID", "Deal ID", "SIPRI ID"),
    "supplier": ("Supplier", "Seller"),
    "recipient": ("Recipient", "Buyer"),
    "designation": ("Designation", "Weapon designation"),
    "description": ("Description", "Weapon description"),
    "category": ("Armament category",),
    "order_year": ("Order date", "Year of order", "Order year"),
    "year": ("Delivery year", "Year of delivery", "Year(s) of delivery"),
    "number": ("Numbers delivered", "Number delivered"),
    "status": ("Status",),
    "tiv": ("TIV delivery values", "SIPRI TIV of delivered weapons", "TIV of delivered weapons"),
}
OPTIONAL = ("deal_id", "designation", "description", "category", "order_year", "number", "status")
_HEADER_KEYS = ("supplier", "recipient")


def _empty(col: str, _row: int) -> str:
    return f"empty {col}"


def _header_index(lines: list[str], path: str | Path) -> int:
    for i, line in enumerate(lines[:60]):
        low = line.lower()
        if all(k in low for k in _HEADER_KEYS) and low.count(",") >= 3:
            return i
    raise ReferenceDataError(
        "no header line with Supplier and Recipient columns in the first 60 lines "
        "(is this a SIPRI trade register CSV export?)",
        str(path),
    )


def read_sipri(path: str | Path) -> pd.DataFrame:
    """Deliveries: deal_id, supplier, recipient, supplier_iso3, recipient_iso3, year, tiv (millions), ..."""
    import pandas as pd

    from realpolitik.sources.countries import to_iso3

    lines = open_text(path).splitlines()
    h = _header_index(lines, path)
    body = [ln.rstrip().removesuffix(";") for ln in lines[h:]]
    body = [ln for ln in body if ln.strip(" ;,")]
    df = pick_columns(read_table("\n".join(body), path, header_line=h + 1), path, COLUMNS, optional=OPTIONAL)
    out = pd.DataFrame(index=df.index)
    for col in ("supplier", "recipient"):
        out[col] = df[col].str.strip()
        fail_rows(out[col] == "", df, path, partial(_empty, col))
    out["year"] = to_number(df, "year", path, integer=True)
    check_range(out["year"], df, "year", path, 1900, 2100)
    out["tiv"] = to_number(df, "tiv", path, allow_empty=True).fillna(0.0)
    check_range(out["tiv"], df, "tiv", path, 0, 1e6)
    out["deal_id"] = df["deal_id"].str.strip() if "deal_id" in df else ""
    for col in ("designation", "description", "category", "status"):
        out[col] = df[col].str.strip() if col in df else ""
    out["order_year"] = (
        to_number(df, "order_year", path, integer=True, allow_empty=True) if "order_year" in df else None
    )
    out["number"] = to_number(df, "number", path, allow_empty=True) if "number" in df else None
    names = sorted(set(out.supplier) | set(out.recipient))
    iso = {n: to_iso3(n) for n in names}
    out["supplier_iso3"] = out.supplier.map(iso)
    out["recipient_iso3"] = out.recipient.map(iso)
    cols = [
        "deal_id",
        "supplier",
        "recipient",
        "supplier_iso3",
        "recipient_iso3",
        "year",
        "tiv",
        "designation",
        "description",
        "category",
        "order_year",
        "number",
        "status",
    ]
    # a delivery listed twice would count its TIV twice
    return drop_exact_duplicates(
        out[cols].sort_values(["year", "supplier", "recipient", "deal_id"]).reset_index(drop=True)
    )
