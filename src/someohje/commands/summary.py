"""The summary ``check`` prints: handlings, sections with word counts,
amendments, and the spell check's result."""

from __future__ import annotations

from ..content.checkers import SWEDISH_HINT
from ..content.spell import INSTALL_HINT, SpellReport
from ..messages import gettext as _
from ..messages import ngettext
from ..model import Collection, Document
from ..record.provenance import words_by_origin
from ..record.stages import stage_texts
from ..textual import block_texts, inline_text
from ..tree import Block, Heading, OutputDocument


def summary(doc: Document, final: OutputDocument) -> None:
    """Print title, diary number, handlings, sections (word counts from
    ``final``, the approved text already built) and amendments."""
    print(f"{doc.title} ({doc.doc_type}), {doc.diary_number}, {doc.organisation.name}")
    if doc.version_of:
        print(
            _("Language version {language} of {document}: its handlings are the document's").format(
                language=doc.language, document=doc.version_of
            )
        )
    if doc.unworded_from:
        print(
            _(
                "Not yet in this version: the amendments proposed for {meeting} have no wording in {language} "
                "({file}), so its text from that handling on is not built"
            ).format(
                meeting=doc.handling(doc.unworded_from).meeting_ref(),
                language=doc.language,
                file=doc.metadata_path.name,
            )
        )
    print(_("Handlings:"))
    width = max([16, *(len(h.body.name) for h in doc.handlings)])  # Kommunfullmäktige is 17
    for h in doc.handlings:
        print(f"  {h.id:<18} {h.body.name:<{width}} {h.date.finnish():<24} {h.paragraph_text():<14} {h.outcome.value}")
    words = {block_title: count for block_title, count in _section_words(final.blocks)}
    total = sum(words.values())
    print(
        _(
            "Sections: {count}, {total} words in the approved text as built (its sections "
            "with their source references, and the history table)"
        ).format(count=len(doc.sections), total=total)
    )
    for title, count in words.items():
        print(_("  {title:<58} {count:>5} words").format(title=title, count=count))
    origins = words_by_origin(stage_texts(doc, doc.final_handling()))
    print(
        _("Text origin: {value}; words by origin: ").format(value=doc.text_origin.value)
        + ", ".join(f"{o.value} {n}" for o, n in origins.items())
        + _(" ({sum} in the sections' own text: no source references, no history table)").format(
            sum=sum(origins.values())
        )
    )
    print(_("Amendments: {count}").format(count=len(doc.amendments)))
    for a in doc.amendments:
        print(f"  {a.id:<10} {a.kind.value:<8} {a.handling.meeting_ref():<24} -> {a.section_id}")
    sealed = [doc.handling(s.handling_id).meeting_ref() for s in doc.seals]
    print(_("Sealed stages: {value}").format(value=", ".join(sealed) or _("none")))


def catalogue_summary(collection: Collection) -> None:
    """Print the collection's catalogue entries (documents held as metadata only)."""
    if not collection.entries:
        return
    print(_("Catalogue entries (text not held): {count}").format(count=len(collection.entries)))
    for e in collection.entries:
        print(f"  {e.id:<18} {e.title} ({e.doc_type}), {e.diary_number}, {e.decision_line()}")


def spell_summary(report: SpellReport, file: str = "document.yaml") -> str:
    """What the spell check did, in one line, then one ``path:line:`` line
    per line of text in another language that it skipped."""
    return "\n".join([_spell_line(report, file), *(str(skipped) for skipped in report.skipped)])


def _spell_line(report: SpellReport, file: str) -> str:
    found = len(report.problems)
    passages = (
        _(", {sum} in other languages skipped").format(sum=sum(s.words for s in report.skipped))
        if report.skipped
        else ""
    )
    if report.language and report.language.split("-")[0].lower() == "sv":
        return _swedish_line(report, file, found, passages)
    if report.language:
        finnish = (
            _("; {checked} in Finnish passages checked, {found} unknown").format(
                checked=_counted(report.checked), found=found
            )
            if report.checked
            else ""
        )
        return _(
            "Spell check: skipped, the document's language is {language} ({file}: "
            "language) and someohje checks Finnish (Voikko) and Swedish (Hunspell){finnish}{passages}"
        ).format(language=report.language, file=file, finnish=finnish, passages=passages)
    if not report.available:
        return _("Spell check: skipped, Voikko is not installed ({INSTALL_HINT})").format(INSTALL_HINT=_(INSTALL_HINT))
    swedish = (
        _(", {swedish} in Swedish passages checked with Hunspell").format(swedish=_counted(report.swedish))
        if report.swedish
        else ""
    )
    return _(
        "Spell check: {checked} checked with Voikko (the section files and the "
        "amendments' wording; numbers, addresses and the recorded minutes left out){swedish}, "
        "{found} unknown{passages}"
    ).format(checked=_counted(report.checked), swedish=swedish, found=found, passages=passages)


def _swedish_line(report: SpellReport, file: str, found: int, passages: str) -> str:
    """The line of a document in Swedish: checked with Hunspell, or skipped
    when its Swedish dictionary is not installed."""
    finnish = (
        _(", {checked} in Finnish passages checked with Voikko").format(checked=_counted(report.checked))
        if report.checked
        else ""
    )
    if not report.swedish_available:
        return _(
            "Spell check: skipped, the document's language is {language} ({file}: language) and "
            "Hunspell's Swedish dictionary is not installed ({SWEDISH_HINT}){finnish}, {found} unknown{passages}"
        ).format(
            language=report.language,
            file=file,
            SWEDISH_HINT=_(SWEDISH_HINT),
            finnish=finnish,
            found=found,
            passages=passages,
        )
    return _(
        "Spell check: {swedish} checked with Hunspell's Swedish dictionary (sv_FI; the section files "
        "and the amendments' wording; numbers, addresses and the recorded minutes left out){finnish}, "
        "{found} unknown{passages}"
    ).format(swedish=_counted(report.swedish), finnish=finnish, found=found, passages=passages)


def _counted(n: int) -> str:
    """``1 word``, ``79 words``, in the user's language."""
    return ngettext("{n} word", "{n} words", n).format(n=n)


def _section_words(blocks: tuple[Block, ...]) -> list[tuple[str, int]]:
    """Each main heading's title and the words of the blocks under it."""
    out: list[tuple[str, int]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            out.append((inline_text(block.children), 0))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + sum(len(text.split()) for text in block_texts([block])))
    return out
