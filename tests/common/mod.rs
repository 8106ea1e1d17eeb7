//! Aides partagées par les tests d'intégration : texte des PDF (pdftotext), comptes de lignes,
//! dates et bases de départ. Chaque fichier de tests n'en utilise qu'une partie.
#![allow(dead_code)]

use chrono::NaiveDate;
use passerelle_core::{base, dates, parametres, Connection};
use std::path::Path;
use std::process::Command;

/// Une date écrite JJ/MM/AAAA.
pub fn d(s: &str) -> NaiveDate {
    dates::lire(s).unwrap()
}

/// Les messages mettent des espaces insécables dans les guillemets ; les tests écrivent des espaces.
pub fn sans_nbsp(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

/// Nombre de lignes d'une table.
pub fn compter(c: &Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
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

/// Le texte d'un PDF produit en mémoire (sans -layout : dans l'ordre de lecture), sur une ligne.
pub fn octets_pdf_en_ligne(octets: &[u8]) -> String {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("x.pdf");
    std::fs::write(&f, octets).unwrap();
    en_ligne(&lancer_pdftotext(&f, false, None))
}
