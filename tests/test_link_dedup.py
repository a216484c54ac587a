"""Syndicated copies and versions of one URL."""

from __future__ import annotations

from dateline.link import link_corpus
from dateline.link.dedup import url_key
from test_link_support import AnnBuilder, doc, fake_reanchor

WIRE = (
    "The central bank of Freedonia raised its main interest rate by half a point on Tuesday, "
    "the third increase this year, saying inflation had proved stickier than expected. "
    "Governor Elena Varga told reporters the bank was ready to act again if prices kept "
    "rising, and that the labour market remained tight despite slower growth in exports. "
    "Economists polled before the decision had expected a smaller move of a quarter point."
)


def _corpus():
    docs = [
        doc(
            "copy-b",
            "By Staff Writers\n" + WIRE + "\nRead more business news.",
            "2023-05-17",
            outlet="Daily B",
        ),
        doc("copy-a", WIRE, "2023-05-16", outlet="Wire A"),
        doc(
            "copy-c",
            "FREEDONIA CITY, May 16 -\n" + WIRE.replace("Tuesday", "Tuesday (May 16)"),
            outlet="Gazette C",
        ),
        doc(
            "other",
            "Freedonia's football team won the cup on Sunday after a penalty shoot-out "
            "that lasted well into the night and left the coach in tears.",
            "2023-05-15",
        ),
        doc(
            "v1",
            "Storm Ida nears the coast; thousands told to leave their homes tonight.",
            "2023-08-01",
            url="https://www.example.org/news/storm-ida?src=rss",
        ),
        doc(
            "v2",
            "Storm Ida made landfall overnight; two people died and power is out.",
            "2023-08-02",
            url="http://example.org/news/storm-ida/",
        ),
    ]
    return docs, {d.id: AnnBuilder(d).ann for d in docs}


def test_wire_copies_form_one_group_with_the_canonical_copy_first():
    docs, anns = _corpus()
    res = link_corpus(docs, anns, None, fake_reanchor)
    assert res.duplicates == [["copy-a", "copy-b", "copy-c"]]


def test_same_url_is_a_version_not_a_duplicate():
    docs, anns = _corpus()
    res = link_corpus(docs, anns, None, fake_reanchor)
    assert res.versions == [["v1", "v2"]]
    assert all("v1" not in g for g in res.duplicates)
    assert url_key("HTTPS://www.Example.org/a/b/?utm_source=rss&ref=home#top") == "example.org/a/b"


def test_a_query_that_names_the_article_keeps_two_articles_apart():
    # old CMSs name articles by a parameter; trackers and feed markers are dropped
    assert url_key("http://paper.example/article.php?id=123") != url_key(
        "http://paper.example/article.php?id=124"
    )
    assert url_key("http://paper.example/article.php?id=123&utm_medium=social") == url_key(
        "https://www.paper.example/article.php?ID=123#comments"
    )
    assert url_key("http://paper.example/view?b=2&a=1") == url_key(
        "http://paper.example/view?a=1&b=2"
    )


def test_an_undated_copy_takes_the_date_of_its_dated_twin():
    docs, anns = _corpus()
    res = link_corpus(docs, anns, None, fake_reanchor)
    est = res.dates["copy-c"]
    assert est.value == "2023-05-16"
    assert any("copy or version of document copy-a" in r for r in est.reasons)


def test_copies_tell_one_event_even_without_named_people():
    docs, anns = _corpus()
    for d in docs:
        if d.id.startswith("copy-"):
            b = AnnBuilder(d)
            b.event(
                "Economists polled",
                "forecast",
                [],
                others=["economists"],
                label="Economists expected a smaller move",
            )
            anns[d.id] = b.ann
    res = link_corpus(docs, anns, None, fake_reanchor)
    assert len(res.events) == 1
    ev = res.events[0]
    assert [s.document for s in ev.sources] == ["copy-a", "copy-b", "copy-c"]
    assert "copies of one article" in " ".join(ev.merge_reasons)
