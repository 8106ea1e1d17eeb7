//! Aides partagées par les tests d'intégration : texte des PDF (pdftotext), calendriers .ics
//! relus par un lecteur indépendant, comptes de lignes, dates et bases de départ. Chaque
//! fichier de tests n'en utilise qu'une partie.
#![allow(dead_code)]

use chrono::NaiveDate;
use icalendar::{CalendarComponent, Component, Event};
use passerelle_core::{base, dates, parametres, Connection, Erreur, Resultat};
use std::path::Path;
use std::process::Command;

/// Une date écrite JJ/MM/AAAA.
pub fn d(s: &str) -> NaiveDate {
    dates::lire(s).unwrap()
}

/// Les messages mettent des espaces insécables dans les guillemets ; les tests écrivent des
/// espaces.
pub fn sans_nbsp(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

/// Nombre de lignes d'une table.
pub fn compter(c: &Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Nombre de lignes d'une table d'une base sur disque, lu sans rien y écrire.
pub fn compter_dans(db: &Path, table: &str) -> i64 {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    compter(&c, table)
}

/// Une organisation de type `type_` (un code : « entreprise », « cma »…) nommée `nom`, créée
/// comme dans la fenêtre ; rend son identifiant.
pub fn organisation(c: &Connection, type_: &str, nom: &str) -> i64 {
    use passerelle_core::annuaire::organisations::{creer, SaisieOrganisation};
    let s = SaisieOrganisation {
        type_: type_.into(),
        nom: nom.into(),
        ..Default::default()
    };
    creer(c, &s).unwrap().id
}

/// Une base en mémoire chargée des données de démonstration.
pub fn base_demo_en_memoire() -> Connection {
    let c = base::en_memoire().unwrap();
    parametres::choisir_accueil(&c, true).unwrap();
    c
}

/// Le texte d'un PDF par pdftotext (poppler-utils), les espaces insécables des nombres devenus
/// des espaces ordinaires. `mise_en_page` : option -layout ; `page` : cette page seule.
fn lancer_pdftotext(pdf: &Path, mise_en_page: bool, page: Option<usize>) -> String {
    let mut c = Command::new("pdftotext");
    if mise_en_page {
        c.arg("-layout");
    }
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let o = c
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).replace(['\u{202f}', '\u{a0}'], " ")
}

/// Le texte mis en page (-layout) d'un fichier PDF, ou d'une seule de ses pages.
pub fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    lancer_pdftotext(pdf, true, page)
}

/// Un texte sur une seule ligne : les blancs successifs réduits à une espace.
pub fn en_ligne(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Le texte mis en page d'un fichier PDF, sur une seule ligne.
pub fn pdf_en_ligne(pdf: &Path) -> String {
    en_ligne(&pdftotext(pdf, None))
}

/// Le texte d'un fichier PDF sans -layout (dans l'ordre de lecture), sur une seule ligne.
pub fn texte_pdf_en_ligne(pdf: &Path) -> String {
    en_ligne(&lancer_pdftotext(pdf, false, None))
}

/// Le texte d'un PDF produit en mémoire (sans -layout : dans l'ordre de lecture), sur une ligne.
pub fn octets_pdf_en_ligne(octets: &[u8]) -> String {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("x.pdf");
    std::fs::write(&f, octets).unwrap();
    texte_pdf_en_ligne(&f)
}

/// Les événements d'un calendrier .ics, lus par un lecteur iCalendar indépendant du nôtre (crate
/// `icalendar`) : lignes repliées, paramètres entre guillemets et texte échappé compris.
pub fn evenements_ics(texte: &str) -> Vec<Event> {
    let calendrier: icalendar::Calendar = texte
        .parse()
        .unwrap_or_else(|e| panic!("calendrier illisible : {e}\n{texte}"));
    calendrier
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Les participants (ATTENDEE) d'un événement : (nom affiché CN, adresse « mailto: »).
pub fn participants_ics(e: &Event) -> Vec<(String, String)> {
    e.multi_properties()
        .get("ATTENDEE")
        .into_iter()
        .flatten()
        .map(|p| {
            let nom = p.params().get("CN").map(|c| c.value().to_string());
            (nom.unwrap_or_default(), p.value().to_string())
        })
        .collect()
}

/// Le résultat de `f`, en échouant si `f` a arrêté le programme (panique).
pub fn sans_panique<T>(quoi: &str, f: impl FnOnce() -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| panic!("{quoi} : panique"))
}

/// Le message de l'erreur de validation portée par `champ`.
pub fn message_sous(champ: &str, r: Resultat<impl std::fmt::Debug>) -> String {
    match r {
        Err(Erreur::Validation(v)) => {
            v.into_iter()
                .find(|c| c.champ == champ)
                .unwrap_or_else(|| panic!("pas de message sous « {champ} »"))
                .message
        }
        autre => panic!("attendu une erreur sous « {champ} » : {autre:?}"),
    }
}

/// Les intitulés des actions IPE que la liste rend pour cette recherche.
pub fn actions_trouvees(c: &Connection, q: &str) -> Vec<String> {
    use passerelle_core::ipe::actions::{lister, FiltreActions};
    let f = FiltreActions {
        liste: passerelle_core::liste::ParametresListe {
            recherche: q.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    lister(c, &f)
        .unwrap()
        .lignes
        .into_iter()
        .map(|a| a.intitule)
        .collect()
}

/// L'index plein texte de `table` et la table disent la même chose (contrôle intégré de
/// FTS5) ; rend le nombre de déclencheurs qui tiennent cet index.
pub fn index_fts_verifie(c: &Connection, table: &str) -> i64 {
    c.execute(
        &format!("INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')"),
        [],
    )
    .unwrap();
    c.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB ?1 || '_fts_*'",
        [table],
        |r| r.get(0),
    )
    .unwrap()
}
