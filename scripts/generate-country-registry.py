#!/usr/bin/env python3
"""Generate Sources/TimelineCore/Countries/CountryRegistry+Entries.swift from Debian's iso-codes.

Run only to refresh the registry (after an iso-codes update); the generated file is committed.

    apt-get install -y iso-codes && python3 scripts/generate-country-registry.py

Reads /usr/share/iso-codes/json/iso_3166-1.json (current countries) and iso_3166-3.json
(former countries such as the USSR). The display name is the ISO common name when there is one,
else the ISO short name with an inverted ", Republic of" tail put back in order, except for the
few entries in DISPLAY below. ALIASES adds the names people actually type.
"""
import json
import pathlib
import sys

ISO_DIR = pathlib.Path("/usr/share/iso-codes/json")
OUT = pathlib.Path(__file__).resolve().parent.parent / "Sources/TimelineCore/Countries/CountryRegistry+Entries.swift"

# Display names where everyday English differs from the ISO short name.
DISPLAY = {
    "RUS": "Russia",
    "GBR": "United Kingdom",
    "USA": "United States",
    "COD": "DR Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "SUN": "USSR",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
    "DDR": "East Germany",
    "BUR": "Burma",
    "YMD": "South Yemen",
    "VDR": "North Vietnam",
    "BYS": "Byelorussian SSR",
    "HVO": "Upper Volta",
    "ZAR": "Zaire",
}

# Other names, former names and abbreviations users type. Keys are alpha-3 codes.
ALIASES = {
    "TUR": ["Turkey", "Turkiye"],
    "KGZ": ["Kyrgyz Republic", "Kirghizia"],
    "RUS": ["Russian Federation", "Russia"],
    "IRN": ["Iran", "Persia"],
    "LAO": ["Laos", "Lao PDR"],
    "VNM": ["Vietnam", "Viet Nam"],
    "MMR": ["Burma"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "CZE": ["Czech Republic"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "FYROM"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "GBR": ["UK", "Great Britain", "Britain"],
    "USA": ["US", "USA", "United States of America", "America"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "SYR": ["Syria"],
    "MDA": ["Moldova"],
    "TZA": ["Tanzania"],
    "VEN": ["Venezuela"],
    "BOL": ["Bolivia"],
    "BRN": ["Brunei"],
    "PSE": ["Palestine", "State of Palestine"],
    "VAT": ["Vatican", "Vatican City", "Holy See"],
    "COD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of the Congo"],
    "COG": ["Congo-Brazzaville", "Republic of the Congo"],
    "ARE": ["UAE", "Emirates"],
    "SAU": ["KSA"],
    "NLD": ["Holland", "The Netherlands"],
    "BLR": ["Byelorussia", "Belorussia"],
    "MDV": ["Maldive Islands"],
    "FSM": ["Micronesia"],
    "SUN": ["Soviet Union", "USSR", "Union of Soviet Socialist Republics"],
    "YUG": ["Yugoslavia"],
    "CSK": ["Czechoslovakia"],
    "DDR": ["East Germany", "GDR"],
    "SCG": ["Serbia and Montenegro"],
}


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reorder(name):
    """'Korea, Republic of' -> 'Republic of Korea'; names without the pattern stay."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        if tail.endswith(" of") or tail.endswith(" of the"):
            return tail + " " + head
    return None


def entry(alpha3, alpha2, numeric, iso_name, display, official, aliases, withdrawn):
    names = []
    for candidate in [iso_name, official, reorder(iso_name)] + aliases:
        if candidate and candidate != display and candidate not in names:
            names.append(candidate)
    fields = [
        f"alpha3: {swift_string(alpha3)}",
        f"alpha2: {swift_string(alpha2) if alpha2 else 'nil'}",
        f"numeric: {swift_string(numeric) if numeric else 'nil'}",
        f"name: {swift_string(display)}",
        "otherNames: [" + ", ".join(swift_string(n) for n in names) + "]",
        f"withdrawn: {swift_string(withdrawn) if withdrawn else 'nil'}",
    ]
    return "        Country(" + ", ".join(fields) + "),"


def main():
    current = json.loads((ISO_DIR / "iso_3166-1.json").read_text())["3166-1"]
    former = json.loads((ISO_DIR / "iso_3166-3.json").read_text())["3166-3"]
    current_codes = {c["alpha_3"] for c in current}
    lines = []
    for c in sorted(current, key=lambda c: c["alpha_3"]):
        code = c["alpha_3"]
        display = DISPLAY.get(code) or c.get("common_name") or (c["name"].split(", ")[0] if ", " in c["name"] and reorder(c["name"]) else c["name"])
        lines.append(entry(code, c["alpha_2"], c.get("numeric"), c["name"], display, c.get("official_name"), ALIASES.get(code, []), None))
    skipped = []
    for c in sorted(former, key=lambda c: c["alpha_3"]):
        code = c["alpha_3"]
        if code in current_codes:
            skipped.append(code)  # a former entry whose code a current country now uses
            continue
        display = DISPLAY.get(code) or c["name"].split(", ")[0]
        lines.append(entry(code, None, c.get("numeric"), c["name"], display, None, ALIASES.get(code, []), c.get("withdrawal_date")))
    header = [
        "// GENERATED by scripts/generate-country-registry.py from Debian's iso-codes. Do not edit.",
        f"// ISO 3166-1: {len(current)} current countries; ISO 3166-3: {len(former) - len(skipped)} former countries"
        + (f" (skipped, code reused: {', '.join(skipped)})" if skipped else "") + ".",
        "",
        "extension CountryRegistry {",
        "    /// Every country of ISO 3166-1 and every former country of ISO 3166-3.",
        "    static let isoEntries: [Country] = [",
    ]
    OUT.write_text("\n".join(header + lines + ["    ]", "}", ""]), encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} entries)", file=sys.stderr)


if __name__ == "__main__":
    main()
