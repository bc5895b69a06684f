"""Redlines: word and block diffs of document trees, the redline document,
and its DOCX as native tracked changes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import REPO, STEM, Result, run_cli, snapshot, tool
from redline_text import W, docx_document_xml, normal, paragraphs, split_history
from someohje import render_document as render
from someohje.content.markdown import parse_blocks
from someohje.content.project_file import load
from someohje.document.guideline import guideline
from someohje.document.redline import redline
from someohje.document.treediff import changes, diff_blocks, side_blocks
from someohje.model import Document, Origin
from someohje.pipeline.session import open_session
from someohje.record.stages import stage_blocks, stage_texts
from someohje.textual import block_texts, inline_text
from someohje.tree import Block, Change, Emph, Footnote, Heading, ListBlock, Paragraph, Table, Text

BEFORE, AFTER = "kh-2022-06-07", "kvalt-2022-06-14"
RED_STEM = f"{STEM}-muutokset-kh-2022-06-07-s139-kvalt-2022-06-14-s37"


def md(text: str) -> list[Block]:
    return parse_blocks(text, Path("test.md"), Path("."))


def sides_reproduce(old: list[Block], new: list[Block]) -> list[Block]:
    """Diff, then assert each side of the redline gives back its input's text."""
    diffed = diff_blocks(old, new)
    assert block_texts(side_blocks(diffed, "ins")) == block_texts(new)
    assert block_texts(side_blocks(diffed, "del")) == block_texts(old)
    return diffed


# --- word and block diffs on small trees ---------------------------------------------


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    [para] = sides_reproduce(
        md("Virheet oikaistaan heti ja avoimesti."), md("Virheet oikaistaan välittömästi ja avoimesti.")
    )
    assert isinstance(para, Paragraph) and para.change == ""
    assert changes([para]) == [("del", "heti"), ("ins", "välittömästi")]
    assert inline_text(para.children, keep="ins") == "Virheet oikaistaan välittömästi ja avoimesti."


def test_an_added_list_item_is_a_block_insertion() -> None:
    old = md("Ohje:\n\n- yksi\n- kaksi\n")
    new = md("Ohje:\n\n- yksi\n- kolme uutta sanaa\n- kaksi\n")
    diffed = sides_reproduce(old, new)
    assert diffed[0] == old[0]  # the unchanged paragraph is passed through as it is
    lst = diffed[1]
    assert isinstance(lst, ListBlock)
    assert [item.change for item in lst.items] == ["", "ins", ""]
    assert changes(diffed) == [("ins", "kolme uutta sanaa")]


def test_a_removed_paragraph_is_a_block_deletion() -> None:
    old = md("# Otsikko\n\nEnsimmäinen kappale.\n\nPoistuva kappale tässä.\n\nViimeinen kappale.")
    new = md("# Otsikko\n\nEnsimmäinen kappale.\n\nViimeinen kappale.")
    diffed = sides_reproduce(old, new)
    assert [b.change for b in diffed if isinstance(b, Paragraph)] == ["", "del", ""]
    assert changes(diffed) == [("del", "Poistuva kappale tässä.")]


def test_a_rewritten_paragraph_is_replaced_whole_not_word_by_word() -> None:
    diffed = sides_reproduce(md("Aivan toinen asia kokonaan."), md("Tämä teksti on uusi."))
    assert [b.change for b in diffed if isinstance(b, Paragraph)] == ["del", "ins"]


def test_emphasis_and_links_survive_the_word_diff() -> None:
    old = md("Lue *tämä ohje* ja [sivu](https://www.rautalampi.fi) nyt.")
    new = md("Lue *tämä uusi ohje* ja [sivu](https://www.rautalampi.fi) nyt.")
    [para] = sides_reproduce(old, new)
    assert isinstance(para, Paragraph)
    emph = next(i for i in para.children if isinstance(i, Emph))
    assert Change("ins", (Text("uusi "),)) in emph.children  # the change sits inside the emphasis
    assert inline_text(para.children, keep="del") == inline_text(old[0].children)  # type: ignore[union-attr]


