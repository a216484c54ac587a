"""The documented vocabulary the cleaner uses. Nothing here names a particular article.

* ``FURNITURE_PHRASES``: phrases of navigation, share bars, comment forms, ads and link
  lists; a *short* line (not a body sentence) matching one is dropped.
* ``FURNITURE_SENTENCES``: sentences only furniture says (comment-form notices, captcha
  prompts, follow-us lines, syndication notices, versioning-site banners); dropped whatever
  the length of the line.
* ``CLOSING_HEADINGS``: headings ("Leave a Reply", "Sources", "Related stories") after which
  the rest of the dump is comments or links, not the article.
* ``WIDGET_WORDS``: single words typical of navigation and widgets. A *short* line made mostly
  of them (or of ``UI_TOKENS``) is dropped; a body sentence that merely contains "share" or
  "print" is kept.
* ``WIRES``: news agencies as they appear in credits ("(AP)", "Xinhua, July 12"), mapped
  to their names.
* ``HOST_OUTLETS``: web hosts (and the short source names versioning sites use) mapped
  to outlet names; an unknown host is used as written.
"""

from __future__ import annotations

import re

# Phrases that mark a short line (not a body sentence) as furniture.
_PHRASES = [
    # accessibility and navigation
    r"\baccessibility links\b",
    r"\bskip to (?:main )?(?:content|navigation|search)\b",
    r"^(?:main )?(?:menu|navigation|search|home|sections?|log ?in|log ?out|sign ?in|sign ?out)$",
    r"^breaking(?: news)?\s*[:!]?$",
    r"^(?:back to top|top of page|jump to)\b",
    r"^(?:previous|next) (?:article|story|post|page)\b",
    r"^(?:listen to (?:this )?article|\d+ min(?:ute)?s? read)\b",
    r"^(?:loading|please enable javascript|this video (?:is|can) not)\b",
    r"^(?:click|tap) (?:here|to)\b",
    r"\bopens in (?:a )?new (?:window|tab)\b",
    # share / print / e-mail widgets
    r"\bprint\s*e-?mail\b",
    r"\bbookmark and share\b",
    r"^share (?:this|on|via|article|story|full article)\b",
    r"^(?:share|like) this:?$",
    r"\bshare on (?:facebook|twitter|x|linkedin|whatsapp)\b",
    r"\b(?:e-?mail|send) (?:this|to a friend)\b",
    r"^(?:print|e-?mail|share|save|download) (?:this|the) (?:article|story|page|post)\b",
    r"\b(?:adjust |change )?(?:font|text) size\b",
    r"^(?:print friendly|printer[- ]friendly)",
    # comments and comment forms
    r"^\d+\s*(?:comments?|responses?|replies)(?:\(s\))?\b",
    r"\bcomment\(s\)",
    r"\bleave a (?:reply|comment)\b",
    r"\bpost (?:a )?comment\b",
    r"\badd (?:your|a) comments?\b",
    r"^(?:no|view|show|hide|read|load|see) (?:all |more )?(?:\d+ )?comments?\.?$",
    r"^comments? (?:are )?closed\.?$",
    r"^join the (?:discussion|conversation)\b",
    r"\bgo to forum\b",
    r"\buser ?name required\b",
    r"^your (?:comment|name|e-?mail)\b",
    r"^(?:name|e-?mail|website|comment)\s*\*?$",
    r"^reply$",
    # follow us / newsletters / subscriptions / apps / ads
    r"\bsign up (?:for|to) (?:our|the) (?:\w+ )?newsletters?\b",
    r"\bsubscribe to (?:our|the) (?:\w+ )?(?:newsletter|channel|feed|podcast)\b",
    r"^(?:subscribe|subscribe now|already a subscriber\??|create an account|register)$",
    r"\bsend your stories\b",
    r"\bget more from\b",
    r"\bdownload (?:our|the) app\b",
    r"^(?:related|more|most (?:read|popular|viewed|shared)|top|latest|trending|recommended|editor'?s picks)"
    r"(?: (?:articles|stories|news|coverage|content|topics|videos|now|for you|on this story))?:?$",
    r"^(?:related|read more|see also|also read|more on this|read next)\s*:",
    r"^(?:read|see) (?:more|also)\b.{0,60}$",
    r"^you (?:may|might) (?:also )?like\b",
    r"^continue reading\b",
    r"^(?:advertisement|sponsored(?: content)?|supported by|skip advertisement)$",
    r"\badvertisement\b.{0,40}\b(?:continues?|scroll)\b",
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b[^.]{0,120}$",
    r"^(?:tags?|topics?|filed under|categories|category|posted in)\s*:",
    r"^(?:image|photo|picture|video)\s*(?:copyright|caption|source|credit)\b",
    r"^(?:copyright\b|©|\(c\)\s)",
    r"\ball rights reserved\b",
    r"\b(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|accept (?:all )?cookies)\b",
    r"^(?:contact us|about us|help|feedback|site map|sitemap)$",
    r"^\S+@\S+\.\w+$",  # a bare e-mail address
    r"^@\w{2,}$",  # a bare social handle
    r"^\d+(?:\.\d+)?k?\s+(?:shares|views|likes|comments)$",
    r"^\(?about \d+ (?:minutes?|hours?|days?|weeks?) (?:later|earlier)\)?$",
    r"^\d{1,6}$",  # a bare count (shares, comments) or page number
    r"^reporting from\b",
    r"^(?:updated|published|posted|last updated|modified|first published)\b.{0,40}$",
    r"^(?:publié|mis à jour|mis en ligne|veröffentlicht|aktualisiert|stand:|publicado|actualizado|"
    r"pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b.{0,80}$",
    # capture-time banners and blog footers
    r"^this (?:article|story|page) is (?:more|over) than \d+ (?:years?|months?|days?) old\b",
    r"^(?:posted|filed) (?:in|under)\b",
    r"\|\s*\d+\s+(?:comments?|responses?|replies)$",
    r"^like\s+loading\b",
    r"\b(?:blog at|powered by|proudly powered by|create a (?:free )?(?:website|blog) (?:or blog )?at) "
    r"(?:wordpress|blogger|tumblr|ghost|medium)(?:\.com)?\b",
    r"^\d+ (?:thoughts|responses|replies) (?:on|to)\b",
    r"^enter your (?:comment|e-?mail)(?: address)?\b",
    r"\bsign up for (?:the|our) .{0,60}\b(?:newsletter|briefing|digest|alerts?)\b",
    r"\bquotes? (?:are )?delayed\b",
    r"\blet friends in your social network\b",
    r"^(?:reprints?|permissions?)(?: (?:&|and) (?:licensing|permissions))?$",
    r"^reuse this content$",
    # the same furniture in French, German, Spanish and Italian
    r"^(?:se connecter|s'abonner|s’abonner|connexion|mon compte|anmelden|abonnieren|"
    r"iniciar sesi[oó]n|suscr[ií]bete|accedi|abbonati)\b",
    r"^(?:partager|imprimer|teilen|drucken|compartir|imprimir|condividi|stampa)\b.{0,80}$",
    r"\b(?:taille du texte|taille de (?:la )?police|schriftgr(?:ö|oe)(?:ß|ss)e|"
    r"tama[nñ]o (?:de )?(?:la )?(?:letra|texto|fuente)|dimensione (?:del )?(?:testo|carattere))\b",
    r"^(?:abonnez-vous|inscrivez-vous|newsletter abonnieren|suscr[ií]bete|iscriviti)\b",
    r"^(?:tous droits r[ée]serv[ée]s|alle rechte vorbehalten|todos los derechos reservados|"
    r"tutti i diritti riservati)\b",
    r"^(?:mentions l[ée]gales|impressum|datenschutz|aviso legal|note legali)$",
    r"^(?:commentaire|kommentar|comentario|commento|nom|e-mail|envoyer|senden|enviar|invia)\s*\*?$",
]
# Whole sentences that only furniture says: safe to drop even when the line is long.
_SENTENCES = [
    r"\byour e-?mail address will not be published\b",
    r"\brequired fields are marked\b",
    r"\benter the (?:words|characters|code|letters) (?:you see|shown|above)\b",
    r"\bcomments? (?:may|will) be (?:removed|deleted|moderated)\b",
    r"\bby the moderators?\b",
    r"\bnotify me of (?:new|follow-up) (?:comments|posts)\b",
    r"\bsave my name, e-?mail\b",
    r"^follow (?:us|[\w.'-]+(?: [\w.'-]+){0,3}) on (?:twitter|facebook|instagram|x|linkedin|youtube|telegram)\b",
    r"\bto join the conversation\b",
    r"\bmay not be (?:published|reproduced), broadcast\b",
    r"\bthomson reuters trust principles\b",
    r"\ba version of this (?:article|story) appears? in print\b",
    r"\bmore about [\w.'’-]+(?: [\w.'’-]+){0,3}$",
    r"\border reprints\b",
    r"\bthis page is archived\b",
    r"\bhave an opinion on this story\?",
    r"^write to \S.{0,60}\bat \S+@\S+",
    # versioning sites (NewsDiffs-style banners)
    r"\bthis article is from the source\b",
    r"\bfirst published or seen on\b",
    r"\bwon'?t be checked again\b",
    r"\bthe article has changed \d+ times?\b",
    r"\brss feed of changes\b",
    r"\bfind the (?:current|original) (?:article|version) at\b",
    r"\b(?:checked|changed) \d+ times?\b",
    r"^(?:current|original|latest) version at the source\b",
    r"\b(?:empty|blank) cells?\b.{0,40}\bmeans?\b",
    r"^older versions\s*:",
    r"\bfollow this (?:article|story|page)'?s? changes\b",
    r"\barticles remain the property of\b",
    r"\bwe keep an eye on the news\b",
    # cookie banners and comment-form notices, in the languages dateline reads
    r"\bwe use cookies\b",
    r"\bby continuing to (?:browse|use)\b.{0,60}\bcookies\b",
    r"\b(?:nous )?utilisons des cookies\b",
    r"\ben poursuivant votre navigation\b",
    r"\b(?:wir )?verwenden cookies\b",
    r"\butilizamos cookies\b",
    r"\butilizziamo (?:i )?cookie\b",
    r"\bvotre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publi[ée]e\b",
    r"\bihre e-?mail-?adresse wird nicht ver(?:ö|oe)ffentlicht\b",
    r"\bdirecci[oó]n de correo electr[oó]nico no (?:ser[aá]|se) publica",
    r"\bil tuo indirizzo (?:e-?mail )?non sar[aà] pubblicato\b",
    r"\bfill in your details below\b",
]
FURNITURE_PHRASES = [re.compile(p, re.IGNORECASE) for p in _PHRASES]
FURNITURE_SENTENCES = [re.compile(p, re.IGNORECASE) for p in _SENTENCES]

