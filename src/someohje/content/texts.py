"""The generated texts: every word someohje writes into a document itself.

A declarative table, long on purpose: each entry is stated once, with its
Finnish and its Swedish form (a bilingual municipality publishes both,
Kielilaki 423/2003), so that a document whose ``language:`` is ``sv-FI``
comes out wholly Swedish and a Finnish one exactly as before. Everything
else a document shows is the municipality's own (``content/``), never
generated.

An entry is a :meth:`str.format` pattern: ``{body}`` and the like are filled
by the code that uses it, and an entry without fields is used as it is. A
municipality overrides an entry per language in its theme::

    texts:
      sv:
        approved: "Godkänd av {body} {when}"

:func:`read_overrides` checks each override through the one field reader:
an unknown language or key is a ``file:line:`` problem with a "did you
mean", and an override must use exactly the fields of the entry it
replaces. :class:`Words` is the table for one document: its language, with
the theme's overrides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

#: the languages the table holds, in the order of its columns
LANGUAGES = ("fi", "sv")

#: key -> (Finnish, Swedish)
TEXTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # --- status marks (document.status) ---------------------------------------------
        "status.draft": ("LUONNOS", "UTKAST"),
        "status.proposal": ("EHDOTUS", "FÖRSLAG"),
        "status.consolidated": ("AJANTASAINEN VERSIO", "UPPDATERAD VERSION"),
        "status.seal_broken": ("SINETÖITY TEKSTI MUUTETTU", "FÖRSEGLAD TEXT ÄNDRAD"),
        # --- approval lines (record.stages, document.guideline) -------------------------
        "approval.approved": ("Hyväksytty: {body} {when}", "Godkänd: {body} {when}"),
        "approval.proposed": ("{genitive} ehdotus {allative} ({ref})", "{genitive} förslag {allative} ({ref})"),
        "approval.pending": ("Luonnos {allative} käsiteltäväksi {when}", "Utkast {allative} för behandling {when}"),
        "approval.returned": (
            "Palautettu uudelleen valmisteluun: {body} {when}",
            "Återremitterad för ny beredning: {body} {when}",
        ),
        "approval.amended": ("{first}; muutettu: {later}", "{first}; ändrad: {later}"),
        # --- dates and § the sources do not give (model) --------------------------------
        "unknown.date": ("päivämäärä ei tiedossa", "datum okänt"),
        "unknown.date_in_year": ("{year} (päivämäärä ei tiedossa)", "{year} (datum okänt)"),
        "unknown.paragraph": ("§ ei tiedossa", "§ okänd"),
        "unknown.paragraph_cell": ("ei tiedossa", "okänd"),
        "meeting.title": ("{body}, kokous {date}", "{body}, sammanträde {date}"),
        # --- the identification block (document.ident) ----------------------------------
        "ident.type": ("Asiakirja", "Handling"),
        "ident.date": ("Päivämäärä", "Datum"),
        "ident.diary": ("Diaarinumero", "Diarienummer"),
        "ident.stamp": ("Merkintä", "Anteckning"),
        "ident.status": ("Tila", "Status"),
        "stamp.attachment": ("Liite {number}", "Bilaga {number}"),
        "title.attachment": ("liite {number}", "bilaga {number}"),
        # --- the decision history (document.guideline) ----------------------------------
        "history.title": ("Käsittelyhistoria", "Behandlingshistorik"),
        "history.anchor": ("kasittelyhistoria", "behandlingshistorik"),
        "history.body": ("Toimielin", "Organ"),
        "history.meeting": ("Kokous", "Sammanträde"),
        "history.decision": ("Päätös", "Beslut"),
        "history.caption": ("Asian {diary} käsittelyvaiheet", "Behandlingsskedena i ärende {diary}"),
        "outcome.in_force": (" Voimaan {date}.", " I kraft från {date}."),
        "outcome.pending": ("Käsiteltävänä; ei vielä päätetty.", "Under behandling; ännu inte avgjort."),
        "outcome.pending_changes": (" Muutosehdotukset: {changes}.", " Ändringsförslag: {changes}."),
        "outcome.returned": ("Palautti asian uudelleen valmisteluun.", "Återremitterade ärendet för ny beredning."),
        "outcome.proposed_changes": (
            "Ehdotti muutoksia ({changes}) ja esitti ne {allative} hyväksyttäviksi.",
            "Föreslog ändringar ({changes}) och överlämnade dem {allative} för godkännande.",
        ),
        "outcome.proposed": (
            "Hyväksyi ohjeen ja esitti sen {allative} hyväksyttäväksi.",
            "Godkände texten och överlämnade den {allative} för godkännande.",
        ),
        "outcome.own_changes": (" sekä omia muutoksia: {changes}", " samt egna ändringar: {changes}"),
        "outcome.approved_proposed": (
            "Hyväksyi ehdotetut muutokset ({changes}){own} (merkitty tekstiin).",
            "Godkände de föreslagna ändringarna ({changes}){own} (markerade i texten).",
        ),
        "outcome.approved_with": (
            "Hyväksyi ohjeen {changes} (merkitty tekstiin).",
            "Godkände texten {changes} (markerade i texten).",
        ),
        "outcome.approved": ("Hyväksyi ohjeen.", "Godkände texten."),
        # --- counting amendments: digits (the history), words (the notes) ---------------
        "and": ("ja", "och"),
        "numbers.cardinal": (
            "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen",
            "en två tre fyra fem sex sju åtta nio tio",
        ),
        "numbers.with": (
            "yhdellä kahdella kolmella neljällä viidellä kuudella seitsemällä kahdeksalla yhdeksällä kymmenellä",
            "en två tre fyra fem sex sju åtta nio tio",
        ),
        "changes.with": ("{parts}", "med {parts}"),
        "insert.one": ("{n} lisäys", "{n} tillägg"),
        "insert.many": ("{n} lisäystä", "{n} tillägg"),
        "insert.with_one": ("yhdellä lisäyksellä", "ett tillägg"),
        "insert.with_many": ("{n} lisäyksellä", "{n} tillägg"),
        "replace.one": ("{n} muutos", "{n} ändring"),
        "replace.many": ("{n} muutosta", "{n} ändringar"),
        "replace.with_one": ("yhdellä muutoksella", "en ändring"),
        "replace.with_many": ("{n} muutoksella", "{n} ändringar"),
        "delete.one": ("{n} poisto", "{n} strykning"),
        "delete.many": ("{n} poistoa", "{n} strykningar"),
        "delete.with_one": ("yhdellä poistolla", "en strykning"),
        "delete.with_many": ("{n} poistolla", "{n} strykningar"),
        # --- a change's source in the text (record.amendments) --------------------------
        "source.corrected": ("; kirjoitusasu korjattu", "; stavningen rättad"),
        "source.insert_proposed": ("(Lisäysehdotus {ref}{fixed})", "(Tilläggsförslag {ref}{fixed})"),
        "source.insert_own": ("({ref}, lisäys {number}{fixed})", "({ref}, tillägg {number}{fixed})"),
        "source.inserted": ("(Lisätty {ref}{fixed})", "(Tillagt {ref}{fixed})"),
        "source.delete_proposed": ("(Poistoehdotus {ref}{fixed})", "(Strykningsförslag {ref}{fixed})"),
        "source.replace_proposed": ("(Muutosehdotus {ref}{fixed})", "(Ändringsförslag {ref}{fixed})"),
        "source.deleted": ("(Poistettu {ref}{fixed})", "(Struket {ref}{fixed})"),
        "source.replaced": ("(Muutettu {ref}{fixed})", "(Ändrat {ref}{fixed})"),
        # --- the provenance note of a reconstructed text (record.provenance) ------------
        "provenance.prefix": ("Tekstin alkuperä:", "Textens ursprung:"),
        "provenance.reconstruction": (
            "{prefix} ohjeen sanamuoto on laadittu jälkikäteen asian {diary} päätösasiakirjojen perusteella, "
            "eikä se ole toimielimen hyväksymä sanamuoto.",
            "{prefix} textens ordalydelse har utarbetats i efterhand utifrån beslutshandlingarna i ärende {diary} "
            "och är inte den ordalydelse som ett organ har godkänt.",
        ),
        "provenance.record": ("Päätöstiedot ovat pöytäkirjan mukaiset.", "Beslutsuppgifterna följer protokollet."),
        "provenance.pending": (
            "Käsiteltävänä olevat muutosehdotukset on merkitty tekstiin lähteineen.",
            "De ändringsförslag som är under behandling är markerade i texten med sina källor.",
        ),
        "provenance.unrecorded": (
            "{genitive} {when} päätöksessä ohje hyväksyttiin \u201d{changes}\u201d; mitä ne olivat, ei käy ilmi "
            "lähteistä, eikä niitä ole merkitty tekstiin.",
            "I {lower} beslut {when} godkändes texten \u201d{changes}\u201d; vad de var framgår inte av "
            "källorna, och de är inte markerade i texten.",
        ),
        "provenance.decided_one": ("päättämä", "beslutade"),
        "provenance.decided_many": ("päättämät", "beslutade"),
        "provenance.decided": (
            "{who} {verb} {what} on merkitty tekstiin lähteineen pöytäkirjan sanamuodossa{spelled}.",
            "{what} enligt {lower} beslut {when} är markerade i texten med sina källor i protokollets "
            "ordalydelse{spelled}.",
        ),
        "provenance.spelled": (", kirjoitusvirheet korjattuina ({fixes})", ", med skrivfelen rättade ({fixes})"),
        "provenance.where_extract": ("pöytäkirjanotteessa ({ref})", "i protokollsutdraget ({ref})"),
        "provenance.where_minutes": ("pöytäkirjassa", "i protokollet"),
        "provenance.recorded": (
            "Pöytäkirjaan kirjattu sanamuoto on {where}.",
            "Den ordalydelse som förts in i protokollet finns {where}.",
        ),
        "noun.insert.one": ("lisäys", "tillägg"),
        "noun.insert.many": ("lisäystä", "tillägg"),
        "noun.replace.one": ("muutos", "ändring"),
        "noun.replace.many": ("muutosta", "ändringar"),
        "noun.delete.one": ("poisto", "strykning"),
        "noun.delete.many": ("poistoa", "strykningar"),
        # --- the text in force on a day (document.guideline) ----------------------------
        "consolidated.lead": (
            "Ohjeen teksti sellaisena kuin se on voimassa {day} lähteissä olevien päätösten mukaan; viimeisin "
            "huomioitu päätös on {ref}. Myöhemmistä päätöksistä, jotka eivät ole lähteissä, ei ole tietoa.",
            "Texten sådan den gäller {day} enligt besluten i källorna; det senaste beslutet som beaktats är {ref}. "
            "Om senare beslut som inte finns i källorna finns ingen uppgift.",
        ),
        "consolidated.from_decision": (
            " Päätöksen voimaantulopäivä ei ole tiedossa; voimassaolo on laskettu päätöspäivästä {date}.",
            " Beslutets ikraftträdandedag är inte känd; giltigheten har räknats från beslutsdagen {date}.",
        ),
        # --- the minutes extract (document.meeting) -------------------------------------
        "extract.type": ("Pöytäkirjanote", "Protokollsutdrag"),
        "extract.earlier": ("Aikaisempi käsittely", "Tidigare behandling"),
        "extract.earlier_anchor": ("aikaisempi-kasittely", "tidigare-behandling"),
        "extract.in_year": ("{body} vuonna {year}", "{body} år {year}"),
        "extract.unknown_date": ("Kokouksen päivämäärä ei ole tiedossa.", "Sammanträdets datum är inte känt."),
        "extract.unknown_paragraph": ("Kokouksen pykälä ei ole tiedossa.", "Sammanträdets paragraf är inte känd."),
        "extract.unknown_both": (
            "Kokouksen päivämäärä ja pykälä eivät ole tiedossa.",
            "Sammanträdets datum och paragraf är inte kända.",
        ),
        "extract.preparer": ("Valmistelija", "Beredare"),
        "extract.reasoning": ("Perustelut", "Motivering"),
        "extract.proposal": ("Ehdotus", "Förslag"),
        "extract.presenter": ("Esittelijä:", "Föredragande:"),
        "extract.decision": ("Päätös", "Beslut"),
        "extract.distribution": ("Tiedoksi", "För kännedom"),
        "extract.subject": (
            "Ote {genitive} pöytäkirjasta {where}: {title}",
            "Utdrag ur {genitive} protokoll {where}: {title}",
        ),
        "extract.description": (
            "Pöytäkirjaan kirjatut tekstit on lainattu pöytäkirjasta sanatarkasti.",
            "De texter som förts in i protokollet är citerade ordagrant ur protokollet.",
        ),
        # --- the certification (document.appeal, render.signature_field) ----------------
        "certify.label": ("Pöytäkirjanotteen oikeaksi todistaa", "Protokollsutdragets riktighet intygar"),
        "certify.place_date": ("Paikka ja päivämäärä", "Ort och datum"),
        "certify.signature": ("Allekirjoitus", "Underskrift"),
        "certify.signed": ("Allekirjoitettu sähköisesti", "Elektroniskt undertecknad"),
        "certify.sign_reason": (
            "Pöytäkirjanotteen oikeaksi todistaminen",
            "Intygande av protokollsutdragets riktighet",
        ),
        "certify.time": ("{date} klo {time}", "{date} kl. {time}"),
        "certify.name": ("Nimenselvennys ja virka-asema", "Namnförtydligande och tjänsteställning"),
        "certify.tooltip": (
            "Allekirjoitus: pöytäkirjanotteen oikeaksi todistajan sähköinen allekirjoitus",
            "Underskrift: elektronisk underskrift av den som intygar protokollsutdragets riktighet",
        ),
        # --- the redline (document.redline) ---------------------------------------------
        "redline.type": ("Muutosvertailu", "Ändringsjämförelse"),
        "redline.title": ("{title}: muutokset {before} – {after}", "{title}: ändringar {before} – {after}"),
        "redline.legend_title": ("Muutosmerkinnät", "Ändringsmarkeringar"),
        "redline.legend_stages": (
            "Tämä asiakirja näyttää, miten ohjeen teksti muuttui vaiheesta \u201d{before}\u201d "
            "vaiheeseen \u201d{after}\u201d.",
            "Denna handling visar hur texten ändrades från skedet \u201d{before}\u201d "
            "till skedet \u201d{after}\u201d.",
        ),
        "redline.legend_marks": (
            "Lisätty teksti on alleviivattu ja värillinen, poistettu teksti yliviivattu ja eri värillä. "
            "Muuttumatonta tekstiä ei ole merkitty.",
            "Tillagd text är understruken och färgad, struken text överstruken och i en annan färg. "
            "Oförändrad text är inte markerad.",
        ),
        "redline.legend_docx": (
            "DOCX-versiossa muutokset ovat jäljitettyjä muutoksia, jotka voi hyväksyä tai hylätä "
            "tekstinkäsittelyohjelmassa. Niiden tekijäksi on merkitty asiakirjan tuottaja, {producer}, "
            "ei toimielin, eikä niillä ole päivämäärää.",
            "I DOCX-versionen är ändringarna spårade ändringar som kan godkännas eller avvisas i "
            "ordbehandlingsprogrammet. Som deras upphovsman anges handlingens producent, {producer}, "
            "inte ett organ, och de har inget datum.",
        ),
        # --- stable file names (ASCII words) --------------------------------------------
        "file.attachment": ("liite", "bilaga"),
        "file.extract": ("poytakirjanote", "protokollsutdrag"),
        "file.redline": ("muutokset", "andringar"),
        "file.consolidated": ("ajantasainen", "uppdaterad"),
        "file.archival": ("arkisto", "arkiv"),
        # --- what every renderer adds (render) ------------------------------------------
        "contents.title": ("Sisällys", "Innehåll"),
        "contents.anchor": ("sisallys", "innehall"),
        "html.footnotes": ("Alaviitteet", "Fotnoter"),
        "html.footnote_back": ("Takaisin alaviitteen kohtaan", "Tillbaka till fotnotens plats"),
        "html.footnote_anchor": ("alaviite", "fotnot"),
        "html.footnote_call_anchor": ("alaviiteviittaus", "fotnotshanvisning"),
        "html.footnotes_anchor": ("alaviitteet", "fotnoter"),
        "html.table": ("Taulukko", "Tabell"),
        "html.collection": ("Kokoelma", "Samling"),
        "html.versions": ("Kieliversiot", "Språkversioner"),
        "html.collection_link": ("Kaikki säännöt ja ohjeet", "Alla stadgor och anvisningar"),
        "html.statement_link": ("Saavutettavuusseloste", "Tillgänglighetsutlåtande"),
        # --- the collection's site: the index (collection.catalogue) ---------------------
        "site.title": ("{organisation}: säännöt ja ohjeet", "{organisation}: stadgor och anvisningar"),
        "site.heading": ("Säännöt ja ohjeet", "Stadgor och anvisningar"),
        "site.search": ("Haku", "Sökning"),
        "site.search_label": ("Hae sanalla asiakirjojen tekstistä", "Sök med ett ord i handlingarnas text"),
        "site.search_button": ("Hae", "Sök"),
        "site.hits_one": ("Osumia: {n} asiakirja", "Träffar: {n} handling"),
        "site.hits_many": ("Osumia: {n} asiakirjaa", "Träffar: {n} handlingar"),
        "site.no_hits": ("Ei osumia.", "Inga träffar."),
        "site.count_one": ("{type}: {n} asiakirja", "{type}: {n} handling"),
        "site.count_many": ("{type}: {n} asiakirjaa", "{type}: {n} handlingar"),
        "site.column.document": ("Asiakirja", "Handling"),
        "site.column.diary": ("Diaarinumero", "Diarienummer"),
        "site.column.status": ("Tila", "Status"),
        "site.column.decision": ("Päätös", "Beslut"),
        "site.column.changed": ("Viimeksi muutettu", "Senast ändrad"),
        "site.column.files": ("Tiedostot", "Filer"),
        "site.kilobytes": ("kt", "kB"),
        "site.status.in-force": ("Hyväksytty, voimaantulopäivä tiedossa", "Godkänd, ikraftträdandedagen känd"),
        "site.status.approved": ("Hyväksytty, voimaantulopäivä ei tiedossa", "Godkänd, ikraftträdandedagen okänd"),
        "site.status.proposal": ("Ehdotus", "Förslag"),
        "site.status.draft": ("Luonnos", "Utkast"),
        "site.status.catalogue": (
            "Luettelotieto (teksti ei ole kokoelmassa)",
            "Katalogpost (texten finns inte i samlingen)",
        ),
        "site.approved_on": ("Hyväksytty {date} · {effect}", "Godkänd {date} · {effect}"),
        "site.amended_on": ("Muutettu {date} · {effect}", "Ändrad {date} · {effect}"),
        "site.effect": ("voimaan {date}", "i kraft från {date}"),
        "site.effect_unknown": ("voimaantulopäivä ei tiedossa", "ikraftträdandedagen okänd"),
        "site.handled": ("Käsitelty: {body} {when}", "Behandlad: {body} {when}"),
        # --- the collection's site: the accessibility statement (collection.accessibility) --
        "statement.title": (
            "Saavutettavuusseloste: {organisation}, säännöt ja ohjeet",
            "Tillgänglighetsutlåtande: {organisation}, stadgor och anvisningar",
        ),
        "statement.law": (
            "laki digitaalisten palvelujen tarjoamisesta (306/2019)",
            "lagen om tillhandahållande av digitala tjänster (306/2019)",
        ),
        "statement.intro": (
            "Tämä seloste koskee sivustoa, jolla {organisation} julkaisee sääntönsä ja ohjeensa. Julkisen "
            "sektorin verkkosivuilla on oltava saavutettavuusseloste ({law}).",
            "Detta utlåtande gäller webbplatsen där {organisation} publicerar sina stadgor och anvisningar. "
            "Den offentliga sektorns webbplatser ska enligt {law} ha ett tillgänglighetsutlåtande.",
        ),
        "statement.scope_heading": ("Mitä seloste koskee", "Vad utlåtandet gäller"),
        "statement.scope": (
            "Sivuston {index}, tätä selostetta ja seuraavia asiakirjoja verkkosivuina sekä niiden PDF-, DOCX- "
            "ja Akoma Ntoso -tiedostoja:",
            "Utlåtandet gäller webbplatsens {index}, detta utlåtande och följande handlingar som webbsidor "
            "samt deras PDF-, DOCX- och Akoma Ntoso-filer:",
        ),
        "statement.index_link": ("hakemistosivua", "indexsida"),
        "statement.catalogue": (
            "Hakemistosivulla on lisäksi luettelotiedot asiakirjoista, joiden teksti ei ole sivustolla: {titles}.",
            "Indexsidan har dessutom katalogposter om handlingar vars text inte finns på webbplatsen: {titles}.",
        ),
        "statement.state_heading": ("Saavutettavuuden tila", "Tillgänglighetsstatus"),
        "statement.conformance": (
            "Sivusto täyttää WCAG 2.1 -ohjeiston AA-tason vaatimukset {partly}.",
            "Webbplatsen uppfyller {partly} kraven på nivå AA i WCAG 2.1.",
        ),
        "statement.partly": ("osittain", "delvis"),
        "statement.basis": (
            "Arvio perustuu someohje-työkalun automaattisiin tarkistuksiin, jotka sen testit ajavat "
            "jokaiselle sen tuottamalle sivulle ja tiedostolle:",
            "Bedömningen grundar sig på verktyget someohjes automatiska kontroller, som dess tester kör på "
            "varje sida och fil som verktyget producerar:",
        ),
        "statement.check_axe": (
            "axe-core (WCAG 2.1 A- ja AA-tason säännöt) Chromium-selaimessa: ei havaittuja virheitä verkkosivuilla",
            "axe-core (reglerna för nivå A och AA i WCAG 2.1) i webbläsaren Chromium: inga upptäckta fel på "
            "webbsidorna",
        ),
        "statement.check_nu": (
            "Nu HTML Checker: ei virheitä verkkosivujen HTML-koodissa",
            "Nu HTML Checker: inga fel i webbsidornas HTML-kod",
        ),
        "statement.check_pdf": (
            "page-validation: PDF-tiedostot täyttävät PDF/UA-1-vaatimukset, arkistoversiot myös PDF/A-3a-vaatimukset",
            "page-validation: PDF-filerna uppfyller kraven i PDF/UA-1, arkivversionerna även kraven i PDF/A-3a",
        ),
        "statement.partial": (
            "Automaattiset tarkistukset kattavat vain osan WCAG 2.1 -kriteereistä. Siksi sivusto ilmoitetaan "
            "vaatimukset osittain täyttäväksi, kunnes loput kriteerit on arvioitu.",
            "Automatiska kontroller täcker bara en del av kriterierna i WCAG 2.1. Därför anges att webbplatsen "
            "delvis uppfyller kraven, tills de övriga kriterierna har bedömts.",
        ),
        "statement.gaps_heading": ("Tiedossa olevat puutteet", "Kända brister"),
        "statement.gap_reconstruction": (
            "{title}: teksti on jälkikäteen päätösasiakirjoista laadittu rekonstruktio, ei toimielimen "
            "hyväksymä sanamuoto (asiakirja kertoo tämän alussa).",
            "{title}: texten är en rekonstruktion som utarbetats i efterhand utifrån beslutshandlingarna, "
            "inte den ordalydelse som ett organ har godkänt (handlingen säger detta i början).",
        ),
        "statement.gap_screen_readers": (
            "Sivustoa ja sen tiedostoja ei ole testattu ruudunlukuohjelmilla; tarkistukset ovat automaattisia.",
            "Webbplatsen och dess filer har inte testats med skärmläsare; kontrollerna är automatiska.",
        ),
        "statement.gap_docx": (
            "DOCX-tiedostoista tarkistetaan rakenne (otsikko- ja luettelotyylit, kieli), ei saavutettavuutta "
            "saavutettavuustyökalulla.",
            "I DOCX-filerna kontrolleras strukturen (rubrik- och listformat, språk), inte tillgängligheten "
            "med ett tillgänglighetsverktyg.",
        ),
        "statement.gap_akn": (
            "Akoma Ntoso -tiedostot (XML) ovat tietojärjestelmiä varten; sama sisältö on verkkosivuna.",
            "Akoma Ntoso-filerna (XML) är avsedda för informationssystem; samma innehåll finns som webbsida.",
        ),
        "statement.gap_search": (
            "Haku toimii JavaScriptillä, kun sivusto on verkkopalvelimella; ilman niitä asiakirjat löytyvät "
            "hakemistosivun luettelosta.",
            "Sökningen fungerar med JavaScript när webbplatsen finns på en webbserver; utan dem hittas "
            "handlingarna i indexsidans förteckning.",
        ),
        "statement.gap_templates": (
            "Sivusto käyttää omia sivupohjia ({templates}), joita edellä mainitut tarkistukset eivät kata: "
            "ne on tarkistettava erikseen.",
            "Webbplatsen använder egna sidmallar ({templates}) som kontrollerna ovan inte täcker: de måste "
            "kontrolleras separat.",
        ),
        "statement.feedback_heading": ("Palaute", "Respons"),
        "statement.feedback": (
            "Huomasitko sivustolla saavutettavuuspuutteen? Kerro siitä meille: {feedback}",
            "Upptäckte du en tillgänglighetsbrist på webbplatsen? Meddela oss: {feedback}",
        ),
        "statement.supervisor_heading": ("Valvontaviranomainen", "Tillsynsmyndighet"),
        "statement.supervisor": (
            "Jos et ole tyytyväinen saamaasi vastaukseen, voit ilmoittaa asiasta valvontaviranomaiselle: {supervisor}",
            "Om du inte är nöjd med svaret du har fått kan du anmäla saken till tillsynsmyndigheten: {supervisor}",
        ),
        "statement.date_heading": ("Selosteen päiväys", "Utlåtandets datum"),
        "statement.date_note": (
            "kokoelman viimeisimmän päätöksen päivä; seloste kuvaa sivuston sellaisena kuin päätökset sen antavat",
            "dagen för samlingens senaste beslut; utlåtandet beskriver webbplatsen sådan som besluten ger den",
        ),
        #: what the municipality must still give, visibly marked ("TÄYDENNÄ" is the placeholders' mark)
        "statement.missing": ("TÄYDENNÄ: {what}", "KOMPLETTERA: {what}"),
        "statement.missing_feedback": (
            "palautekanava (project.yaml, accessibility: {block}feedback)",
            "kanal för respons (project.yaml, accessibility: {block}feedback)",
        ),
        "statement.missing_supervisor": (
            "valvontaviranomainen yhteystietoineen (project.yaml, accessibility: {block}supervisor)",
            "tillsynsmyndigheten med kontaktuppgifter (project.yaml, accessibility: {block}supervisor)",
        ),
        "statement.missing_date": (
            "selosteen päivämäärä (project.yaml, accessibility: date)",
            "utlåtandets datum (project.yaml, accessibility: date)",
        ),
        "docx.decision": ("Päätös", "Beslut"),
        "docx.date_accepted": ("Hyväksymispäivä", "Godkännandedatum"),
        "docx.date_submitted": ("Ehdotuksen päivämäärä", "Förslagets datum"),
        "docx.date_valid": ("Tilannepäivä", "Lägesdatum"),
        # the municipal styles' names in Word's style list (render.docx_styles)
        "docx.style.amendment": ("Lisäys", "Tillägg"),
        "docx.style.label": ("Kenttänimi", "Fältnamn"),
        "docx.style.record": ("Pöytäkirjateksti", "Protokolltext"),
        "docx.style.certification": ("Oikeaksi todistaminen", "Intygande"),
        "docx.style.note": ("Huomautus", "Anmärkning"),
        "docx.style.draft": ("Luonnosmerkintä", "Utkastmarkering"),
        "docx.style.stamp": ("Liitemerkintä", "Bilagemarkering"),
        "docx.style.approval": ("Hyväksymismerkintä", "Godkännandemarkering"),
        "docx.style.table_text": ("Taulukkoteksti", "Tabelltext"),
        "docx.style.label_run": ("Kenttänimi Char", "Fältnamn Char"),
        "docx.style.source": ("Lähdeviite", "Källhänvisning"),
        "pdf.decision_data": ("Päätöstiedot (asia {diary})", "Beslutsuppgifter (ärende {diary})"),
        "akn.proposed": ("ehdotettu", "föreslagen"),
        "akn.returned": ("palautettu uudelleen valmisteluun", "återremitterad för ny beredning"),
        "akn.approved": ("hyväksytty", "godkänd"),
        "akn.pending": ("käsiteltävänä", "under behandling"),
    }
)

_FIELD = re.compile(r"\{([a-z_]*)\}")


def fields_of(text: str) -> set[str]:
    """The ``{field}`` names of a pattern."""
    return set(_FIELD.findall(text))


def column(language: str) -> int:
    """The column of ``language`` (a BCP 47 tag) in :data:`TEXTS`: Swedish
    for ``sv``, Finnish for any other (the default, and a language the table
    does not hold)."""
    primary = language.split("-")[0].lower()
    return LANGUAGES.index(primary) if primary in LANGUAGES else 0


class Words:
    """The generated texts of one document: :data:`TEXTS` in its language,
    with the theme's overrides for that language."""

    __slots__ = ("_column", "language", "overrides")

    def __init__(self, language: str = "fi-FI", overrides: Mapping[str, str] | None = None) -> None:
        self.language = language
        self.overrides: Mapping[str, str] = dict(overrides or {})  # picklable: a PDF worker gets it
        self._column = column(language)

    @property
    def code(self) -> str:
        """``fi`` or ``sv``: the column the texts come from."""
        return LANGUAGES[self._column]

    def __call__(self, key: str, **values: object) -> str:
        """The entry ``key`` with its ``{fields}`` filled from ``values``
        (``KeyError`` for a key the table does not have: a program error)."""
        text = self.overrides.get(key) or TEXTS[key][self._column]
        return text.format(**values) if values else text

    def number(self, key: str, n: int) -> str:
        """``n`` in words from the list ``key`` (``numbers.cardinal``,
        ``numbers.with``) up to ten, in digits above."""
        names = self(key).split()
        return names[n - 1] if 1 <= n <= len(names) else str(n)

    def __repr__(self) -> str:
        return f"Words({self.language!r})"


FINNISH = Words("fi-FI")  #: the default: a document whose language is Finnish, or not in the table
