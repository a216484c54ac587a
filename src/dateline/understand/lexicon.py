"""Word lists and tables for event reading: triggers, PLOVER mapping, cue words.

Kept apart from the rules so a reader can check or extend the vocabulary in one place.
"""

from __future__ import annotations

import re

# dateline type -> PLOVER category (https://github.com/openeventdata/PLOVER)
PLOVER = {
    "meeting": "CONSULT", "talks": "CONSULT", "summit": "CONSULT", "visit": "CONSULT",
    "call": "CONSULT", "agreement": "AGREE", "announcement": "OTHER",
    "cancellation": "RETREAT", "launch": "MOBILIZE", "infection": "OTHER",
    "adoption": "OTHER", "resignation": "RETREAT", "appointment": "OTHER",
    "election": "OTHER", "attack": "ASSAULT", "sanction": "SANCTION", "protest": "PROTEST",
    "aid": "AID", "accusation": "ACCUSE", "threat": "THREATEN", "rejection": "REJECT",
}  # fmt: skip
GROUP = {"meeting": "consult", "talks": "consult"}

NOUN_TRIGGERS = {
    "meeting": "meeting", "talks": "talks", "summit": "summit", "visit": "visit",
    "trip": "visit", "tour": "visit", "conference": "meeting", "teleconference": "meeting",
    "videoconference": "meeting", "consultations": "talks", "negotiations": "talks",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "treaty": "agreement",
    "pact": "agreement", "cancellation": "cancellation", "announcement": "announcement",
    "call": "call", "phone": "call", "sanctions": "sanction", "protest": "protest",
    "protests": "protest", "resignation": "resignation", "election": "election",
    "ceasefire": "agreement", "truce": "agreement", "shooting": "attack", "bombing": "attack",
    "attack": "attack", "clashes": "attack", "airstrike": "attack", "airstrikes": "attack",
    "signing": "agreement",
}  # fmt: skip
VERB_TRIGGERS = {
    "meet": "meeting", "visit": "visit", "agree": "agreement", "sign": "agreement",
    "announce": "announcement", "cancel": "cancellation", "scrap": "cancellation",
    "postpone": "cancellation", "launch": "launch", "fire": "launch", "test": "launch",
    "contract": "infection", "adopt": "adoption", "resign": "resignation",
    "appoint": "appointment", "name": "appointment", "nominate": "appointment", "phone": "call", "telephone": "call", "protest": "protest",
    "sanction": "sanction", "attack": "attack",
}  # fmt: skip
AGREEMENT_NOUNS = {
    "ceasefire",
    "truce",
    "declaration",
    "agreement",
    "deal",
    "accord",
    "treaty",
    "pact",
    "memorandum",
    "communique",
    "statement",
}
MISSILE = {
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "satellite",
    "icbm",
    "projectile",
    "projectiles",
}
VIRUS = {"coronavirus", "virus", "covid", "covid-19", "covid19", "omicron", "disease", "flu"}
ADOPTABLE = {
    "strategy",
    "strategies",
    "document",
    "documents",
    "law",
    "laws",
    "resolution",
    "policy",
    "bill",
    "budget",
    "plan",
    "guidelines",
    "constitution",
    "measure",
    "measures",
}
SIGN_LEMMAS = {
    "sign",
    "reach",
    "conclude",
    "strike",
    "seal",
    "ratify",
    "approve",
    "finalize",
    "finalise",
    "clinch",
    "initial",
    "negotiate",
}
# verbs whose to-infinitive complement lies ahead of them ("agreed to hold talks")
FUTURE_COMPLEMENT_EXTRA = {
    "agree",
    "promise",
    "vow",
    "pledge",
    "offer",
    "threaten",
    "ask",
    "urge",
    "need",
    "attempt",
    "try",
    "hope",
    "intend",
    "aim",
    "seek",
    "propose",
    "prepare",
    "decide",
    "want",
    "invite",
    "press",
    "call",
}
PLAN_LEMMAS = {
    "plan",
    "expect",
    "schedule",
    "set",
    "due",
    "aim",
    "hope",
    "intend",
    "prepare",
    "want",
    "seek",
    "decide",
    "propose",
    "arrange",
    "going",
    "slate",
    "poise",
}
FUTURE_COMPLEMENT = PLAN_LEMMAS | FUTURE_COMPLEMENT_EXTRA
PARTICIPATION = {
    "hold", "have", "begin", "start", "conclude", "attend", "join", "host", "end", "open",
    "resume", "convene", "wrap", "finish", "continue", "launch", "plan", "schedule", "take",
    "make", "embark", "involve", "sign", "reach", "strike", "seal", "discuss", "review",
    "address", "focus", "agree", "meet", "expect", "set", "cancel", "postpone", "call",
    "arrange", "lead", "chair", "co-chair", "pay", "go", "travel", "fly", "arrive", "return",
    "leave", "complete", "undertake", "be", "want", "hope", "prepare", "seek", "propose",
    # on the way to it or present at it: "head to Bali for a meeting", "spent the day ...
    # in the first meeting of the four ministers", "gathered in Paris for talks"
    "head", "spend", "gather", "assemble", "participate", "depart", "sit",
}  # fmt: skip
# verbs whose object event lies ahead of them
FUTURE_OBJECT = {
    "negotiate",
    "seek",
    "propose",
    "demand",
    "urge",
    "request",
    "require",
    "plan",
    "prepare",
    "want",
    "need",
    "await",
    "promise",
    "offer",
    "threaten",
    "schedule",
}
CANCEL_LEMMAS = {"cancel", "scrap", "postpone", "suspend", "delay", "abandon", "drop", "shelve"}
LIGHT_VERBS = {
    "hold",
    "have",
    "begin",
    "start",
    "conclude",
    "attend",
    "join",
    "host",
    "end",
    "open",
    "resume",
    "convene",
    "wrap",
    "finish",
    "continue",
    "launch",
    "plan",
    "schedule",
    "take",
    "make",
    "pay",
    "embark",
    "cover",
    "involve",
    "sign",
    "reach",
    "strike",
    "seal",
}
FACILITIES = {
    "pentagon",
    "white house",
    "kremlin",
    "elysee",
    "élysée",
    "downing street",
    "blue house",
    "capitol",
    "state department",
    "un headquarters",
    "camp david",
    "zhongnanhai",
}
VIRTUAL_CUES = re.compile(
    r"\b(virtual(?:ly)?|tele-?conference|video[- ]?(?:conference|call|link)|videoconference|online|(?:via|by|over) video|zoom call)\b",
    re.I,
)
PHONE_CUES = re.compile(
    r"\b(by (?:tele)?phone|phone call|telephone call|phone conversation|phoned|telephoned|over the phone|spoke by phone)\b",
    re.I,
)
PERSON_CUES = re.compile(r"\b(in person|face[- ]to[- ]face|in-person)\b", re.I)
SKIP_AFTER = {
    "after",
    "following",
    "before",
    "ahead",
    "since",
    "until",
    "prior",
    "despite",
    "like",
    "than",
}
IDIOMS = re.compile(r"meeting of (?:the )?minds|(?:news|press) conference|conference call", re.I)
