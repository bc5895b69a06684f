"""The DOCX styles and list definitions, from the theme: a declarative table.

Every paragraph, character and table style of the document, and the two
list definitions, as values computed from the theme (fonts, sizes,
colours, the SFS 2487 grid, and the spacing the stylesheet uses too), so
that the DOCX looks like the PDF. Built-in styles keep Word's ids and names
(Title, Heading 1-3, Body Text, List Paragraph, Caption, Table Grid,
restyled) so Word, LibreOffice and pandoc recognise them; the municipal
roles get named Finnish styles. The writer (:mod:`.docx`) refers to the
styles by the ids defined here. :func:`theme_styles` is one long table of
style definitions, not logic: it is exempt from the function length limit.
"""

from __future__ import annotations

from ..content.texts import Words
from ..content.theme import Theme
from .oxml.element import Element
from .oxml.numbering import ListLevel, abstract_numbering
from .oxml.styles import Border, StyleSpec
from .oxml.units import twips

MAX_LIST_LEVELS = 5

# Style ids. Built-in styles keep Word's ids and names (Word shows them in
# the user's language); the municipal roles get names in the document's
# language (the table of texts' docx.style.*) and ids that stay the same.
NORMAL, BODY, LIST, TITLE, CAPTION = "Normal", "BodyText", "ListParagraph", "Title", "Caption"
HEADER, FOOTER, TABLE_TEXT = "Header", "Footer", "Taulukkoteksti"
AMENDMENT, LABEL, RECORD, NOTE = "Lisays", "Kenttanimi", "Poytakirjateksti", "Huomautus"
CERTIFICATION = "Oikeaksitodistaminen"
DRAFT, APPROVAL, STAMP = "Luonnosmerkinta", "Hyvaksymismerkinta", "Liitemerkinta"
TOC_HEADING, TOC_ENTRY = "TOCHeading", "TOC1"
HYPERLINK, SOURCE_REF, TABLE = "Hyperlink", "Lahdeviite", "TableGrid"
FOOTNOTE_TEXT, FOOTNOTE_REF = "FootnoteText", "FootnoteReference"
LABEL_RUN = "KenttanimiChar"  #: a field name set as the first line of the paragraph it names

#: paragraph role -> style, in running text and in list items
ROLE_STYLES = {
    "": BODY,
    "amendment": AMENDMENT,
    "label": LABEL,
    "record": RECORD,
    "certification": CERTIFICATION,
    "signature": CERTIFICATION,
}
LIST_ROLE_STYLES = {"": LIST, "amendment": AMENDMENT, "label": LABEL, "record": LIST}

BULLET_DEFINITION, NUMBER_DEFINITION = 1, 2
BULLETS = ("•", "–", "▪", "•", "–")


def em(theme: Theme, factor: float, size: float | None = None) -> float:
    """``factor`` em in points, as CSS computes an ``em`` length.

    1em is ``size`` points, by default (``size`` None or 0) the theme's body
    size. The result is rounded to hundredths of a point.
    """
    return round(factor * (size or theme.body_size), 2)


def _pt(mm: float) -> float:
    return mm * 72 / 25.4


def list_step(theme: Theme) -> float:
    """How far each list level indents its text, mm (the list's padding)."""
    return em(theme, theme.spacing.list_indent_em) * 25.4 / 72


