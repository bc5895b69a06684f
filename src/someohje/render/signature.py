"""Signing a certified extract (``extract --sign``) with pyHanko.

The certifier's PKCS#12 file holds their key and certificate; its password
comes from the environment variable :data:`PASSWORD_VARIABLE` or, on a
terminal, a prompt (never the command line, where every user of the machine
could read it). :func:`load_credential` opens it and checks the certificate
before anything is rendered: valid now, and made for signing (key usage
*digital signature* or *non-repudiation*). :func:`sign_pdf` then signs the
extract's signature field (:mod:`.signature_field`) as PAdES baseline B-B,
or B-T with a signature timestamp from the server the user names. The
signature's appearance, in the field, gives the signer's name from the
certificate and the signing time, laid out by WeasyPrint in the shipped font
(embedded as WeasyPrint embeds it, so an archival extract stays PDF/A). The
signature is an incremental update: the bytes of the extract stay as they
were, its metadata (Info, XMP) too.

A signed extract is the one output that depends on the clock: the signing
time is the moment of signing, by nature. Everything it certifies comes
from the decision data; the certifier's name and title come from the
certificate (:func:`certified`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import io
import os
import sys
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from ..content.project import FONTS_DIR
from ..content.texts import FINNISH, Words
from ..errors import ContentError, Problem, UsageError, problem
from ..finnish import finnish_date
from ..messages import gettext as _
from ..messages import os_error
from ..model import Document
from .signature_field import FIELD_NAME

PASSWORD_VARIABLE = "SOMEOHJE_SIGN_PASSWORD"


@dataclass(frozen=True)
class Credential:
    """The certifier's key and certificate, opened and checked."""

    path: Path
    signer: Any  #: pyHanko's SimpleSigner
    name: str  #: the certificate's subject common name
    title: str  #: the subject's title attribute (X.520), ``""`` when it has none


def password(environ: dict[str, str] | None = None) -> bytes:
    """The PKCS#12 password: :data:`PASSWORD_VARIABLE`, else a prompt on a
    terminal; :class:`UsageError` (naming ``--sign``) when neither is there."""
    env = os.environ if environ is None else environ
    if PASSWORD_VARIABLE in env:
        return env[PASSWORD_VARIABLE].encode("utf-8")
    if sys.stdin.isatty():
        return getpass.getpass("PKCS#12-tiedoston salasana: ").encode("utf-8")
    why = _("the file's password: set {PASSWORD_VARIABLE} or run in a terminal to be asked").format(
        PASSWORD_VARIABLE=PASSWORD_VARIABLE
    )
    raise UsageError([Problem("--sign", 0, why)])


