"""Data tables: office titles -> canonical offices (country-aware) and country names.

A title's words do not settle the office: US outlets call Japan's defence minister
"Defense Secretary", so each title names an office *family*; the canonical office is chosen
from the family and the country the text gives (``canonical_office``).
"""

from __future__ import annotations

import re

# family -> (canonical when the country is the United States, canonical elsewhere)
FAMILIES: dict[str, tuple[str, str]] = {
    "foreign": ("Secretary of State", "Minister for Foreign Affairs"),
    "defense": ("Secretary of Defense", "Minister of Defense"),
    "finance": ("Secretary of the Treasury", "Minister of Finance"),
    "interior": ("Secretary of Homeland Security", "Minister of the Interior"),
    "trade": ("Secretary of Commerce", "Minister of Trade"),
    "justice": ("Attorney General", "Minister of Justice"),
    "health": ("Secretary of Health and Human Services", "Minister of Health"),
    "pm": ("Prime Minister", "Prime Minister"),
    "president": ("President", "President"),
    "vp": ("Vice President", "Vice President"),
    "cos": ("Chief of Staff", "Chief of Staff"),
    "cabsec": ("Chief Cabinet Secretary", "Chief Cabinet Secretary"),
    "nsa": ("National Security Advisor", "National Security Advisor"),
    "chancellor": ("Chancellor", "Chancellor"),
    "king": ("King", "King"),
    "queen": ("Queen", "Queen"),
    "ambassador": ("Ambassador", "Ambassador"),
    "envoy": ("Special Envoy", "Special Envoy"),
    "ceo": ("Chief Executive Officer", "Chief Executive Officer"),
    "spokesperson": ("Spokesperson", "Spokesperson"),
    "governor": ("Governor", "Governor"),
    "mayor": ("Mayor", "Mayor"),
    "senator": ("Senator", "Senator"),
    "secgen": ("Secretary-General", "Secretary-General"),
    "jcs": ("Chairman of the Joint Chiefs of Staff", "Chief of Staff of the Armed Forces"),
}

# (regex over a title phrase, family, the country the title itself implies or None)
# Longest first; matched case-insensitively against the words before/after a name.
TITLES: list[tuple[str, str, str | None]] = [
    (r"secretary of state", "foreign", "United States"),
    (r"state secretary", "foreign", "United States"),
    (r"minister (?:for|of) foreign affairs", "foreign", None),
    (r"foreign (?:affairs )?minister", "foreign", None),
    (r"foreign secretary", "foreign", "United Kingdom"),
    (r"top diplomat", "foreign", None),
    (r"secretary of defen[cs]e", "defense", "United States"),
    (r"defen[cs]e secretary", "defense", None),
    (r"minister (?:of|for) defen[cs]e", "defense", None),
    (r"defen[cs]e minister", "defense", None),
    (r"pentagon (?:chief|head|boss)", "defense", "United States"),
    (r"defen[cs]e chief", "defense", None),
    (r"treasury secretary|secretary of the treasury", "finance", "United States"),
    (r"finance minister|minister of finance|chancellor of the exchequer", "finance", None),
    (r"interior minister|home secretary|homeland security secretary", "interior", None),
    (r"trade minister|commerce secretary", "trade", None),
    (r"attorney general|justice minister", "justice", None),
    (r"health minister|health secretary", "health", None),
    (r"chief cabinet secretary", "cabsec", "Japan"),
    (r"national security (?:adviser|advisor)", "nsa", None),
    (r"(?:white house )?chief of staff", "cos", None),
    (r"chairman of the joint chiefs(?: of staff)?", "jcs", "United States"),
    (r"vice[- ]president", "vp", None),
    (r"prime minister|premier", "pm", None),
    (r"president", "president", None),
    (r"chancellor", "chancellor", None),
    (r"secretary[- ]general", "secgen", None),
    (
        r"(?:interim |acting )?ambassador to (?:the )?(?:United States|United Kingdom|United Nations|European Union|North Korea|South Korea|Saudi Arabia|New Zealand|South Africa|(?-i:[A-Z])[\w.]*)",
        "ambassador",
        None,
    ),
    (r"(?:interim |acting )?ambassador", "ambassador", None),
    (r"special envoy|envoy", "envoy", None),
    (r"chief executive(?: officer)?|ceo", "ceo", None),
    (r"spokes(?:man|woman|person)", "spokesperson", None),
    (r"governor", "governor", None),
    (r"mayor", "mayor", None),
    (r"senator|sen\.", "senator", "United States"),
    (r"king", "king", None),
    (r"queen", "queen", None),
]
_TITLE_RES = [(re.compile(rf"^(?:{p})$", re.I), fam, c) for p, fam, c in TITLES]
TITLE_ALTERNATION = "|".join(p for p, _, _ in TITLES)
TITLE_RE = re.compile(rf"\b(?:{TITLE_ALTERNATION})\b", re.I)

