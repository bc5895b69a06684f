"""A certified extract that carries its signature (``extract --sign``).

The tests make their own certificate authority, certifier and timestamp
authority (``cryptography``), with no network: a timestamp server is started
on 127.0.0.1 by the test (pyHanko's own test timestamper behind a small HTTP
handler) and stopped by it. The signature is checked with pyHanko's
validator and poppler's ``pdfsig``; the signed archival extract with
page-validation (PDF/A-3a and PDF/UA-1).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from helpers import FIXTURES, REPO, STEM, Result, tool

pytest.importorskip("pyhanko", reason="pyHanko is not installed (pip install -e .)")
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

EXTRACT = f"{STEM}-kvalt-2022-06-14-s37-poytakirjanote"
PASSWORD = "testisalasana"
NOW = dt.datetime.now(dt.UTC)
DAY = dt.timedelta(days=1)
#: signing key usage: digital signature and non-repudiation (content commitment)
SIGNING = dict(digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False)
SIGNING |= dict(key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)


# --- a test PKI --------------------------------------------------------------------


@dataclass
class Pki:
    folder: Path
    ca: x509.Certificate
    ca_key: Any
    tsa: x509.Certificate
    tsa_key: Any


def _name(cn: str, title: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    return x509.Name(attrs + ([x509.NameAttribute(NameOID.TITLE, title)] if title else []))


def _cert(issuer: Any, subject: x509.Name, key: Any, start: dt.datetime, end: dt.datetime) -> Any:
    """A certificate builder for ``subject`` issued by ``issuer`` (``None``: self-issued)."""
    builder = x509.CertificateBuilder().subject_name(subject).public_key(key.public_key())
    builder = builder.issuer_name(issuer.subject if issuer is not None else subject)
    return builder.serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    usage = {
        **SIGNING,
        "digital_signature": False,
        "content_commitment": False,
        "key_cert_sign": True,
        "crl_sign": True,
    }
    ca = (
        _cert(None, _name("someohje test CA"), ca_key, NOW - 10 * DAY, NOW + 30 * DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA is RSA-only
    tsa = (
        _cert(ca, _name("someohje test TSA"), tsa_key, NOW - 10 * DAY, NOW + 30 * DAY)
        .add_extension(x509.KeyUsage(**SIGNING), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    result = Pki(folder, ca, ca_key, tsa, tsa_key)
    certifier(result, "valid.p12", NOW - DAY, NOW + 10 * DAY)
    certifier(result, "expired.p12", NOW - 9 * DAY, NOW - 2 * DAY)
    certifier(result, "future.p12", NOW + 2 * DAY, NOW + 9 * DAY)
    certifier(result, "encrypt-only.p12", NOW - DAY, NOW + 10 * DAY, usage={**SIGNING, "digital_signature": False,
              "content_commitment": False, "key_encipherment": True})  # fmt: skip
    certifier(result, "untitled.p12", NOW - DAY, NOW + 10 * DAY, title="")
    return result


def certifier(pki: Pki, name: str, start: dt.datetime, end: dt.datetime, **kw: Any) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    title = kw.get("title", "hallintosihteeri")
    cert = (
        _cert(pki.ca, _name("Tiina Todistaja", title), key, start, end)
        .add_extension(x509.KeyUsage(**kw.get("usage", SIGNING)), critical=True)
        .sign(pki.ca_key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(PASSWORD.encode())
    path = pki.folder / name
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"todistaja", key, cert, [pki.ca], encryption))
    return path


@pytest.fixture(scope="module")
def timestamp_server(pki: Pki) -> Iterator[str]:
    """An RFC 3161 timestamp server on 127.0.0.1 (pyHanko's test TSA), for this module only."""
    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    der = pki.tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())  # fmt: skip
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(pki.tsa.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(der),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def sign(
    out: Path,
    p12: Path,
    *extra: str,
    password: str | None = PASSWORD,
    project: Path = REPO,
    meeting: str = "kvalt-2022-06-14",
) -> Result:
    """``extract --sign`` in a fresh process, no terminal (so never a prompt)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SOMEOHJE_SIGN_PASSWORD", None)
    if password is not None:
        env["SOMEOHJE_SIGN_PASSWORD"] = password
    args = ["extract", str(project), "--meeting", meeting, "--sign", str(p12), "--out", str(out), *extra]
    proc = subprocess.run(
        [sys.executable, "-m", "someohje", *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def validate(pdf: Path, pki: Pki) -> Any:
    """pyHanko's validation of the PDF's one signature, the test CA trusted."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(pki.ca.public_bytes(serialization.Encoding.DER))
    with pdf.open("rb") as f:
        (signature,) = PdfFileReader(f).embedded_signatures
        return validate_pdf_signature(signature, ValidationContext(trust_roots=[root], allow_fetching=False))


def pdfsig(pdf: Path) -> str:
    return subprocess.run([tool("pdfsig"), str(pdf)], capture_output=True, text=True).stdout


def text_of(pdf: Path) -> str:
    return subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def signed(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed")
    result = sign(out, pki.folder / "valid.p12", "--format", "pdf,docx", "--pdf-variant", "archival")
    assert result.code == 0, result.err
    return out / f"{EXTRACT}-arkisto.pdf"


# --- the signature ------------------------------------------------------------------


def test_pyhanko_validates_the_pades_signature(signed: Path, pki: Pki) -> None:
    status = validate(signed, pki)
    assert (status.intact, status.valid, status.trusted, status.bottom_line) == (True, True, True, True)
    assert status.signing_cert.subject.native["common_name"] == "Tiina Todistaja"
    assert status.coverage.name == "ENTIRE_FILE" and status.docmdp_ok is not False
    assert status.timestamp_validity is None  # B-B: no signature timestamp without --timestamp
    written = dt.datetime.fromtimestamp(signed.stat().st_mtime, dt.UTC)  # the moment of signing, near enough
    assert abs((status.signer_reported_dt - written).total_seconds()) < 120


def test_pdfsig_validates_it_too(signed: Path) -> None:
    report = pdfsig(signed)
    assert "Signature Field Name: allekirjoitus" in report
    assert "Signer Certificate Common Name: Tiina Todistaja" in report
    assert "Signature Type: ETSI.CAdES.detached" in report and "Total document signed" in report
    assert "Signature Validation: Signature is Valid." in report


def test_the_signed_archival_extract_stays_pdf_a_3a_and_pdf_ua_1(signed: Path) -> None:
    page = pytest.importorskip("page", reason="page-validation is not installed (pip install -e '.[test]')")
    for profile in ("3a", "ua1"):
        assert [f"{f.rule_id}: {f.message}" for f in page.validate_pdf(signed, profile=profile).failures] == []


def test_the_certification_names_the_certificates_holder_and_shows_the_signature(signed: Path) -> None:
    text = " ".join(text_of(signed).split())
    assert "Nimenselvennys ja virka-asema: Tiina Todistaja, hallintosihteeri" in text
    assert "Allekirjoitettu sähköisesti Tiina Todistaja" in text  # the field's appearance
    with pikepdf.open(signed) as pdf:
        (field,) = pdf.Root.AcroForm.Fields
        assert (str(field.FT), str(field.T), "/V" in field) == ("/Sig", "allekirjoitus", True)
        assert pdf.Root.AcroForm.SigFlags == 3  # signatures exist, append only
        assert str(field.V.SubFilter) == "/ETSI.CAdES.detached"  # PAdES
    docx = signed.parent / f"{EXTRACT}.docx"
    assert docx.is_file()  # the other formats carry the same certification, unsigned


def test_one_changed_byte_after_signing_breaks_it_for_both(signed: Path, pki: Pki, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"Rautalammin kunta")  # in the signed range: the document's own text
    data[at] ^= 0x01
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    assert validate(broken, pki).intact is False
    report = pdfsig(broken)
    assert "Signature is Valid." not in report and "Digest Mismatch" in report


def test_a_timestamp_server_makes_it_b_t(pki: Pki, timestamp_server: str, tmp_path: Path) -> None:
    result = sign(tmp_path, pki.folder / "valid.p12", "--format", "pdf", "--timestamp", timestamp_server)
    assert result.code == 0, result.err
    status = validate(tmp_path / f"{EXTRACT}.pdf", pki)
    assert status.bottom_line and status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.valid and status.timestamp_validity.trusted
    assert "Signature Validation: Signature is Valid." in pdfsig(tmp_path / f"{EXTRACT}.pdf")


def test_a_certificate_without_a_title_leaves_the_title_blank(pki: Pki, tmp_path: Path) -> None:
    result = sign(tmp_path, pki.folder / "untitled.p12", "--format", "pdf")
    assert result.code == 0, result.err
    text = " ".join(text_of(tmp_path / f"{EXTRACT}.pdf").split())
    assert f"Nimenselvennys ja virka-asema: Tiina Todistaja, {'_' * 32}" in text  # never guessed


def test_a_swedish_extract_is_signed_in_swedish(pki: Pki, tmp_path: Path) -> None:
    project = tmp_path / "exempelby"
    shutil.copytree(FIXTURES / "exempelby", project)
    meta = project / "content/document.yaml"  # the certifier is the certificate's holder
    meta.write_text(meta.read_text(encoding="utf-8").replace("Stina Provare", "Tiina Todistaja"), encoding="utf-8")
    out = tmp_path / "out"
    result = sign(out, pki.folder / "valid.p12", "--pdf-variant", "archival", project=project, meeting="fge-2023-05-15")
    assert result.code == 0, result.err
    (signed,) = out.glob("*-protokollsutdrag-arkiv.pdf")  # the archival suffix in Swedish too
    text = " ".join(text_of(signed).split())
    assert "Elektroniskt undertecknad Tiina Todistaja" in text and " kl. " in text
    assert "Allekirjoitettu" not in text
    with pikepdf.open(signed) as pdf:
        (field,) = pdf.Root.AcroForm.Fields
        assert str(field.V.Reason) == "Intygande av protokollsutdragets riktighet"
    assert validate(signed, pki).bottom_line


# --- without --sign: an empty field for the certifier's own tool ----------------------------


def test_an_unsigned_extract_has_an_empty_signature_field_in_the_certification(tmp_path: Path) -> None:
    from helpers import run_cli

    result = run_cli("extract", str(REPO), "--meeting", "kvalt-2022-06-14", "--format", "pdf", "--out", str(tmp_path))
    assert result.code == 0, result.err
    with pikepdf.open(tmp_path / f"{EXTRACT}.pdf") as pdf:
        (field,) = pdf.Root.AcroForm.Fields
        assert (str(field.FT), str(field.T), "/V" in field) == ("/Sig", "allekirjoitus", False)
        assert "/NeedAppearances" not in pdf.Root.AcroForm and "/N" in field.AP
        last = pdf.pages[-1]
        assert any(a.objgen == field.objgen for a in last.Annots)  # on the certification's page
    assert "Signature Field Name: allekirjoitus" in pdfsig(tmp_path / f"{EXTRACT}.pdf")


# --- bad input: one line each, exit 1, nothing written ----------------------------------------


@pytest.mark.parametrize(
    ("file", "password", "message"),
    [
        ("valid.p12", "väärä", "cannot open: wrong password, or not a PKCS#12 file"),
        ("expired.p12", PASSWORD, f"the certificate of Tiina Todistaja expired on {(NOW - 2 * DAY).day}."),
        ("future.p12", PASSWORD, "the certificate of Tiina Todistaja is valid only from "),
        ("encrypt-only.p12", PASSWORD, "the certificate of Tiina Todistaja is not for signing"),
        ("missing.p12", PASSWORD, "no such file (the certifier's PKCS#12 file, .p12 or .pfx)"),
    ],
)
def test_a_bad_signing_key_is_one_line_and_writes_nothing(
    pki: Pki, tmp_path: Path, file: str, password: str, message: str
) -> None:
    out = tmp_path / "out"
    result = sign(out, pki.folder / file, password=password)
    assert result.code == 1 and "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert line.startswith(f"{pki.folder / file}: {message}")
    assert not out.exists()


def test_no_password_and_no_terminal_is_a_usage_error(pki: Pki, tmp_path: Path) -> None:
    result = sign(tmp_path / "out", pki.folder / "valid.p12", password=None)
    assert (result.code, result.err) == (
        2,
        "error: --sign: the file's password: set SOMEOHJE_SIGN_PASSWORD or run in a terminal to be asked\n",
    )
    assert not (tmp_path / "out").exists()


def test_a_timestamp_needs_a_signature(tmp_path: Path) -> None:
    from helpers import run_cli

    result = run_cli("extract", str(REPO), "--meeting", "kvalt-2022-06-14", "--timestamp", "http://127.0.0.1:9/")
    assert (result.code, result.err.strip()) == (
        2,
        "error: --timestamp: a timestamp is for a signature: give --sign FILE.p12 too",
    )


def test_an_unreachable_timestamp_server_writes_nothing(pki: Pki, tmp_path: Path) -> None:
    result = sign(tmp_path / "out", pki.folder / "valid.p12", "--format", "pdf", "--timestamp", "http://127.0.0.1:9/")
    assert result.code == 1 and result.err.startswith("--timestamp: http://127.0.0.1:9/: no timestamp")
    assert len(result.err.splitlines()) == 1 and not (tmp_path / "out").exists()