def theme_styles(theme: Theme, language: str, words: Words | None = None) -> tuple[StyleSpec, list[StyleSpec]]:
    """The document defaults and every style, from the theme: a declarative table.

    One :class:`~.oxml.styles.StyleSpec` per style, from the theme's fonts,
    sizes, colours and grid and the spacing the stylesheet uses too: a table
    of values, not logic, and so exempt from the limit on function length.
    Line heights are minimums in points, as CSS ``line-height`` is, not
    multiples of the font's own. ``language`` is the proofing language of
    the defaults and of every style that holds text; the municipal styles'
    names are the table of texts' in ``words`` (default: ``language``'s,
    without a theme's overrides), so that Word shows a Swedish document's
    as Swedish. Their ids stay ASCII and the same in every language.
    """
    names = words or Words(language)
    t = theme
    s = theme.spacing
    lang = language
    table_size = t.table_size
    table_line = em(t, s.table_line_height, table_size)
    h1 = t.heading_sizes[0]
    defaults = StyleSpec(
        "",
        "",
        font=t.docx_family,
        size=t.body_size,
        colour=t.text,
        language=lang,
        after=0,
        line=em(t, t.line_height),
        widow_control=True,
    )
    box_v, box_h = (_pt(v) for v in s.note_padding_mm)
    box = Border(s.rule_pt, t.rule, box_v)
    box_side = Border(s.rule_pt, t.rule, box_h)
    headings = [
        StyleSpec(
            f"Heading{n}",
            f"heading {n}",
            based_on=NORMAL,
            next=BODY,
            primary=True,
            ui_priority=9,
            keep_next=True,
            keep_lines=True,
            no_hyphens=True,
            outline_level=n - 1,
            bold=True,
            size=size,
            colour=t.accent,
            line=em(t, s.heading_line_height, size),
            before=em(t, before, size),
            after=em(t, after, size),
            language=lang,
        )
        for n, size, before, after in zip(
            (1, 2, 3), t.heading_sizes, s.heading_before_em, s.heading_after_em, strict=True
        )
    ]
    styles = [
        StyleSpec(NORMAL, "Normal", default=True, primary=True, language=lang),
        StyleSpec("DefaultParagraphFont", "Default Paragraph Font", kind="character", default=True, ui_priority=1),
        StyleSpec("TableNormal", "Normal Table", kind="table", default=True, ui_priority=99, cell_margins=(0, 1.9)),
        StyleSpec(
            TITLE,
            "Title",
            based_on=NORMAL,
            next=BODY,
            primary=True,
            ui_priority=10,
            keep_next=True,
            no_hyphens=True,
            bold=True,
            size=t.title_size,
            colour=t.text,
            line=em(t, s.heading_line_height, t.title_size),
            after=em(t, s.title_after_em, t.title_size),
            language=lang,
        ),
        *headings,
        StyleSpec(
            BODY,
            "Body Text",
            based_on=NORMAL,
            primary=True,
            indent_left=t.body_indent,
            after=em(t, s.paragraph_after_em),
            language=lang,
        ),
        StyleSpec(
            LIST,
            "List Paragraph",
            based_on=BODY,
            primary=True,
            ui_priority=34,
            after=em(t, s.item_after_em),
            language=lang,
        ),
        StyleSpec(
            AMENDMENT,
            names("docx.style.amendment"),
            based_on=BODY,
            primary=True,
            keep_lines=True,
            borders={"left": Border(s.amendment_rule_pt, t.accent, _pt(s.amendment_padding_mm))},
            language=lang,
        ),
        StyleSpec(
            LABEL,
            names("docx.style.label"),
            based_on=BODY,
            next=RECORD,
            keep_next=True,
            bold=True,
            before=em(t, s.label_before_em),
            after=em(t, s.label_after_em),
            language=lang,
        ),
        StyleSpec(RECORD, names("docx.style.record"), based_on=BODY, language=lang),
        StyleSpec(
            CERTIFICATION,
            names("docx.style.certification"),
            based_on=BODY,
            keep_next=True,
            keep_lines=True,
            before=em(t, s.label_before_em),
            language=lang,
        ),
        StyleSpec(
            NOTE,
            names("docx.style.note"),
            based_on=BODY,
            keep_lines=True,
            size=table_size,
            line=em(t, t.line_height, table_size),
            indent_left=t.body_indent + s.note_padding_mm[1],
            indent_right=s.note_padding_mm[1],
            borders={"top": box, "left": box_side, "bottom": box, "right": box_side},
            language=lang,
        ),
        StyleSpec(
            DRAFT,
            names("docx.style.draft"),
            based_on=NORMAL,
            next=TITLE,
            keep_next=True,
            bold=True,
            size=h1,
            line=em(t, t.line_height, h1),
            colour=t.deleted,
            letter_spacing=em(t, s.draft_letter_spacing_em, h1),
            after=em(t, s.draft_after_em, h1),
            language=lang,
        ),
        StyleSpec(
            TOC_HEADING,
            "TOC Heading",
            based_on=NORMAL,
            next=TOC_ENTRY,
            ui_priority=39,
            keep_next=True,
            no_hyphens=True,
            bold=True,
            size=h1,
            colour=t.accent,
            line=em(t, s.heading_line_height, h1),
            before=em(t, s.heading_before_em[0], h1),
            after=em(t, s.heading_after_em[0], h1),
            language=lang,
        ),
        StyleSpec(
            TOC_ENTRY,
            "toc 1",
            based_on=NORMAL,
            next=NORMAL,
            ui_priority=39,
            indent_left=t.body_indent,
            after=em(t, s.item_after_em),
            language=lang,
        ),
        StyleSpec(
            STAMP,
            names("docx.style.stamp"),
            based_on=NORMAL,
            next=TITLE,
            keep_next=True,
            bold=True,
            colour=t.accent,
            after=em(t, s.draft_after_em),
            language=lang,
        ),
        StyleSpec(
            APPROVAL,
            names("docx.style.approval"),
            based_on=NORMAL,
            next=BODY,
            bold=True,
            after=em(t, s.approval_after_em),
            language=lang,
        ),
        StyleSpec(
            CAPTION,
            "caption",
            based_on=NORMAL,
            next=NORMAL,
            primary=True,
            ui_priority=35,
            keep_next=True,
            bold=True,
            size=table_size,
            line=table_line,
            colour=t.muted,
            before=em(t, s.caption_before_em, table_size),
            after=em(t, s.caption_after_em, table_size),
            language=lang,
        ),
        StyleSpec(
            TABLE_TEXT, names("docx.style.table_text"), based_on=NORMAL, size=table_size, line=table_line, language=lang
        ),
        StyleSpec(
            HEADER,
            "header",
            based_on=NORMAL,
            size=t.small_size,
            line=em(t, s.header_line_height, t.small_size),
            language=lang,
        ),
        StyleSpec(
            FOOTER,
            "footer",
            based_on=NORMAL,
            size=t.small_size,
            colour=t.muted,
            line=em(t, t.line_height, t.small_size),
            borders={"top": Border(s.rule_pt, t.rule, _pt(s.footer_padding_mm))},
            language=lang,
        ),
        StyleSpec(
            HYPERLINK,
            "Hyperlink",
            kind="character",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            colour=t.accent,
            underline=True,
        ),
        StyleSpec(
            FOOTNOTE_TEXT,
            "footnote text",
            based_on=NORMAL,
            ui_priority=99,
            size=t.small_size,
            line=em(t, t.line_height, t.small_size),
            indent_left=t.body_indent,
            language=lang,
        ),
        StyleSpec(
            FOOTNOTE_REF,
            "footnote reference",
            kind="character",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            superscript=True,
        ),
        StyleSpec(
            LABEL_RUN,
            names("docx.style.label_run"),
            kind="character",
            based_on="DefaultParagraphFont",
            bold=True,
            language=lang,
        ),
        StyleSpec(
            SOURCE_REF,
            names("docx.style.source"),
            kind="character",
            based_on="DefaultParagraphFont",
            primary=True,
            size=t.small_size,
            colour=t.accent,
            language=lang,
        ),
        StyleSpec(
            TABLE,
            "Table Grid",
            kind="table",
            based_on="TableNormal",
            ui_priority=39,
            table_borders=Border(s.rule_pt, t.rule),
            cell_margins=s.cell_padding_mm,
            header_fill=t.table_header,
            header_bold=True,
        ),
    ]
    return defaults, styles


def list_definitions(theme: Theme) -> list[Element]:
    """The bullet and the numbered list definitions, as ``w:abstractNum`` elements.

    Ids :data:`BULLET_DEFINITION` and :data:`NUMBER_DEFINITION`, with
    :data:`MAX_LIST_LEVELS` levels each: the text of level *n* (from 0) stands
    *n* + 1 list steps (:func:`list_step`) right of the body indent, on the
    body grid, and its marker (one of :data:`BULLETS`, or ``1.``) hangs one
    step left of the text, in the theme's muted colour.
    """
    step = twips(list_step(theme))
    base = twips(theme.body_indent)

    def levels(numbered: bool) -> list[ListLevel]:
        return [
            ListLevel(
                "decimal" if numbered else "bullet",
                f"%{n + 1}." if numbered else BULLETS[n],
                base + step * (n + 1),
                step,
                theme.muted,
            )
            for n in range(MAX_LIST_LEVELS)
        ]

    return [
        abstract_numbering(BULLET_DEFINITION, levels(False)),
        abstract_numbering(NUMBER_DEFINITION, levels(True)),
    ]