def test_headings_and_table_rows() -> None:
    old = md("# Vanha otsikko\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n")
    new = md("# Uusi otsikko\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 5 | 6 |\n| 3 | 4 |\n")
    diffed = sides_reproduce(old, new)
    heading, table = diffed
    assert isinstance(heading, Heading) and isinstance(table, Table)
    assert changes([heading]) == [("del", "Vanha"), ("ins", "Uusi")]
    assert changes([table]) == [("ins", "5"), ("ins", "6")]


def test_a_note_whose_text_changed_is_one_call_with_its_text_diffed() -> None:
    old = md("Ohje koskee kaikkia.[^a] Myös muita.\n\n[^a]: Myös harjoittelijat.\n")
    new = md("Ohje koskee kaikkia.[^a] Myös muita.\n\n[^a]: Myös vapaaehtoiset.\n")
    [para] = sides_reproduce(old, new)
    assert isinstance(para, Paragraph)
    [note] = [i for i in para.children if isinstance(i, Footnote)]  # not a deleted and an inserted note
    assert note.children == (
        Text("Myös "),
        Change("del", (Text("harjoittelijat."),)),
        Change("ins", (Text("vapaaehtoiset."),)),
    )
    assert changes([para]) == [("del", "harjoittelijat."), ("ins", "vapaaehtoiset.")]


def test_a_deleted_or_added_note_has_its_text_marked_so() -> None:
    old = md("Ohje koskee kaikkia.[^a]\n\n[^a]: Myös harjoittelijat.\n")
    new = md("Ohje koskee kaikkia.\n")
    [para] = sides_reproduce(old, new)
    assert isinstance(para, Paragraph)
    [deleted] = [i for i in para.children if isinstance(i, Change)]
    assert deleted.kind == "del"
    [note] = deleted.children
    assert note == Footnote((Change("del", (Text("Myös harjoittelijat."),)),))  # the notes list shows it deleted
    [again] = sides_reproduce(new, old)
    assert isinstance(again, Paragraph)
    assert [i for i in again.children if isinstance(i, Change)] == [
        Change("ins", (Footnote((Change("ins", (Text("Myös harjoittelijat."),)),)),))
    ]


def test_unchanged_trees_have_no_changes() -> None:
    blocks = stage_blocks(load(REPO), load(REPO).final_handling())
    assert diff_blocks(blocks, blocks) == blocks


@pytest.mark.parametrize("mutation", ["drop-word", "drop-block", "add-item", "swap-blocks"])
def test_every_edit_of_the_real_text_round_trips(mutation: str) -> None:
    """Edits of the real guideline: both sides of the diff are the inputs."""
    blocks = stage_blocks(load(REPO), load(REPO).final_handling())
    i = next(k for k, b in enumerate(blocks) if isinstance(b, Paragraph) and len(inline_text(b.children).split()) > 8)
    j = next(k for k, b in enumerate(blocks) if isinstance(b, ListBlock))
    edited = list(blocks)
    if mutation == "drop-word":
        para = blocks[i]
        assert isinstance(para, Paragraph)
        words = inline_text(para.children).split(" ")
        edited[i] = replace(para, children=(Text(" ".join(words[:3] + words[4:])),))
    elif mutation == "drop-block":
        del edited[i]
    elif mutation == "add-item":
        lst = blocks[j]
        assert isinstance(lst, ListBlock)
        new_item = replace(lst.items[0], blocks=(Paragraph((Text("Uusi kohta listassa."),)),))
        edited[j] = replace(lst, items=(*lst.items[:1], new_item, *lst.items[1:]))
    else:
        edited[i], edited[i + 1] = edited[i + 1], edited[i]
    diffed = sides_reproduce(blocks, edited)
    assert changes(diffed), "an edit must show as a change"


# --- the redline of the council's decision ---------------------------------------------


@pytest.fixture(scope="module")
def document() -> Document:
    return load(REPO)