# Headings after which the rest of a dump is not the article (comments, source lists,
# link lists). Only honoured after the article has begun: in the second half of the dump or
# after three body paragraphs.
CLOSING_HEADINGS = re.compile(
    r"^(?:leave a (?:reply|comment)|\d+\s+(?:comments?|responses?|replies)|comments?(?:\s*\(\d+\))?|"
    r"responses|join the discussion|post a comment|add your comments?|sources?|references|"
    r"external links|share this|like this|related (?:news|articles|stories)|you may also like|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|more from [\w .'-]{1,40}|"
    r"have an opinion on this story\?.*|"
    r"related(?: (?:coverage|content|links|reading|topics))?|more (?:stories|on this story|from the \w+)|"
    r"topics|tags|most popular|"
    r"(?:à |a )?lire aussi|sur le même sujet|laisser un commentaire|commentaires?(?:\s*\(\d+\))?|"
    r"mehr zum thema|lesen sie auch|das könnte sie auch interessieren|kommentare|"
    r"te puede interesar|noticias relacionadas|lee también|comentarios|"
    r"leggi anche|potrebbe interessarti|commenti)\s*:?\.{0,3}$",
    re.IGNORECASE,
)

WIDGET_WORDS = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "print",
        "e-mail",
        "email",
        "mail",
        "tweet",
        "retweet",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "telegram",
        "instagram",
        "youtube",
        "rss",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "login",
        "log",
        "sign",
        "signin",
        "register",
        "comments",
        "comment",
        "reply",
        "bookmark",
        "bookmarks",
        "forum",
        "mobile",
        "app",
        "apps",
        "menu",
        "home",
        "search",
        "navigation",
        "nav",
        "close",
        "open",
        "toggle",
        "skip",
        "next",
        "previous",
        "prev",
        "more",
        "related",
        "advertisement",
        "advertising",
        "sponsored",
        "cookies",
        "cookie",
        "privacy",
        "terms",
        "contact",
        "about",
        "feedback",
        "font",
        "size",
        "text",
        "zoom",
        "video",
        "photos",
        "photo",
        "gallery",
        "podcast",
        "podcasts",
        "weather",
        "sport",
        "sports",
        "opinion",
        "copy",
        "link",
        "copied",
        "save",
        "saved",
        "follow",
        "us",
        "on",
        "to",
        "in",
        "the",
        "our",
        "get",
        "from",
        "send",
        "your",
        "stories",
    ]
)
# The same widgets in French, German, Spanish and Italian page dumps.
WIDGET_WORDS |= frozenset(
    [
        "partager",
        "imprimer",
        "commentaires",
        "commentaire",
        "abonnez-vous",
        "accueil",
        "teilen",
        "drucken",
        "kommentare",
        "startseite",
        "anmelden",
        "compartir",
        "imprimir",
        "comentarios",
        "condividi",
        "stampa",
        "commenti",
    ]
)
# Words that make up a line only in widgets; "on", "to" and such count only alongside these.
_WEAK_WORDS = frozenset(["on", "to", "in", "the", "our", "get", "from", "your", "us", "more"])
STRONG_WIDGET_WORDS = WIDGET_WORDS - _WEAK_WORDS

