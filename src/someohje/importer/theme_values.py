"""A Word template's layout as theme values: what maps, and what does not.

:func:`theme_mapping` turns a :class:`~.template.TemplateLayout` into the
edits of ``templates/theme.yaml`` (:mod:`someohje.content.theme_edit`) and
one report line for each value it took or left: the margins and the header
and footer distances (``page``), Normal's font (``fonts.docx_family``), the
sizes of Normal, Title and Heading 1-3 (``fonts.body_size``, ``title_size``,
``heading_sizes``), Heading 1's colour (``colours.accent``) and Normal's
(``colours.text``), and the left indent of Body Text (``grid.body_indent``:
where running text stands). Every value is checked by the theme's own schema
(:data:`someohje.content.theme.SCHEMA`) and the page's room for text
(:func:`~someohje.content.theme.page_room`); one that fails is reported and
left as the theme has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.theme import PAGE_NUMBER_ROOM_MM, SCHEMA, Theme, page_room, value_range
from ..content.theme_edit import Edit, yaml_value
from ..content.yamlsource import YList, YScalar
from ..messages import N_
from ..messages import gettext as _
from .template import Logo, TemplateLayout

#: Word's margin names -> the theme's ``page`` fields
MARGINS = {
    "top": "margin_top",
    "bottom": "margin_bottom",
    "left": "margin_left",
    "right": "margin_right",
    "header": "header_distance",
    "footer": "footer_distance",
}
#: paper sizes a template may have instead of A4, by (width, height) in mm
_PAPERS = {(215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (297.0, 210.0): "A4 landscape", (148.0, 210.0): "A5"}
#: fonts the PDF's shipped Liberation Sans stands in for with the same metrics
_METRIC_TWINS = {"arial", "liberation sans", "helvetica", "arimo"}


@dataclass
class ThemeMapping:
    """The theme edits a template gives and what the report says."""

    edits: dict[Edit, str] = field(default_factory=dict)
    mapped: list[str] = field(default_factory=list)  #: "page.margin_left = 25 (...)"
    not_mapped: list[str] = field(default_factory=list)  #: what was left, and why
    logo: Logo | None = None  #: the header's picture to write beside the theme

    def take(self, group: str, key: str, value: float | str | tuple[float, ...], why: str) -> bool:
        """Take ``value`` for ``group.key`` if the theme's schema accepts it;
        report either way. Returns whether it was taken."""
        text = yaml_value(value)
        node: YList | YScalar = YScalar(0, text.strip('"'))
        if isinstance(value, tuple):
            node = YList(0, [YScalar(0, yaml_value(v)) for v in value], [0] * len(value))
        parsed = SCHEMA[group][key].parse(node, key)
        if parsed is None:
            self.not_mapped.append(
                _("{why}: {text} is not {accepted}; '{group}.{key}' is left as it is").format(
                    why=why, text=text, accepted=_accepted(group, key), group=group, key=key
                )
            )
            return False
        self.edits[(group, key)] = text
        self.mapped.append(f"{group}.{key} = {text} ({why})")
        return True


def _accepted(group: str, key: str) -> str:
    kind = SCHEMA[group][key]
    if not kind.ranged:
        return _(kind.describe)
    low, high = value_range(key)
    return _("{kind} from {low:g} to {high:g}").format(kind=_(kind.describe), low=low, high=high)


def theme_mapping(layout: TemplateLayout, current: Theme) -> ThemeMapping:
    """The edits of the theme ``current`` that ``layout`` gives (see the module docs)."""
    out = ThemeMapping()
    _page(layout, current, out)
    _fonts(layout, current, out)
    _colours(layout, out)
    out.not_mapped.extend(layout.notes)
    if layout.logo is not None:
        out.logo = layout.logo
    return out


def _page(layout: TemplateLayout, current: Theme, out: ThemeMapping) -> None:
    _paper(layout, out)
    now = {key: float(getattr(current, key)) for key in ("body_indent", *MARGINS.values())}
    wanted = {MARGINS[k]: round(v, 1) for k, v in layout.margins.items()}
    body = layout.styles.get("body text")
    if body is not None:
        wanted["body_indent"] = round(body.indent_left or 0.0, 1)
    skipped = _without_room({**now, **wanted}, out)
    for word, key in MARGINS.items():
        what = "distance" if word in ("header", "footer") else "margin"
        if (
            key in wanted
            and key not in skipped
            and out.take("page", key, wanted[key], _("the template's {word} {what}, mm").format(word=word, what=what))
        ):
            now[key] = wanted[key]
    if body is None:
        out.not_mapped.append(_("the template has no Body Text style; 'grid.body_indent' is left as it is"))
    elif "body_indent" not in skipped:
        why = _("the left indent of Body Text ({style_id}), mm from the margin").format(style_id=body.style_id)
        if out.take("grid", "body_indent", wanted["body_indent"], why):
            now["body_indent"] = wanted["body_indent"]
    _page_number_room(current, now, out)
    for word in ("top", "bottom", "left", "right"):
        if word not in layout.margins:
            out.not_mapped.append(
                _("the template states no {word} margin; '{MARGINS}' is left as it is").format(
                    word=word, MARGINS=MARGINS[word]
                )
            )


def _paper(layout: TemplateLayout, out: ThemeMapping) -> None:
    """A note for a page that is not A4 portrait."""
    width, height = layout.page
    if abs(width - 210) > 1 or abs(height - 297) > 1:
        name = next((n for (w, h), n in _PAPERS.items() if abs(w - width) < 1 and abs(h - height) < 1), "")
        shown = f"{width:.1f} x {height:.1f} mm" + (f" ({name})" if name else "")
        out.not_mapped.append(
            _("page size {shown}: someohje lays out every document on A4 portrait (SFS 2487)").format(shown=shown)
        )


def _without_room(values: dict[str, float], out: ThemeMapping) -> set[str]:
    """The fields left as they are because, taken together, they leave no
    room for text on A4 (:func:`~someohje.content.theme.page_room`), each noted."""
    pairs = {
        "margin_left": ("margin_left", "margin_right", "body_indent"),
        "margin_top": ("margin_top", "margin_bottom"),
    }
    skipped: set[str] = set()
    for key, message in page_room(dict(values)):
        out.not_mapped.append(
            _("the template's margins: {message}; {pair} are left as they are").format(
                message=message, pair=", ".join(pairs[key])
            )
        )
        skipped.update(pairs[key])
    return skipped


def _page_number_room(current: Theme, values: dict[str, float], out: ThemeMapping) -> None:
    """A warning when the new margins leave the page number at C7 too little room."""
    room = 210 - values["margin_left"] - values["margin_right"] - current.page_at
    if room < PAGE_NUMBER_ROOM_MM:
        out.not_mapped.append(
            f"the page number at C7 ({current.page_at:g} mm from the margin) leaves {room:.1f} mm before the "
            f"right margin: it runs into the margin in every format; a smaller 'grid.tab' or 'grid.page_column' "
            "keeps it inside"
        )


def _fonts(layout: TemplateLayout, current: Theme, out: ThemeMapping) -> None:
    normal = layout.styles.get("normal")
    if normal is None:
        out.not_mapped.append(_("the template has no Normal style; the fonts are left as they are"))
    else:
        _normal_font(normal.font, normal.size, out)
    title = layout.styles.get("title")
    if title is not None and title.size is not None:
        out.take(
            "fonts",
            "title_size",
            title.size,
            _("the size of Title ({style_id}), pt").format(style_id=title.style_id),
        )
    elif title is None:
        out.not_mapped.append(_("the template has no Title style; 'fonts.title_size' is left as it is"))
    _heading_sizes(layout, current, out)
    if layout.line_spacing:
        out.not_mapped.append(
            _(
                "Normal's line spacing ({line_spacing}): the theme's line_height, a multiple of the font size, is used"
            ).format(line_spacing=layout.line_spacing)
        )


def _heading_sizes(layout: TemplateLayout, current: Theme, out: ThemeMapping) -> None:
    """Heading 1-3's sizes as one triple (a level the template does not size
    keeps the theme's), and a note for each heading font other than Normal's."""
    normal = layout.styles.get("normal")
    sizes = list(current.heading_sizes)
    low, high = value_range("heading_sizes")
    found = []
    for n in (1, 2, 3):
        look = layout.styles.get(f"heading {n}")
        if look is None or look.size is None:
            out.not_mapped.append(
                _("the template gives no size for Heading {n}; it stays {size:g} pt").format(n=n, size=sizes[n - 1])
            )
        elif not low <= look.size <= high:
            out.not_mapped.append(
                _("Heading {n} is {size:g} pt, not {low:g}-{high:g}; it stays {size2:g}").format(
                    n=n, size=look.size, low=low, high=high, size2=sizes[n - 1]
                )
            )
        else:
            sizes[n - 1] = look.size
            found.append(f"Heading {n} ({look.style_id})")
        if look is not None and normal is not None and look.font and look.font != normal.font:
            out.not_mapped.append(
                _(
                    "Heading {n}'s font {font}: the theme has one font, Normal's; the DOCX keeps the "
                    "heading's own only with docx_reference"
                ).format(n=n, font=look.font)
            )
    if found:
        out.take("fonts", "heading_sizes", tuple(sizes), _("the sizes of {found}, pt").format(found=", ".join(found)))


def _normal_font(font: str, size: float | None, out: ThemeMapping) -> None:
    if font:
        taken = out.take("fonts", "docx_family", font, _("the font of Normal"))
        if taken and font.lower() not in _METRIC_TWINS:
            out.not_mapped.append(
                _(
                    "font {font} in the PDF: the PDF embeds the font someohje ships (Liberation "
                    "Sans, Arial's metric twin); 'fonts.pdf_family' is left as it is"
                ).format(font=font)
            )
    else:
        out.not_mapped.append(_("the template names no font for Normal; 'fonts.docx_family' is left as it is"))
    if size is not None:
        out.take("fonts", "body_size", size, _("the size of Normal, pt"))
    else:
        out.not_mapped.append(_("the template gives no size for Normal; 'fonts.body_size' is left as it is"))


def _colours(layout: TemplateLayout, out: ThemeMapping) -> None:
    heading = layout.styles.get("heading 1")
    if heading is not None and heading.colour:
        out.take("colours", "accent", heading.colour, _("the colour of Heading 1"))
    else:
        out.not_mapped.append(_("Heading 1 has no colour of its own; 'colours.accent' is left as it is"))
    normal = layout.styles.get("normal")
    if normal is not None and normal.colour:
        out.take("colours", "text", normal.colour, _("the colour of Normal"))
    else:
        out.not_mapped.append(_("Normal's colour is automatic; 'colours.text' is left as it is"))
    normal_colour = normal.colour if normal is not None else ""
    accent = heading.colour if heading is not None else ""
    for name, like, role in (
        ("title", normal_colour, N_("the text")),
        ("heading 2", accent, N_("the accent")),
        ("heading 3", accent, N_("the accent")),
    ):
        look = layout.styles.get(name)
        if look is not None and look.colour and like and look.colour != like:
            out.not_mapped.append(
                _("{capitalize}'s colour {colour}: the theme gives it {role} colour, {like}").format(
                    capitalize=name.capitalize(), colour=look.colour, role=_(role), like=like
                )
            )