def amendment_texts(doc: Document) -> list[str]:
    """The four additions as the guideline words them (with their source)."""
    texts = stage_texts(doc, doc.final_handling())
    found = [b for t in texts for b, o in zip(t.blocks, t.origins, strict=True) if o is Origin.AMENDMENT]
    assert len(found) == len(doc.amendments)
    return [inline_text(b.children) for b in found if isinstance(b, Paragraph)]


def test_the_councils_redline_inserts_exactly_the_four_additions(document: Document) -> None:
    red = redline(document, BEFORE, AFTER)
    text, history = split_history(red.blocks)
    found = changes(text)
    assert sorted(found) == sorted(("ins", t) for t in amendment_texts(document))
    assert all(kind == "ins" for kind, _ in changes(history))
    final = document.final_handling()
    assert " ".join(t for _, t in changes(history)).startswith(f"{final.body.name} {final.date.finnish()}")


def test_the_redline_sides_are_the_two_stages(document: Document) -> None:
    red = redline(document, BEFORE, AFTER)
    assert block_texts(side_blocks(list(red.blocks), "ins")) == block_texts(guideline(document, AFTER).blocks)
    assert block_texts(side_blocks(list(red.blocks), "del")) == block_texts(guideline(document, BEFORE).blocks)


def test_redline_document_fields(document: Document) -> None:
    red = redline(document, BEFORE, AFTER)
    final = document.handling(AFTER)
    assert red.kind == "redline" and red.file_stem == RED_STEM
    assert red.change_author == "Rautalammin kunta (someohje)" != final.body.name
    assert red.change_date is None
    legend = " ".join(block_texts(red.lead))
    assert "Kunnanhallituksen ehdotus kunnanvaltuustolle (Kh 7.6.2022 §\u00a0139)" in legend
    assert "Hyväksytty: Kunnanvaltuusto 14.6.2022 §\u00a037" in legend
    assert not red.draft_mark  # the later stage is the approved text
    assert redline(document) == red  # defaults: the last stage and the one before it


# --- the command ---------------------------------------------------------------------


