"""Finnish typography of running text."""

from __future__ import annotations

import datetime as dt

from someohje.finnish import NBSP, finnish_date, section_sign, smart_text


def test_dates_have_no_leading_zeros() -> None:
    assert finnish_date(dt.date(2022, 6, 7)) == "7.6.2022"
    assert finnish_date(dt.date(2019, 11, 4)) == "4.11.2019"


def test_section_sign_binds_to_its_number_both_ways() -> None:
    assert section_sign(37) == f"§{NBSP}37"
    assert smart_text("käsitteli 4.11.2019 § 258.") == f"käsitteli 4.11.2019 §{NBSP}258."
    assert smart_text("Kuntalain (410/2015) 29 § velvoittaa") == f"Kuntalain (410/2015) 29{NBSP}§ velvoittaa"
    assert smart_text("Hallintosäännön 6 §:n mukaan") == f"Hallintosäännön 6{NBSP}§:n mukaan"


def test_straight_quotes_become_finnish_quotes_and_hyphens_stay() -> None:
    assert (
        smart_text('esimerkiksi "Korjattu" ja RauDno-2020-792') == "esimerkiksi \u201dKorjattu\u201d ja RauDno-2020-792"
    )


def test_a_suspended_hyphen_binds_to_the_conjunction() -> None:
    assert smart_text("työ- ja virkasuhde") == f"työ-{NBSP}ja virkasuhde"
    assert smart_text("vesi- tai sähkökatko") == f"vesi-{NBSP}tai sähkökatko"
    assert smart_text("asuin-, yritys- ja matkailu") == f"asuin-, yritys-{NBSP}ja matkailu"
    assert smart_text("RauDno-2020-792 ja vapaa-aika") == "RauDno-2020-792 ja vapaa-aika"
