"""The words and surface patterns of quantitative claims: ordinals and superlatives, role nouns and what
they measure, arms and trade vocabulary, hedges, multipliers, currencies, and the regular expressions that
find a percentage, an amount of money or a rank (extract/claims.py reads them)."""

from __future__ import annotations

import re

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "top": 1, "main": 1, "leading": 1, "biggest": 1, "largest": 1, "greatest": 1,
    "principal": 1, "primary": 1,
}  # fmt: skip

SUPERLATIVES = ("largest", "biggest", "greatest", "top", "leading", "main", "principal", "primary")

ROLE_MEASURE = {
    "customer": "buyer",
    "client": "buyer",
    "buyer": "buyer",
    "importer": "import",
    "purchaser": "buyer",
    "recipient": "buyer",
    "supplier": "supplier",
    "seller": "supplier",
    "provider": "supplier",
    "vendor": "supplier",
    "exporter": "export",
    "producer": "production",
    "manufacturer": "production",
    "consumer": "consumption",
    "partner": "partner",
    "spender": "spending",
    "economy": "economy",
    "investor": "investment",
    "creditor": "creditor",
    "donor": "donor",
}

ARMS_WORDS = frozenset(
    [
        "arms",
        "weapon",
        "weapons",
        "armament",
        "armaments",
        "military",
        "defence",
        "defense",
        "munition",
        "munitions",
        "ammunition",
        "equipment",
        "aircraft",
        "tanks",
        "missiles",
        "warplanes",
        "fighter",
        "jets",
    ]
)

EXPORT_LEMMAS = frozenset({"export", "sale", "sell", "delivery", "order"})

IMPORT_LEMMAS = frozenset({"import", "purchase", "acquisition", "weapon", "arm", "armament", "equipment", "arsenal"})

HEDGES = frozenset({"approximately", "about", "around", "roughly", "nearly", "almost", "some", "close", "over", "more",
                    "less", "under", "up", "estimated", "circa", "~"})  # fmt: skip

MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
               "trillion": 1e12, "tn": 1e12}  # fmt: skip

CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "dollar": "USD", "euros": "EUR",
              "euro": "EUR", "pounds": "GBP", "rubles": "RUB", "roubles": "RUB", "dinars": "DZD", "yuan": "CNY", "rupees": "INR", "yen": "JPY",
              "riyals": "SAR", "dirhams": "MAD"}  # fmt: skip

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

PERCENT_RE = re.compile(rf"(?P<num>{_NUM})\s*(?:%|per\s?cent\b|percent\b|pc\b)", re.I)

MONEY_RE = re.compile(
    rf"(?P<cur>US\$|\$|€|£)\s?(?P<num>{_NUM})(?:\s*(?P<mult>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    rf"|(?P<num2>{_NUM})\s*(?P<mult2>thousand|million|billion|trillion)?\s+(?P<cur2>dollars|euros|pounds|rubles|roubles|dinars|yuan|yen|rupees|riyals|dirhams|francs|shillings)\b",
    re.I,
)

ROLE_ALT = "|".join(sorted(ROLE_MEASURE, key=len, reverse=True))

ORD_ALT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th)"

SUP_ALT = "|".join(SUPERLATIVES)

RANK_RE = re.compile(
    rf"\b(?:(?P<ord>{ORD_ALT})[-\s]+(?:(?P<sup>{SUP_ALT}|most important)\s+)?|(?P<sup2>{SUP_ALT}|most important)\s+)"
    rf"(?:(?:[a-z]+[-\s]){{0,2}}?)(?P<role>{ROLE_ALT})s?\b",
    re.I,
)

ELLIPTIC_RE = re.compile(
    rf"\b(?P<ord>{ORD_ALT})[-\s]+(?P<sup>{SUP_ALT})\b(?!\s+(?:[a-z]+\s+){{0,2}}(?:{ROLE_ALT}))", re.I
)

MEASURE_NOUNS = frozenset({"amount", "sum", "total", "value", "worth", "$", "equivalent", "figure", "tune"})

DEAL_NOUNS = frozenset({"contract", "deal", "agreement", "loan", "aid", "investment", "order", "purchase", "sale",
                        "grant", "fund", "budget", "fine", "debt", "package", "credit", "payment", "donation",
                        "assistance", "subsidy", "compensation", "ransom", "sanction", "tariff", "export", "import"})  # fmt: skip

YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?:\s*[-–]\s*(1[89]\d\d|20\d\d|\d\d)\b)?")