def load_credential(path: Path, secret: bytes, now: dt.datetime) -> Credential:
    """Open the PKCS#12 file at ``path`` and check its certificate at ``now``.

    Raises :class:`ContentError` naming the file, one line: no such file, a
    wrong password (or not a PKCS#12 file), a certificate expired or not yet
    valid, or one without a key usage for signing."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    def fail(message: str) -> ContentError:
        return ContentError([problem(path, 0, message)])

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(_("no such file (the certifier's PKCS#12 file, .p12 or .pfx)")) from None
    except OSError as exc:
        raise fail(_("cannot read: {error}").format(error=os_error(exc))) from None
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        raise fail(_("cannot open: wrong password, or not a PKCS#12 file")) from None
    if cert is None or key is None:
        raise fail(_("holds no certificate with its private key"))
    name = _attribute(cert, x509.NameOID.COMMON_NAME)
    if cert.not_valid_after_utc < now:
        raise fail(
            _("the certificate of {name} expired on {finnish_date}").format(
                name=name, finnish_date=finnish_date(cert.not_valid_after_utc.date())
            )
        )
    if cert.not_valid_before_utc > now:
        raise fail(
            _("the certificate of {name} is valid only from {finnish_date}").format(
                name=name, finnish_date=finnish_date(cert.not_valid_before_utc.date())
            )
        )
    if not _can_sign(cert):
        raise fail(
            _("the certificate of {name} is not for signing (its key usage has no digital signature)").format(name=name)
        )
    signer = SimpleSigner.load_pkcs12_data(data, (), passphrase=secret)
    return Credential(path, signer, name, _attribute(cert, x509.NameOID.TITLE))


def _attribute(cert: Any, oid: Any) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _can_sign(cert: Any) -> bool:
    """Whether the key usage allows a signature (digital signature or
    non-repudiation); a certificate that states no key usage does not."""
    from cryptography import x509

    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(usage.digital_signature or usage.content_commitment)


def certified(doc: Document, credential: Credential, now: dt.datetime) -> Document:
    """``doc`` with the certification's name and title from the certificate
    and the date of signing; the place stays as the content gives it. A
    certifier named in the content who is not the certificate's holder is a
    :class:`ContentError`: the record and the signature must agree. A
    certificate without a title leaves the title a blank to fill in."""
    from ..document.appeal import BLANK

    facts = doc.extract_facts
    if facts.certifier and facts.certifier != credential.name:
        why = _("extract certifier '{certifier}' is not the holder of {name} ({name2})").format(
            certifier=facts.certifier, name=credential.path.name, name2=credential.name
        )
        raise ContentError([problem(doc.metadata_path, 0, why)])
    title = credential.title or (facts.certifier_title if facts.certifier else "")
    updated = replace(facts, certifier=credential.name, certifier_title=title or BLANK, date=finnish_date(now.date()))
    return replace(doc, extract_facts=updated)


def sign_pdf(
    data: bytes, credential: Credential, now: dt.datetime, timestamp_url: str | None = None, words: Words = FINNISH
) -> bytes:
    """``data`` (an extract's PDF, with its empty signature field) signed
    in that field at ``now``: PAdES B-B, or B-T with a timestamp from
    ``timestamp_url``. The field shows the signer and the time (:func:`appearance`),
    in the extract's language (``words``), as the signature's reason does.

    Raises :class:`ContentError` when the PDF has no signature field, and
    one naming ``--timestamp`` when the server gives no timestamp."""
    from pyhanko.pdf_utils import layout
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
    from pyhanko.stamp import StaticStampStyle

    writer = _writer(data)
    found = [f.get_object()["/Rect"] for name, _, f in fields.enumerate_sig_fields(writer) if name == FIELD_NAME]
    if not found:
        raise ContentError([problem(credential.path, 0, _("the PDF has no signature field to sign"))])
    x1, y1, x2, y2 = (float(v) for v in found[0])
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=words("certify.sign_reason"),
    )
    style = StaticStampStyle(
        background=_page(appearance(credential.name, now, abs(x2 - x1), abs(y2 - y1), words)),
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(  # the page is the field's size: as it is, no margin
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    timestamper = HTTPTimeStamper(timestamp_url) if timestamp_url else None
    signer = _signer_at(now)(meta, credential.signer, timestamper=timestamper, stamp_style=style)
    out = io.BytesIO()
    try:
        signer.sign_pdf(writer, existing_fields_only=True, output=out)
    except (TimestampRequestError, OSError) as exc:
        raise ContentError(
            [
                Problem(
                    "--timestamp",
                    0,
                    _("{timestamp_url}: no timestamp ({exc})").format(timestamp_url=timestamp_url, exc=exc),
                )
            ]
        ) from None
    return out.getvalue()


def _writer(data: bytes) -> Any:
    """pyHanko's incremental writer over ``data`` that leaves the document's
    metadata (Info, XMP) as someohje wrote it: pyHanko would rewrite the
    XMP in its own form, which loses the PDF/A extension schema declaring
    PDF/UA, and date it by the clock."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class KeepMetadata(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            pass

    return KeepMetadata(io.BytesIO(data))


def _signer_at(now: dt.datetime) -> Any:
    """pyHanko's PdfSigner whose signing time is ``now`` (the time the
    appearance shows), not a moment later."""
    from pyhanko.sign import signers

    class AtTime(signers.PdfSigner):
        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = now
            return session

    return AtTime


def shown_time(now: dt.datetime, words: Words = FINNISH) -> str:
    """``1.12.2026 klo 22.39 UTC`` (Swedish ``kl.``): the signing time in
    local time, as the field shows it."""
    local = now.astimezone()
    when = words("certify.time", date=finnish_date(local.date()), time=f"{local.hour}.{local.minute:02d}")
    return f"{when} {local.tzname() or ''}".rstrip()


def appearance(name: str, now: dt.datetime, width: float, height: float, words: Words = FINNISH) -> bytes:
    """The signature's visible appearance, a one-page PDF the size of the
    field (``width`` x ``height`` points) laid out by WeasyPrint in the
    shipped font: *Allekirjoitettu sähköisesti*, the signer's name from the
    certificate and the signing time. Untagged: an annotation's appearance
    is not part of the document's structure."""
    from weasyprint import HTML

    from .pdf import font_urls

    lines = (words("certify.signed"), name, shown_time(now, words))
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    css = (
        f"@font-face {{ font-family: Sig; src: url('{font_urls()['regular']}'); }}"
        f"@page {{ size: {width:.3f}pt {height:.3f}pt; margin: 0; }}"
        "html { font-family: Sig; font-size: 9pt; line-height: 1.25; color: #1a1a1a; }"
        "body { margin: 0; padding: 1pt 2pt; } p { margin: 0; }"
    )
    page = f"<!DOCTYPE html><html lang='{words.language}'><head><style>{css}</style></head><body>{body}</body></html>"
    data: bytes = HTML(string=page, base_url=str(FONTS_DIR)).write_pdf()
    return data


def _page(pdf: bytes) -> Any:
    """pyHanko content that imports the first page of ``pdf`` (in memory)."""
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class Page(content.ImportedPdfPage):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)), page_ix=0)
            self.resources.xobject["/Allekirjoitus"] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return b"/Allekirjoitus Do"

    return Page("")  # type: ignore[no-untyped-call]