COUNTRIES: dict[str, str] = {
    "u.s.": "United States", "us": "United States", "u.s": "United States",
    "united states": "United States", "america": "United States", "american": "United States",
    "usa": "United States", "washington": "United States",
    "japan": "Japan", "japanese": "Japan", "tokyo": "Japan",
    "china": "China", "chinese": "China", "beijing": "China",
    "north korea": "North Korea", "north korean": "North Korea", "dprk": "North Korea",
    "south korea": "South Korea", "south korean": "South Korea", "seoul": "South Korea",
    "korea": "South Korea", "korean": "South Korea",
    "britain": "United Kingdom", "british": "United Kingdom", "uk": "United Kingdom",
    "u.k.": "United Kingdom", "united kingdom": "United Kingdom", "london": "United Kingdom",
    "france": "France", "french": "France", "paris": "France",
    "germany": "Germany", "german": "Germany", "berlin": "Germany",
    "italy": "Italy", "italian": "Italy", "rome": "Italy",
    "canada": "Canada", "canadian": "Canada",
    "russia": "Russia", "russian": "Russia", "moscow": "Russia",
    "india": "India", "indian": "India",
    "australia": "Australia", "australian": "Australia",
    "philippines": "Philippines", "philippine": "Philippines", "filipino": "Philippines",
    "malaysia": "Malaysia", "malaysian": "Malaysia",
    "indonesia": "Indonesia", "indonesian": "Indonesia",
    "vietnam": "Vietnam", "vietnamese": "Vietnam",
    "taiwan": "Taiwan", "taiwanese": "Taiwan",
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "kyiv": "Ukraine",
    "israel": "Israel", "israeli": "Israel",
    "iran": "Iran", "iranian": "Iran",
    "turkey": "Turkey", "turkish": "Turkey",
    "spain": "Spain", "spanish": "Spain",
    "mexico": "Mexico", "mexican": "Mexico",
    "brazil": "Brazil", "brazilian": "Brazil",
    "egypt": "Egypt", "egyptian": "Egypt",
    "saudi arabia": "Saudi Arabia", "saudi": "Saudi Arabia",
    "pakistan": "Pakistan", "pakistani": "Pakistan",
    "poland": "Poland", "polish": "Poland",
    "netherlands": "Netherlands", "dutch": "Netherlands",
    "nato": "NATO",
    "sweden": "Sweden",
    "swedish": "Sweden",
    "norway": "Norway",
    "norwegian": "Norway",
    "denmark": "Denmark",
    "danish": "Denmark",
    "finland": "Finland",
    "finnish": "Finland",
    "chile": "Chile",
    "chilean": "Chile",
    "peru": "Peru",
    "peruvian": "Peru",
    "argentina": "Argentina",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "colombia": "Colombia",
    "colombian": "Colombia",
    "venezuela": "Venezuela",
    "venezuelan": "Venezuela",
    "cuba": "Cuba",
    "cuban": "Cuba",
    "belgium": "Belgium",
    "belgian": "Belgium",
    "austria": "Austria",
    "austrian": "Austria",
    "switzerland": "Switzerland",
    "swiss": "Switzerland",
    "portugal": "Portugal",
    "portuguese": "Portugal",
    "greece": "Greece",
    "greek": "Greece",
    "ireland": "Ireland",
    "irish": "Ireland",
    "hungary": "Hungary",
    "hungarian": "Hungary",
    "romania": "Romania",
    "romanian": "Romania",
    "bulgaria": "Bulgaria",
    "bulgarian": "Bulgaria",
    "serbia": "Serbia",
    "serbian": "Serbia",
    "croatia": "Croatia",
    "croatian": "Croatia",
    "czech republic": "Czech Republic",
    "czech": "Czech Republic",
    "slovakia": "Slovakia",
    "slovak": "Slovakia",
    "estonia": "Estonia",
    "estonian": "Estonia",
    "latvia": "Latvia",
    "latvian": "Latvia",
    "lithuania": "Lithuania",
    "lithuanian": "Lithuania",
    "belarus": "Belarus",
    "belarusian": "Belarus",
    "georgia": "Georgia",
    "georgian": "Georgia",
    "armenia": "Armenia",
    "armenian": "Armenia",
    "azerbaijan": "Azerbaijan",
    "azerbaijani": "Azerbaijan",
    "kazakhstan": "Kazakhstan",
    "kazakh": "Kazakhstan",
    "afghanistan": "Afghanistan",
    "afghan": "Afghanistan",
    "iraq": "Iraq",
    "iraqi": "Iraq",
    "syria": "Syria",
    "syrian": "Syria",
    "lebanon": "Lebanon",
    "lebanese": "Lebanon",
    "jordan": "Jordan",
    "jordanian": "Jordan",
    "qatar": "Qatar",
    "qatari": "Qatar",
    "united arab emirates": "United Arab Emirates",
    "emirati": "United Arab Emirates",
    "uae": "United Arab Emirates",
    "kuwait": "Kuwait",
    "kuwaiti": "Kuwait",
    "oman": "Oman",
    "omani": "Oman",
    "yemen": "Yemen",
    "yemeni": "Yemen",
    "nigeria": "Nigeria",
    "nigerian": "Nigeria",
    "kenya": "Kenya",
    "kenyan": "Kenya",
    "ethiopia": "Ethiopia",
    "ethiopian": "Ethiopia",
    "south africa": "South Africa",
    "south african": "South Africa",
    "ghana": "Ghana",
    "ghanaian": "Ghana",
    "morocco": "Morocco",
    "moroccan": "Morocco",
    "algeria": "Algeria",
    "algerian": "Algeria",
    "tunisia": "Tunisia",
    "tunisian": "Tunisia",
    "libya": "Libya",
    "libyan": "Libya",
    "sudan": "Sudan",
    "sudanese": "Sudan",
    "thailand": "Thailand",
    "thai": "Thailand",
    "singapore": "Singapore",
    "singaporean": "Singapore",
    "myanmar": "Myanmar",
    "burmese": "Myanmar",
    "cambodia": "Cambodia",
    "cambodian": "Cambodia",
    "laos": "Laos",
    "lao": "Laos",
    "laotian": "Laos",
    "bangladesh": "Bangladesh",
    "bangladeshi": "Bangladesh",
    "sri lanka": "Sri Lanka",
    "sri lankan": "Sri Lanka",
    "nepal": "Nepal",
    "nepalese": "Nepal",
    "nepali": "Nepal",
    "mongolia": "Mongolia",
    "mongolian": "Mongolia",
    "new zealand": "New Zealand",
    "new zealander": "New Zealand",

    "palestine": "Palestine",
    "palestinian": "Palestine",
    "european union": "European Union",
    "eu": "European Union",
    "united nations": "United Nations",
    "u.n.": "United Nations",


    "iceland": "Iceland",
    "icelandic": "Iceland",
    "luxembourg": "Luxembourg",
    "slovenia": "Slovenia",
    "slovenian": "Slovenia",
    "moldova": "Moldova",
    "moldovan": "Moldova",
}  # fmt: skip
# Capital names count as a country only where a title needs it ("Tokyo's ambassador");
# in running text they are places, so ``country_of`` skips them unless asked.
CAPITALS = {
    "washington",
    "tokyo",
    "beijing",
    "seoul",
    "london",
    "paris",
    "berlin",
    "rome",
    "moscow",
    "kyiv",
}

