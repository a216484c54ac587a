"""Who is who across documents: person keys, office families, text tokens.

Per-document canonical names come from ``dateline.understand``; here they are matched across
documents. Matching is deliberately conservative: two full names match only when the
surnames are equal and the given names agree (equal, or one is the other's initial). A bare
surname is resolved only when exactly one full name in scope carries it, so "Kim" or "Abe"
never glue two people together.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "minister",
    "secretary", "prime", "gen", "general", "adm", "sen", "senator", "rep", "gov", "governor",
    "king", "queen", "prince", "princess", "chancellor", "premier", "ambassador", "the",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your said says say told new one two three four
    five year years month months week weeks day days monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december last next first since ago mr mrs ms per cent percent time times
    officials official according minister ministers meet meets meeting talks talk
    government president secretary """.split()  # noqa: SIM905
)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or punctuation: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s-]", " ", text.lower())
    return re.sub(r"\s+", " ", text.replace("-", " ")).strip()


def name_tokens(name: str) -> list[str]:
    """Tokens of a person's name without titles and suffixes ("Mr. Hagel" -> ["hagel"])."""
    toks = fold(name).split()
    while toks and toks[0] in _TITLES:
        toks = toks[1:]
    while toks and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return toks


_REGNAL = re.compile(r"^[a-z]+ (?:ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")


def regnal_name(name: str) -> str | None:
    """ "King Oswin III" -> "oswin iii": a monarch's name and numeral name one person in
    full, although it has no surname (the numeral is not a suffix like "Jr." here)."""
    toks = fold(name).split()
    while toks and toks[0] in _TITLES:
        toks = toks[1:]
    joined = " ".join(toks)
    return joined if _REGNAL.match(joined) else None


def surname(name: str) -> str:
    toks = name_tokens(name)
    return toks[-1] if toks else ""


# Short forms news copy uses for given names; both sides are mapped before comparing.
_SHORT = {
    "joe": "joseph", "bill": "william", "bob": "robert", "jim": "james", "mike": "michael",
    "tony": "anthony", "chuck": "charles", "dick": "richard", "tom": "thomas",
    "dan": "daniel", "dave": "david", "steve": "stephen", "alex": "alexander",
    "andy": "andrew", "ben": "benjamin", "ed": "edward", "liz": "elizabeth", "nick": "nicholas",
}  # fmt: skip


def given_initial(first: str) -> str:
    """The initial of a first name once short forms are spelt out ("Bill" -> "w")."""
    return _SHORT.get(first, first)[:1]


def _one_given(x: str, y: str) -> bool:
    if x == y or _SHORT.get(x, x) == _SHORT.get(y, y):
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0] or given_initial(x) == given_initial(y)
    return False


def given_compatible(a: list[str], b: list[str]) -> bool:
    """Whether two lists of given names can belong to one person ("J" fits "John", "Joe"
    fits "Joseph"); when both give middle names they must agree too, so "George W." and
    "George H. W." stay two people."""
    if not a or not b:
        return True
    if not _one_given(a[0], b[0]):
        return False
    ma, mb = a[1:], b[1:]
    if ma and mb:
        return len(ma) == len(mb) and all(_one_given(x, y) for x, y in zip(ma, mb, strict=True))
    return True


def same_person(a: str, b: str) -> bool:
    """Full-name comparison; a bare surname only matches when nothing contradicts it."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    return given_compatible(ta[:-1], tb[:-1])


def is_full(name: str) -> bool:
    return len(name_tokens(name)) >= 2


# --------------------------------------------------------------------------- offices

_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("foreign", re.compile(r"foreign|secretary of state\b(?! for)|external affairs|diplomat")),
    ("defence", re.compile(r"defen[cs]e|secretary of war|armed forces minister")),
    ("head of government", re.compile(r"prime minister|premier\b|chancellor\b(?! of the)")),
    ("head of state", re.compile(r"president\b|king\b|queen\b|emperor|monarch")),
    ("finance", re.compile(r"financ|treasury|exchequer")),
    ("ambassador", re.compile(r"ambassador|envoy")),
]


def office_family(office: str) -> str:
    """A coarse office key so "Foreign Minister" and "Minister for Foreign Affairs" agree."""
    low = fold(office)
    if re.search(r"\b(deputy|vice|junior|shadow|former|minister of state|state minister)\b", low):
        return low  # a different office from the one its words contain
    for family, pattern in _FAMILIES:
        if pattern.search(low):
            return family
    return low


def country_key(country: str | None) -> str:
    if not country:
        return ""
    low = fold(country)
    aliases = {
        "us": "united states", "usa": "united states", "u s": "united states",
        "united states of america": "united states", "america": "united states",
        "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
        "prc": "china", "people s republic of china": "china", "south korea": "south korea",
        "republic of korea": "south korea", "rok": "south korea", "russian federation": "russia",
    }  # fmt: skip
    return aliases.get(low, low)


# --------------------------------------------------------------------------- text

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+\+\d+")


def stem(word: str) -> str:
    """A crude stem: enough to make "strategies"/"strategy" and "adopted"/"adopt" meet."""
    w = word.lower().strip("'-")
    if w.endswith(("ss", "us", "is")):
        return w
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + repl
    return w


def content_words(text: str) -> list[str]:
    """Stemmed content words of a text, in order, stop words dropped."""
    out = []
    for m in WORD.finditer(text):
        w = m.group(0).lower()
        if w in STOPWORDS or (len(w) < 3 and "+" not in w):
            continue
        out.append(stem(w))
    return out


# Country-level places are compatible with any city ("Japan" / "Tokyo"): without a gazetteer
# a country is treated as saying nothing precise about the place.
COUNTRIES = frozenset(
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria burma cambodia
    cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador
    egypt eritrea estonia ethiopia finland france georgia germany ghana greece guatemala haiti
    honduras hungary iceland india indonesia iran iraq ireland israel italy japan jordan
    kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania
    luxembourg malaysia mali mexico moldova mongolia montenegro morocco mozambique myanmar
    nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay
    peru philippines poland portugal qatar romania russia rwanda serbia singapore slovakia
    slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand
    tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela vietnam yemen
    zambia zimbabwe""".split()  # noqa: SIM905
) | {
    "united states", "united states of america", "us", "usa", "u s", "united kingdom", "uk",
    "south korea", "north korea", "south africa", "new zealand", "saudi arabia", "sri lanka",
    "united arab emirates", "czech republic", "ivory coast", "south sudan", "east timor",
    "the united states", "america", "europe", "asia", "africa", "middle east", "asia pacific",
}  # fmt: skip


def is_country(place: str) -> bool:
    return fold(place) in COUNTRIES