def test_diff_writes_html_with_marks(cli: Callable[..., Result], tmp_path: Path, document: Document) -> None:
    result = cli("diff", str(REPO), "--from", BEFORE, "--to", AFTER, "--format", "html", "--out", str(tmp_path))
    assert result.code == 0, result.err
    page = (tmp_path / f"{RED_STEM}.html").read_text(encoding="utf-8")
    inserted = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<ins[^>]*>(.*?)</ins>", page, re.S)]
    for wording in amendment_texts(document):
        assert wording.replace("\u00a0", " ") in [t.replace("\u00a0", " ") for t in inserted]
    assert "<del" not in page
    assert re.search(r"ins\s*\{[^}]*underline", page) and re.search(r"del\s*\{[^}]*line-through", page)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", AFTER, "--to", BEFORE), f"error: --from '{AFTER}' must be a stage before --to '{BEFORE}'"),
        (
            ("--from", "kh-2099", "--to", AFTER),
            "error: --from: unknown stage 'kh-2099'; valid stages: kh-2022-06-07, kvalt-2022-06-14",
        ),
        (
            ("--from", "kvalt-2020", "--to", AFTER),
            "error: --from: the text as it stood after 'kvalt-2020' is not in the content "
            "(it starts at 'kh-2022-06-07'); valid stages: kh-2022-06-07, kvalt-2022-06-14",
        ),
        (
            ("--to", BEFORE),
            "error: --to: no stage before 'kh-2022-06-07' to compare with; "
            "valid stages: kh-2022-06-07, kvalt-2022-06-14",
        ),
    ],
)
def test_bad_stage_pairs_are_one_line_errors(
    cli: Callable[..., Result], project: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(project / "build")
    result = cli("diff", str(project), *args, "--format", "html", cwd=project.parent)
    assert (result.code, result.err.splitlines()) == (2, [message])
    assert snapshot(project / "build") == before


# --- the DOCX: native tracked changes --------------------------------------------------


@pytest.fixture(scope="module")
def redline_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The redline of the council's decision in every format."""
    pytest.importorskip("someohje.render.docx", reason="the DOCX renderer is not written yet")
    out = tmp_path_factory.mktemp("redline")
    result = run_cli("diff", str(REPO), "--from", BEFORE, "--to", AFTER, "--out", str(out))
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def redline_docx(redline_build: Path) -> Path:
    return redline_build / f"{RED_STEM}.docx"


def test_redline_rebuilds_byte_identical(redline_build: Path, tmp_path: Path) -> None:
    result = run_cli("diff", str(REPO), "--from", BEFORE, "--to", AFTER, "--out", str(tmp_path))
    assert result.code == 0, result.err
    files = snapshot(tmp_path)
    assert sorted(files) == sorted(f"{RED_STEM}.{ext}" for ext in ("html", "docx", "pdf"))
    assert files == snapshot(redline_build)


def document_xml(path: Path) -> bytes:
    return docx_document_xml(path.read_bytes())


def test_docx_accepting_all_gives_the_later_stage_and_rejecting_the_earlier(
    redline_docx: Path, document: Document
) -> None:
    xml = document_xml(redline_docx)
    later, earlier = (split_history(guideline(document, s).blocks)[0] for s in (AFTER, BEFORE))
    accepted, rejected = normal(paragraphs(xml, "ins")), normal(paragraphs(xml, "del"))
    assert normal(block_texts(later)) in accepted
    assert normal(block_texts(earlier)) in rejected
    assert normal(block_texts(later)) not in rejected


def test_docx_tracked_changes_are_the_redlines_insertions(redline_docx: Path, document: Document) -> None:
    """Every tracked change is an insertion by the council on its meeting
    date, and the inserted text per paragraph is exactly the tree's (the
    four additions and the history row; see the tree tests above)."""
    body = ElementTree.fromstring(document_xml(redline_docx)).find(f"{W}body")
    assert body is not None
    assert body.find(f".//{W}del") is None  # nothing was removed
    marks = list(body.iter(f"{W}ins"))
    assert marks
    assert {(m.get(f"{W}author"), (m.get(f"{W}date") or "")[:10]) for m in marks} == {
        ("Rautalammin kunta (someohje)", "")
    }
    inserted = [
        " ".join("".join(t.text or "" for ins in p.iter(f"{W}ins") for t in ins.iter(f"{W}t")).split())
        for p in body.iter(f"{W}p")
    ]
    expected = [" ".join(text.split()) for _, text in changes(redline(document, BEFORE, AFTER).blocks)]
    assert sorted(t for t in inserted if t) == sorted(expected)


def test_docx_opens_in_libreoffice(redline_docx: Path, tmp_path: Path) -> None:
    soffice = tool("soffice")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(redline_docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / f"{RED_STEM}.pdf"
    assert converted.stat().st_size > 1000
    text = subprocess.run([tool("pdftotext"), str(converted), "-"], capture_output=True, text=True, check=True).stdout
    assert "Luottamushenkilöitä ei ole velvoitettu" in " ".join(text.split())


def test_docx_deletions_round_trip_too() -> None:
    """The council's redline has no deletions; a made-up one shows that
    deleted words, paragraphs, list items, headings and rows reach the DOCX
    as ``w:del`` and that rejecting/accepting gives back each side."""
    pytest.importorskip("someohje.render.docx", reason="the DOCX renderer is not written yet")
    old = md(
        "# Vanha otsikko\n\nVirheet oikaistaan heti ja avoimesti.\n\nPoistuva kappale tässä.\n\n"
        "- yksi\n- poistuva kohta\n- kaksi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
    )
    new = md(
        "# Uusi otsikko\n\nVirheet oikaistaan välittömästi ja avoimesti.\n\n"
        "- yksi\n- kaksi\n- lisätty kohta\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    session = open_session(REPO)
    doc = replace(redline(session.document), blocks=tuple(sides_reproduce(old, new)), lead=())
    xml = docx_document_xml(render(doc, session, "docx"))
    assert ElementTree.fromstring(xml).find(f".//{W}del") is not None
    assert normal(paragraphs(xml, "ins")).endswith(normal(block_texts(new)))
    assert normal(paragraphs(xml, "del")).endswith(normal(block_texts(old)))
