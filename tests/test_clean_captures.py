"""Cleaning on hand-written fictional captures in many styles (tests/captures/), so that
nothing is tuned to the seed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.clean import CleanError, documents_from_capture
from dateline.ingest import read_paths
from dateline.models import Capture, Document

CAPTURES = Path(__file__).parent / "captures"


def _doc(name: str, record: int | None = None) -> Document:
    for capture in read_paths([CAPTURES / name]):
        if record is None or capture.record == record:
            return documents_from_capture(capture)[0]
    raise AssertionError(f"no capture {name}#{record}")


def _has_line(doc: Document, line: str) -> bool:
    return any(p.strip() == line for p in doc.body.split("\n"))


# (file, title, lines that must go, sentences that must stay, outlet, published or None)
CASES = [
    (
        "wire_reuters.txt",
        "Estmark and Norland agree to reopen border crossings",
        [
            "Skip to main content",
            "World News",
            "Share this article",
            "Facebook",
            "Read more",
            "Related Coverage",
            "Reporting by Ana Ruiz; Editing by Tom Bell",
        ],
        [
            '"This is the first step, not the last one,"',
            "WASHINGTON (Reuters) - Foreign ministers",
            "settle the dispute before the winter.",
        ],
        "Reuters",
        None,
    ),
    (
        "broadsheet_uk.txt",
        "Norland minister resigns over harbour contract",
        [
            "Tuesday 4 March 2014 18.02 GMT",
            "Share on Facebook",
            "Share via Email",
            "Comments",
            "Most popular",
            "Sign up to our daily newsletter",
        ],
        ['"I have always acted in good faith', "Opposition parties called for the whole contract"],
        None,
        "2014-03-04",
    ),
    (
        "liveblog.txt",
        "Summit in Vestby: latest updates",
        [
            "Live",
            "Published 3 March 2021",
            "Share",
            "Print",
            "Leave a comment",
            "Follow us on Twitter",
            "XS",
            "LG",
        ],
        [
            "11:05 GMT",
            '"We came here to sign, not to talk,"',
            "A joint statement is expected in the afternoon.",
        ],
        None,
        "2021-03-03",
    ),
    (
        "tokenised.txt",
        "Norland and Estmark sign fisheries accord",
        [],
        ["`` We have finally found a fair balance , ''", "reviewed within three years ."],
        "Agence France-Presse",
        "2019-03-05",
    ),
    (
        "french.txt",
        "Le ministre de l'Estmark reçu à Paris",
        ["Accueil > International > Europe", "Partager", "Imprimer", "Commentaires"],
        ["« Nous partageons les mêmes inquiétudes", "avant la fin de l'année"],
        "Agence France-Presse",
        "2021-03-03",
    ),
    (
        "german.txt",
        "Norland und Estmark vereinbaren neue Gespräche",
        ["Berlin, 3. März 2021", "Teilen", "Drucken", "Kommentare"],
        [
            "„Wir sind einen wichtigen Schritt weitergekommen“",
            "in einer gemeinsamen Erklärung mit.",
        ],
        None,
        "2021-03-03",
    ),
    (
        "wordpress_comments.txt",
        "Estmark opens new consulate in Vestby",
        [
            "Posted by admin",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Name *",
            "Notify me of follow-up comments by email.",
            "Post Comment",
            "Save my name, email, and website in this browser for the next time I comment.",
        ],
        ['"People should not have to travel to the capital for a stamp,"'],
        None,
        None,
    ),
    (
        "american_byline.txt",
        "Norland's Premier Visits Washington for Trade Talks",
        ["By Jane Doe and Mark Lee", "Jan. 5, 2022 at 6:00 a.m. ET", "Advertisement"],
        [
            '"We want a fair deal for our mills and for American builders,"',
            "second round of talks in the spring.",
        ],
        "northwire-news.example",
        "2022-01-05",
    ),
    (
        "nav_heavy.txt",
        "Vestby port workers end strike after pay deal",
        [
            "Home | World | Business | Sport | Culture",
            "Sign in",
            "Subscribe",
            "Menu",
            "Advertisement",
            "Related stories",
            "Most read",
            "Cookie settings",
            "Privacy policy",
            "© 2020 Northern Daily Ltd. All rights reserved.",
        ],
        ['"Nobody wanted this strike to last', "raises wages by six percent over two years."],
        "Northern Daily",  # from the copyright line
        None,
    ),
    (
        "hardwrapped.txt",
        "Estmark parliament approves defence budget",
        ["Print this page"],
        [
            "raises spending by a fifth over three years, after a debate that lasted well into the night",
            '"This budget is about deterrence, not about war," the defence minister, Erik Holm, told',
        ],
        None,
        None,
    ),
    (
        "iso_date.txt",
        "Norland announces new ambassador to Estmark",
        ["2021-06-15", "Tags: diplomacy, Norland, Estmark"],
        ["take up the post in September"],
        None,
        "2021-06-15",
    ),
]


CASES += [
    (
        "broadcaster_style.txt",
        "Ministers of Estmark and Norland meet in Vestby",
        [
            "Skip to content",
            "Accessibility Help",
            "Published",
            "3 March 2021",
            "close panel",
            "Copy link",
            "Image caption,",
            "The ministers met at the harbour",
            "Related Topics",
            "Border talks collapse",
            "12 January 2019",
            "Follow News online",
        ],
        ["met in the port city of Vestby on Wednesday", '"It was a good start,"'],
        None,
        "2021-03-03",
    ),
    (
        "newspaper_web_style.txt",
        "Norland and Estmark Settle Fishing Dispute",
        [
            "SKIP ADVERTISEMENT",
            "Supported by",
            "Share full article",
            "124",
            "By Jane Doe",
            "Reporting from Vestby",
            "Updated 6:12 p.m. ET",
            "See more on: Norland, Estmark",
        ],
        [
            "VESTBY, Norland — The governments",
            "“This is the end of a very long story,”",
            "several boats were detained last year.",
        ],
        None,
        "2022-01-05",
    ),
]


# mastheads, capitals date lines, wire datelines without a year, cookie banners and furniture
# in several languages, WordPress footers, age banners, topic lists and related headlines
CASES += [
    (
        "wire_caps_dateline.txt",
        "Arland and Corvina agree to restart stalled river treaty talks",
        [
            "Northwire",
            "Sign in   Register",
            "JULY 9, 2019 / 6:05 AM / UPDATED AN HOUR AGO",
            "Facebook  Twitter  LinkedIn  E-mail",
            "Related coverage",
            "Corvina's dam builder wins new contract in the south",
            "Drought cuts Arland's wheat harvest by a fifth",
            "Sign up for the Northwire Morning Wrap newsletter",
            "Quotes delayed at least 15 minutes.",
        ],
        ["TESSEL, July 9 (Northwire) - Arland and Corvina", '"Rivers do not read maps,"'],
        "Northwire",
        "2019-07-09",
    ),
    (
        "syndicated_one_line.txt",
        "Arland and Corvina to restart river talks",
        [
            "THE BRAVA COURIER",
            "We use cookies to give you the best experience. By continuing to use this site you "
            "accept our use of cookies. OK | More info",
            "LOCAL  NATION  WORLD  SPORTS  OBITUARIES  CLASSIFIEDS",
            "Breaking: Brava council votes to close the old bridge",
            "More from the Courier",
            "School board delays vote on new calendar",
            "The Brava Courier | 2 Quay Street, Brava | Advertise | Contact",
        ],
        [
            "The foreign ministers, Oskar Lind and Marisa Duval, met for three hours",
            "Negotiators will meet again in September",
        ],
        "Northwire (via The Brava Courier)",
        "2019-07-09",
    ),
    (
        "italian.txt",
        "Arland e Corvina firmano l'accordo sul fiume Brava",
        [
            "Utilizziamo i cookie per migliorare la tua esperienza. Continuando la navigazione "
            "accetti il loro utilizzo. Accetto | Scopri di più",
            "Accedi | Abbonati",
            "Condividi su Facebook   Condividi su Twitter   Invia per email   Stampa",
            "Leggi anche",
            "Siccità, raccolto di grano in calo del venti per cento",
            "Il tuo indirizzo email non sarà pubblicato.",
        ],
        ["«I fiumi non leggono le carte geografiche»", "due volte l'anno."],
        "Il Giornale di Brava",
        "2019-11-05",  # "05/11/2019" on an Italian page is day first
    ),
    (
        "spanish.txt",
        "Arland y Corvina reanudan las negociaciones sobre el río Brava",
        [
            "Iniciar sesión | Suscríbete",
            "Compartir en Facebook   Compartir en Twitter   Enviar por correo   Imprimir",
            "Tamaño de letra: A- A+",
            "Noticias relacionadas",
            "La sequía reduce un veinte por ciento la cosecha de trigo en Arland",
            "Tu dirección de correo electrónico no será publicada.",
        ],
        ["«Los ríos no leen los mapas»", "volverán a reunirse en septiembre"],
        "El Diario de Tessel",
        "2019-07-09",
    ),
    (
        "german_dotted_date.txt",
        "Arland und Corvina unterzeichnen Abkommen über den Fluss Brava",
        [
            "Tesseler Rundschau",
            "Anmelden | Abonnieren",
            "Teilen   Twittern   E-Mail   Drucken",
            "Mehr zum Thema",
            "Dürre: Weizenernte in Arland um ein Fünftel geringer",
            "Ihre E-Mail-Adresse wird nicht veröffentlicht.",
        ],
        ["„Flüsse lesen keine Landkarten“", "Die Außenminister von Arland und Corvina"],
        "Tesseler Rundschau",
        "2019-11-05",  # "05.11.2019": dotted dates are day first
    ),
    (
        "broadsheet_banner.txt",
        "Arland's river minister resigns over dam report",
        [
            "THE TESSEL GAZETTE",
            "Sign in | Register",
            "Print edition | Digital edition",
            "World > Europe > Arland",
            "This article is more than 5 years old",
            "Topics",
            "Corvina",
            "Rivers",
            "Reuse this content",
        ],
        ["Oskar Lind resigned as Arland's minister for rivers on Friday", '"That is enough."'],
        "The Tessel Gazette",
        "2020-03-13",
    ),
    (
        "blog_wordpress_footer.txt",
        "The dam report, read slowly",
        [
            "River Notes - a blog about the Brava and the people who live on it",
            "Home   About   Archive   Contact",
            "Posted in Rivers, Arland | 3 Comments",
            "Like Loading...",
            "Who pays for the new bridge?",
            "Blog at WordPress.com.",
        ],
        ["Three warnings stand out.", "every reply they did not get."],
        "River Notes",
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "gone", "kept", "outlet", "published"), CASES, ids=[c[0] for c in CASES]
)
def test_plain_text_dumps(
    name: str,
    title: str,
    gone: list[str],
    kept: list[str],
    outlet: str | None,
    published: str | None,
) -> None:
    doc = _doc(name)
    assert doc.title == title
    assert not _has_line(doc, title), "the headline is metadata, not body"
    for line in gone:
        assert not _has_line(doc, line), line
        assert line in doc.removed_lines, line
    for text in kept:
        assert text in doc.body, text
    assert doc.outlet == outlet
    if published is None:
        assert doc.published is None
        assert any(n.startswith("undated") for n in doc.notes)
    else:
        assert doc.published is not None
        assert (doc.published.value, doc.published.basis) == (published, "stated")
        assert doc.metadata_evidence["published"] == doc.published.reasons[0]


def test_languages_are_detected() -> None:
    assert _doc("french.txt").language == "fr"
    assert _doc("german.txt").language == "de"
    assert _doc("wire_reuters.txt").language == "en"


def test_partial_dateline_is_reported_not_completed() -> None:
    doc = _doc("partial_dateline.txt")
    assert doc.published is None
    assert doc.metadata_evidence["partial_date"] == "--03-12"
    assert doc.metadata_evidence["partial_date_line"].startswith("KABUL, 12 March")
    assert "no year" in doc.notes[0]
    assert doc.body.startswith("KABUL, 12 March — Ministers")  # an inline dateline is body text


def test_url_in_text_is_the_article_url_with_evidence() -> None:
    doc = _doc("american_byline.txt")
    assert (
        doc.url
        == "https://www.northwire-news.example/2022/01/05/norland-premier-washington-trade.html"
    )
    assert "Original article:" in doc.metadata_evidence["url"]


def test_fictional_version_table() -> None:
    doc = _doc("version_table.txt")
    assert [(v.index, v.title) for v in doc.versions] == [
        (1, "Estmark and Norland to Hold Talks"),
        (2, "Estmark and Norland Hold Talks in Vestby"),
    ]
    old, new = doc.versions
    assert new.label == "Version 2 (about 2 hours later)"
    assert "will hold talks" in old.text and "held talks" in new.text
    assert '"It was a long but useful day,"' in new.text  # a row whose left cell is empty
    assert '"It was a long but useful day,"' not in old.text
    # an empty right cell is an unchanged paragraph: version 2 keeps it, after version 2's
    # own changed first paragraph and the shared second one
    new_paras = new.text.split("\n\n")
    assert new_paras[0].startswith("Estmark and Norland held talks")
    assert new_paras[2].startswith('"We expect a long day,"')
    assert len(new_paras) == 4 and len(old.text.split("\n\n")) == 3
    assert doc.body == new.text  # the fullest version, each paragraph once
    assert doc.metadata_evidence["version_count"].startswith("3:")
    assert doc.published is not None and doc.published.value == "2020-05-02"
    assert doc.outlet == "northwire-news.example (via a news-versioning site)"


def test_html_page_through_trafilatura_and_htmldate() -> None:
    doc = _doc("page_meta.html")
    assert doc.kind == "html"
    assert doc.title == "Estmark and Norland sign rail agreement"
    assert doc.outlet == "The Northern Ledger"
    assert doc.url == "https://ledger.example/news/2019/11/20/rail-agreement"
    assert doc.published is not None and doc.published.value == "2019-11-20"
    assert '"Trains will do what diplomats could not' in doc.body
    assert "regional development bank." in doc.body
    for junk in (
        "window.analytics",
        "Sign in",
        "Most read",
        "Storm hits coast",
        "All rights reserved",
        "Tweet",
    ):
        assert junk not in doc.body, junk
    assert "trafilatura" in doc.metadata_evidence["extractor"]


def test_feed_entries_keep_given_metadata() -> None:
    doc = _doc("feed.atom", record=0)
    assert doc.published is not None and (doc.published.value, doc.published.basis) == (
        "2021-04-01",
        "given",
    )
    assert doc.title == "Ministers meet in Vestby" and doc.outlet == "The Northern Ledger"
    assert "<p>" not in doc.body and '"The summit will happen' in doc.body
    plain = _doc("feed.rss", record=1)
    assert plain.body.startswith("Norland named a veteran diplomat")


def test_jsonl_records_given_and_html() -> None:
    given = _doc("records.jsonl", record=1)
    assert given.published is not None and given.published.basis == "given"
    assert given.published.value == "2018-09-03"
    assert given.metadata_evidence["outlet"] == "given by the jsonl record"
    html = _doc("records.jsonl", record=3)
    assert html.title == "Harbour reopens" and html.outlet == "The Northern Ledger"
    assert "three-day closure" in html.body and "<p>" not in html.body
    bare = _doc("records.jsonl", record=6)
    assert bare.title is None and bare.published is None


def test_capture_of_only_furniture_is_an_error() -> None:
    capture = Capture(
        source="menu.txt", kind="text", raw="Home\nMenu\nSearch\nShare\nPrint\nXS\nLG\n"
    )
    with pytest.raises(CleanError, match=r"menu\.txt"):
        documents_from_capture(capture)


def test_body_sentences_with_widget_words_are_kept() -> None:
    raw = (
        "Estmark shares fall after rate decision\n\n"
        "Shares in Estmark's largest bank fell sharply on Monday after the central bank said it would print "
        "more money and follow the policy of its neighbours, traders said.\n\n"
        "Share\nPrint\n"
    )
    doc = documents_from_capture(Capture(source="bank.txt", kind="text", raw=raw))[0]
    assert doc.title == "Estmark shares fall after rate decision"
    assert doc.body.startswith("Shares in Estmark's largest bank fell sharply")
    assert doc.removed_lines == ["Share", "Print"]


def test_repeated_lines_are_dropped_once() -> None:
    raw = (
        "Ministers meet in Vestby\n\nMinisters meet in Vestby\n\n"
        "The ministers of Estmark and Norland met in Vestby on Monday, officials said after the meeting.\n\n"
        "The ministers of Estmark and Norland met in Vestby on Monday, officials said after the meeting.\n"
    )
    doc = documents_from_capture(Capture(source="dup.txt", kind="text", raw=raw))[0]
    assert doc.body.count("The ministers of Estmark") == 1
    assert doc.title == "Ministers meet in Vestby"


def test_tokenised_wikinews_style_document() -> None:
    doc = _doc("tokens_meantime_style.xml")
    assert doc.title == "Estmark and Norland open new ferry route"
    assert doc.published is not None and doc.published.value == "2016-06-02"
    assert doc.outlet == "Wikinews"
    assert doc.removed_lines == ["June 02 , 2016"]
    assert doc.body.startswith("A new ferry route") and "`` The crossing now takes" in doc.body


def test_comment_section_after_the_article_is_dropped() -> None:
    doc = _doc("blog_with_comments.txt")
    assert doc.title == "Estmark and Norland agree to share coastguard patrols"
    assert "Northern Notes" in doc.removed_lines
    assert '"Smugglers do not stop at the line on the map' in doc.body
    assert "great idea" not in doc.body and "Twenty miles is not enough" not in doc.body
    assert "Anna K. says:" in doc.removed_lines
    assert doc.published is None  # a commenter's timestamp is not the article's date


def test_wikinews_style_source_lists_are_dropped_and_date_line_read() -> None:
    doc = _doc("wikinews_style.txt")
    assert doc.title == "Estmark holds referendum on new constitution"
    assert doc.published is not None and doc.published.value == "2015-05-07"
    assert doc.body.rstrip().endswith("at a press conference in the capital.")
    for line in (
        "Sources",
        "Related news",
        "This page is archived, and is no longer publicly editable.",
    ):
        assert line in doc.removed_lines
    assert "Northern Wire" not in doc.body and "approves referendum" not in doc.body


def test_html_date_line_without_metadata() -> None:
    doc = _doc("page_visible_date.html")
    assert doc.published is not None and doc.published.value == "2017-08-14"
    assert doc.title == "Vestby council approves new bridge"
    assert doc.outlet == "Vestby Local News"  # from the copyright line
    assert "Home" not in doc.body.split("\n")


def test_event_date_inside_a_body_sentence_is_not_the_publication_date() -> None:
    html = (
        "<html><head><title>Ferry strike ends</title></head><body><article><h1>Ferry strike ends</h1>"
        "<p>Ferry crews in Vestby went back to work on Tuesday after a four-day strike over pay and "
        "rest times ended with a deal.</p><p>The agreement was reached on 3 May 2016 after talks that "
        "lasted through the night, the union said in a statement.</p></article></body></html>"
    )
    doc = documents_from_capture(Capture(source="strike.html", kind="html", raw=html))[0]
    assert doc.published is None
    text = "Ferry strike ends\n\n" + doc.body
    plain = documents_from_capture(Capture(source="strike.txt", kind="text", raw=text))[0]
    assert plain.published is None


def test_author_bio_and_print_edition_notes_are_dropped() -> None:
    doc = _doc("newspaper_web_style.txt")
    assert "More about Jane Doe" not in doc.body
    assert "appears in print" not in doc.body
    assert doc.body.rstrip().endswith("several boats were detained last year.")


def test_wire_dateline_without_year_agrees_with_the_date_line() -> None:
    doc = _doc("wire_caps_dateline.txt")
    assert doc.published is not None and doc.published.value == "2019-07-09"
    assert any("July 9" in r and "2019" in r for r in doc.published.reasons[1:])


def test_version_table_stamps_and_unchanged_cells() -> None:
    doc = _doc("versioning_first_seen.txt")
    old, new = doc.versions
    assert (old.timestamp, new.timestamp) == ("2020-05-02T09:30", "2020-05-02T13:40")
    assert old.label == "Version 1 (first seen 2 May 2020, 09:30 GMT)"
    assert new.label == "Version 2 (about 4 hours later)"
    assert "first seen" not in old.text  # the stamp row labels the version, it is not text
    new_paras = new.text.split("\n\n")
    assert new_paras == [
        "Arland and Corvina signed a deal on the Brava river on Saturday.",
        "The deal shares the river's water in dry summers.",  # empty right cell: unchanged
        '"This is a good day for farmers," Duval said after the signing.',  # added
        "Engineers from both sides will check the gauges every week.",  # unchanged
    ]
    assert '"This is a good day' not in old.text
    assert doc.body == new.text and "|" not in doc.body
    assert doc.outlet == "Corvina Herald (via Editwatcher)"
    assert doc.published is not None and doc.published.value == "2020-05-02"
    for line in doc.removed_lines:
        assert not _has_line(doc, line)
    assert not any("Empty cells" in p for p in doc.body.split("\n\n"))


def test_version_table_whose_page_says_empty_cells_are_removals() -> None:
    doc = _doc("version_table_removed.txt")
    v3, v4, v5 = doc.versions
    assert "Officials said the review would take a month." in v3.text
    assert "Officials said" not in v4.text and "Officials said" not in v5.text
    assert "retired judge" in v4.text and "retired judge" not in v3.text
    assert v5.title == "Arland orders review of Brava dam"
    assert "Empty cells" not in doc.body


def test_feed_outlet_is_the_outlet_part_of_the_channel_title() -> None:
    doc = _doc("feed_section_title.rss")
    assert doc.outlet == "The Tessel Gazette"
    assert doc.published is not None and doc.published.value == "2020-03-20"