# Font-size buttons and similar one-token controls.
UI_TOKENS = frozenset(
    [
        "xs",
        "s",
        "sm",
        "m",
        "md",
        "l",
        "lg",
        "xl",
        "xxl",
        "a",
        "a+",
        "a-",
        "aa",
        "aaa",
        "+a",
        "-a",
        "t+",
        "t-",
        "+",
        "-",
        "|",
        "•",
        "·",
        "»",
        "«",
        "›",
        "‹",
        ">",
        "<",
        "menu",
    ]
)

WIRES = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "jiji": "Jiji Press",
    "yonhap": "Yonhap",
    "upi": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "ansa": "ANSA",
    "efe": "EFE",
    "pti": "Press Trust of India",
    "ians": "IANS",
    "bernama": "Bernama",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "anadolu": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "bloomberg": "Bloomberg",
    "cna": "Central News Agency",
    "antara": "Antara",
    "pa": "PA Media",
    "aap": "Australian Associated Press",
    "cp": "The Canadian Press",
}

HOST_OUTLETS = {
    "nytimes.com": "The New York Times",
    "nytimes": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "washpo": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "cnn.com": "CNN",
    "cnn": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "politico": "Politico",
    "apnews.com": "Associated Press",
    "reuters.com": "Reuters",
    "reuters": "Reuters",
    "afp.com": "Agence France-Presse",
    "bloomberg.com": "Bloomberg",
    "voanews.com": "Voice of America",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bbc": "BBC",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "guardian": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "thetimes.co.uk": "The Times",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "lemonde.fr": "Le Monde",
    "spiegel.de": "Der Spiegel",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "china.org.cn": "China.org.cn",
    "chinadaily.com.cn": "China Daily",
    "globaltimes.cn": "Global Times",
    "japantimes.co.jp": "The Japan Times",
    "asahi.com": "The Asahi Shimbun",
    "mainichi.jp": "The Mainichi",
    "nhk.or.jp": "NHK",
    "english.kyodonews.net": "Kyodo News",
    "kyodonews.net": "Kyodo News",
    "yna.co.kr": "Yonhap",
    "koreaherald.com": "The Korea Herald",
    "scmp.com": "South China Morning Post",
    "straitstimes.com": "The Straits Times",
    "thehindu.com": "The Hindu",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "wikinews.org": "Wikinews",
    "defense.gov": "U.S. Department of Defense",
    "state.gov": "U.S. Department of State",
}
