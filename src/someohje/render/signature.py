"""A certified minutes extract that carries its signature (PAdES, pyHanko).

``extract --sign FILE.p12`` signs the extract's PDF with the certifier's
PKCS#12 as PAdES baseline B-B, or B-T with ``--timestamp URL`` (an RFC 3161
server the user names). The signature goes into the empty signature field
the certification block already has (:mod:`.signature_field`), and its
appearance shows the signer's name from the certificate and the signing
time. The certification's name and title come from the certificate
(:func:`certified`): a title the certificate does not give stays a blank.

The key is opened and checked before anything is rendered
(:func:`load_credential`): the file exists, the password opens it, the
certificate is valid now and allows signing. Each failure is one
``path: message`` line (exit 1), and nothing is written. The password is
never an argument: :data:`PASSWORD_ENV`, else a prompt on a terminal.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, UsageError, problem
from ..model import Document
from .signature_field import FIELD_NAME
from .signature_font import font_factory, scaled_font

PASSWORD_ENV = "SOMEOHJE_SIGN_PASSWORD"  #: the PKCS#12 password, when not asked at a prompt
FONT = Path(__file__).resolve().parent.parent / "fonts" / "LiberationSans-Regular.ttf"  #: embedded: PDF/A


@dataclass(frozen=True)
class Credential:
    """An opened, checked signing key: the file, its password, the holder."""

    path: Path
    password: bytes
    name: str  #: the certificate's common name
    title: str  #: the certificate's title attribute, ``""`` when it has none


def password() -> bytes:
    """The PKCS#12 password: :data:`PASSWORD_ENV`, else asked on a terminal;
    a :class:`UsageError` when there is neither."""
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given.encode()
    if not sys.stdin.isatty():
        why = f"the file's password: set {PASSWORD_ENV} or run in a terminal to be asked"
        raise UsageError([Problem("--sign", 0, why)])
    import getpass

    return getpass.getpass("the signing key's password: ").encode()


def load_credential(path: Path, secret: bytes, now: dt.datetime) -> Credential:
    """Open ``path`` with ``secret`` and check its certificate on ``now``;
    a :class:`ContentError` naming the file for each way it cannot sign."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    def fail(why: str) -> ContentError:
        return ContentError([problem(path, 0, why)])

    if not path.is_file():
        raise fail("no such file (the certifier's PKCS#12 file, .p12 or .pfx)")
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), secret)
    except (ValueError, OSError):
        raise fail("cannot open: wrong password, or not a PKCS#12 file") from None
    if key is None or cert is None:
        raise fail("cannot open: the file holds no private key and certificate")
    name, title = _holder(cert)
    _check_certificate(cert, name, now, fail)
    return Credential(path, secret, name, title)


def _holder(cert: Any) -> tuple[str, str]:
    from cryptography.x509.oid import NameOID

    def attr(oid: Any) -> str:
        found = cert.subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    return attr(NameOID.COMMON_NAME), attr(NameOID.TITLE)


def _check_certificate(cert: Any, name: str, now: dt.datetime, fail: Any) -> None:
    from cryptography.x509 import ExtensionNotFound, KeyUsage

    who = f"the certificate of {name or 'the certifier'}"
    if now < cert.not_valid_before_utc:
        raise fail(f"{who} is valid only from {_day(cert.not_valid_before_utc)}")
    if now > cert.not_valid_after_utc:
        raise fail(f"{who} expired on {_day(cert.not_valid_after_utc)}")
    try:
        usage = cert.extensions.get_extension_for_class(KeyUsage).value
    except ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise fail(f"{who} is not for signing (its key usage has neither digitalSignature nor nonRepudiation)")


def _day(when: dt.datetime) -> str:
    return f"{when.day}.{when.month}.{when.year}"


def certified(document: Document, credential: Credential, now: dt.datetime) -> Document:
    """``document`` whose extract names the certificate's holder as the
    certifier (name and title), never a guess: what the certificate does not
    give stays blank. ``now`` is the moment of signing."""
    from ..document.appeal import BLANK

    title = credential.title or BLANK  # shown as a blank to fill in, beside the certificate's name
    facts = replace(document.extract_facts, certifier=credential.name or BLANK, certifier_title=title)
    return replace(document, extract_facts=facts)


def _keep_metadata_writer() -> Any:
    """pyHanko's incremental writer, less its rewrite of the XMP metadata and
    the info dictionary: that rewrite drops the PDF/A extension schemas
    WeasyPrint declared (PDF/A-3a then fails), and the signature's own
    dictionary records the signing time."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class KeepMetadata(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            return None

    return KeepMetadata


def sign_pdf(data: bytes, credential: Credential, now: dt.datetime, timestamp_url: str | None = None) -> bytes:
    """``data`` signed into its field :data:`FIELD_NAME` as PAdES B-B (B-T
    with ``timestamp_url``); a timestamp server that does not answer is a
    :class:`ContentError` naming ``--timestamp``."""
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(credential.path, passphrase=credential.password)  # type: ignore[no-untyped-call]
    if signer is None:  # pragma: no cover - load_credential opened the same file
        raise ContentError([problem(credential.path, 0, "cannot open: wrong password, or not a PKCS#12 file")])
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Pöytäkirjanotteen oikeaksi todistaa",
        name=credential.name or None,
    )
    with tempfile.TemporaryDirectory() as folder:
        font = scaled_font(FONT, Path(folder))
        return _sign(data, meta, signer, font, timestamp_url, credential)


def _sign(data: bytes, meta: Any, signer: Any, font: Path, timestamp_url: str | None, credential: Credential) -> bytes:
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import signers, timestamps
    from pyhanko.stamp import TextStampStyle

    style = TextStampStyle(
        stamp_text=f"Allekirjoitettu sähköisesti {credential.name}\n%(ts)s",
        timestamp_format="%d.%m.%Y %H.%M.%S %Z",
        text_box_style=TextBoxStyle(font=font_factory(font, 8), font_size=8),
        border_width=0,
    )
    stamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=stamper, stamp_style=style)
    out = io.BytesIO()
    writer = _keep_metadata_writer()(io.BytesIO(data), strict=False)
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as e:  # pyHanko wraps a network failure in several types
        if timestamp_url:
            why = f"{timestamp_url}: no timestamp from this server ({type(e).__name__})"
            raise ContentError([Problem("--timestamp", 0, why)]) from None
        raise ContentError([problem(credential.path, 0, f"signing failed: {e}")]) from None
    return out.getvalue()
