"""World regions for the directory's "country or region" filter (after the UN M49 groupings)."""

from __future__ import annotations

_REGIONS = {
    "Africa": (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU "
        "YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF"
    ),
    "Asia": (
        "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS "
        "PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE"
    ),
    "Europe": (
        "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE XK LV LI LT LU MT MD MC "
        "ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB"
    ),
    "Latin America and the Caribbean": (
        "AI AG AR AW BS BB BZ BO BQ BV BR VG KY CL CO CR CU CW DM DO EC SV FK GF GD GP GT GY HT HN JM MQ MX MS "
        "NI PA PY PE PR BL KN LC MF VC SX GS SR TT TC VI UY VE"
    ),
    "Northern America": "BM CA GL PM US UM",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF CX CC HM",
    "Antarctica": "AQ",
}

REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def region(country: str) -> str:
    """The region a country code belongs to ('Other' for codes outside the table)."""
    return REGION_OF.get(country, "Other")