_COUNTRY_ALT = "|".join(
    sorted((re.escape(k) for k in COUNTRIES if k not in CAPITALS), key=len, reverse=True)
)
COUNTRY_RE = re.compile(rf"(?<![\w.])(?:{_COUNTRY_ALT})(?![\w])", re.I)


def country_of(word: str, capitals: bool = False) -> str | None:
    w = (
        word.lower().strip().rstrip("’'s").strip()
        if word.lower().endswith(("'s", "’s"))
        else word.lower().strip()
    )
    if not capitals and w in CAPITALS:
        return None
    if w in ("us",) and word != "US":  # the pronoun "us"
        return None
    return COUNTRIES.get(w)


def match_title(phrase: str) -> tuple[str, str | None, str] | None:
    """(family, implied country, ambassador target or '') for a bare title phrase."""
    p = re.sub(r"\s+", " ", phrase.strip().strip(",")).replace("’", "'")
    for rx, fam, implied in _TITLE_RES:
        if rx.match(p):
            target = ""
            if fam == "ambassador":
                m = re.search(r"\bto (?:the )?(.+)$", p, re.I)
                if m:
                    target = COUNTRIES.get(m.group(1).lower(), m.group(1))
            return fam, implied, target
    return None


def canonical_office(family: str, country: str | None, target: str = "") -> str:
    us, other = FAMILIES[family]
    if family == "ambassador" and target:
        return f"Ambassador to {target}"
    return us if country == "United States" else other
