"""Version diffs and the noise normaliser, on texts written for these tests."""

from __future__ import annotations

import re

import pytest

from dateline.models import Version
from dateline.versions import (
    diff_texts,
    diff_versions,
    is_noise_change,
    normalise_text,
    render_excerpt,
    render_html,
    render_plain,
    render_terminal,
    split_sentences,
)

WIRE = """WASHINGTON (Reuters) - The Senate voted 52-48 on Thursday to confirm the nominee.
The vote followed weeks of debate over the nominee's record on trade.
Two Republicans joined Democrats in opposing the nomination.
The White House said it welcomed the result."""


def test_identical_texts_have_no_changes():
    d = diff_texts(WIRE, WIRE, "Senate confirms", "Senate confirms")
    assert not d.changed and d.changes == [] and d.summary() == "no change"


def test_word_edit_inside_one_sentence_is_a_local_edit():
    new = WIRE.replace("52-48", "51-49")
    d = diff_texts(WIRE, new)
    assert [c.kind for c in d.changes] == ["edit"]
    edit = d.changes[0]
    deleted = "".join(w.text for w in edit.words if w.op == "delete")
    inserted = "".join(w.text for w in edit.words if w.op == "insert")
    assert "52-48" in deleted and "51-49" in inserted
    assert "Senate" not in deleted  # only the figure changed
    assert d.labels == ["edit"]


def test_added_and_deleted_paragraphs_are_labelled():
    paras = WIRE.splitlines()
    new = "\n".join([*paras[:2], paras[3], "The nominee will be sworn in on Monday."])
    d = diff_texts(WIRE, new)
    kinds = sorted(c.kind for c in d.changes)
    assert kinds == ["addition", "deletion"]
    assert any("sworn in" in c.new for c in d.changes if c.kind == "addition")
    assert any("Two Republicans" in c.old for c in d.changes if c.kind == "deletion")
    statuses = [b.status for b in d.blocks]
    assert statuses.count("added") == 1 and statuses.count("deleted") == 1


def test_moved_sentence_is_a_move_not_delete_plus_add():
    paras = WIRE.splitlines()
    new = "\n".join([paras[0], paras[3], paras[1], paras[2]])
    d = diff_texts(WIRE, new)
    assert d.changes and all(c.kind == "move" for c in d.changes)
    assert any("White House" in c.new for c in d.changes)
    assert "moved" in {b.status for b in d.blocks}


def test_title_byline_and_correction_are_called_out():
    old = "By Maria Keller\n" + WIRE
    new = (
        "By Maria Keller and Tom Reyes\n"
        + WIRE.replace("Thursday", "Wednesday")
        + "\nCorrection: An earlier version of this article misstated the day of the vote."
    )
    d = diff_texts(old, new, "Senate confirms nominee", "Senate narrowly confirms nominee")
    assert d.title_change == ("Senate confirms nominee", "Senate narrowly confirms nominee")
    assert d.byline_change == ("By Maria Keller", "By Maria Keller and Tom Reyes")
    assert len(d.corrections) == 1 and "earlier version" in d.corrections[0]
    assert {"title", "byline", "correction", "edit"} <= set(d.labels)
    assert "correction added" in d.summary()


def test_earlier_version_note_without_prefix_is_a_correction():
    new = WIRE + "\nAn earlier version of this story gave the wrong vote count."
    assert diff_texts(WIRE, new).corrections


def test_noise_only_changes():
    a = "Updated 5 minutes ago\n" + WIRE + "\n1,204 views\nShare this"
    b = "Last updated: 14:32 GMT, 2 March 2026\n" + WIRE + "  \n\n3.4k views"
    c = WIRE.replace("The vote", "The  vote").replace("nominee's", "nominee’s")
    assert is_noise_change(a, b)
    assert is_noise_change(WIRE, c)
    assert is_noise_change("Published 2026-03-02T10:00Z | Updated 11:15\n" + WIRE, WIRE)
    assert is_noise_change("3 hours ago\n" + WIRE, "Mis à jour le 3 mars 2026 à 10:15\n" + WIRE)
    d = diff_texts(a, b)
    assert d.noise_only and not d.changed


def test_real_changes_to_dates_and_numbers_are_not_noise():
    assert not is_noise_change(WIRE, WIRE.replace("Thursday", "Friday"))
    assert not is_noise_change(WIRE, WIRE.replace("52-48", "51-49"))
    # a line that mentions an update inside prose is kept
    prose = "Officials said the figures were updated 5 minutes ago after a recount in the province."
    assert normalise_text(prose) == prose
    assert not is_noise_change(WIRE, WIRE, "Senate confirms", "Senate rejects")


def test_sentence_split_handles_quotes_and_non_english():
    s = split_sentences(
        'He said: "We will win." Then he left. Die Regierung tagte am Montag. Ende.'
    )
    assert len(s) == 4
    old = "Die Regierung tagte am Montag in Berlin. Der Kanzler sprach von Fortschritten."
    new = "Die Regierung tagte am Dienstag in Berlin. Der Kanzler sprach von Fortschritten."
    d = diff_texts(old, new)
    assert [c.kind for c in d.changes] == ["edit"]


def test_html_side_by_side_escapes_everything():
    old = "The <b>minister</b> said & left."
    new = "The <script>alert(1)</script> minister said & left early."
    html = render_html(diff_texts(old, new, "<i>T</i>", "T & U"), old_label="<v1>")
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;" in html and "&amp;" in html and "&lt;v1&gt;" in html
    assert "<ins>" in html and "<table" in html
    # two cells per row: old and new side by side
    rows = re.findall(r"<tr class=\"[a-z]+\">(.*?)</tr>", html)
    assert rows and all(r.count("<td") == 2 for r in rows)


def test_plain_terminal_and_excerpt_renderers():
    new = WIRE.replace("52-48", "51-49") + "\nThe nominee will be sworn in on Monday."
    d = diff_texts(WIRE, new)
    plain = render_plain(d)
    assert "[-52-48-]{+51-49+}" in plain and "+ addition" in plain
    ansi = render_terminal(d, color=True)
    assert "\x1b[" in ansi and "51-49" in ansi
    assert render_terminal(d, color=False) == plain
    ex = render_excerpt(d, limit=80)
    assert len(ex) <= 80 and ex.startswith("1 edit, 1 addition")


def test_paragraph_split_into_two_is_edit_not_rewrite():
    old = (
        "Rescuers worked through the night. By morning, 40 people had been pulled from the rubble."
    )
    new = (
        "Rescuers worked through the night.\nBy morning, 42 people had been pulled from the rubble."
    )
    d = diff_texts(old, new)
    kinds = [c.kind for c in d.changes]
    assert "edit" in kinds or "move" in kinds
    assert d.chars_added < len(new) / 2  # not shown as a whole new text


def test_diff_versions_picks_last_two_or_named_ones():
    vs = [
        Version(1, "v1", WIRE, "T"),
        Version(2, "v2", WIRE.replace("52-48", "51-49"), "T"),
        Version(3, "v3", WIRE.replace("52-48", "51-49") + "\nMore to come.", "T2"),
    ]
    a, b, d = diff_versions(vs)
    assert (a.index, b.index) == (2, 3) and d.title_change == ("T", "T2")
    a, b, d = diff_versions(vs, 1, 2)
    assert [c.kind for c in d.changes] == ["edit"]
    with pytest.raises(ValueError):
        diff_versions(vs, 1, 9)
    with pytest.raises(ValueError):
        diff_versions(vs[:1])
