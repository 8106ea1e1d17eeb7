//! Dates à la française : saisie JJ/MM/AAAA (ou AAAA-MM-JJ), rangement AAAA-MM-JJ, années scolaires.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Années acceptées à l'entrée du cœur (saisies, imports, fenêtre, ligne de commande) : hors
/// de là, c'est une faute de frappe, et les calculs de dates sortiraient du calendrier.
pub const ANNEE_MIN: i32 = 1900;
pub const ANNEE_MAX: i32 = 2200;

/// Lit une année saisie (« 2007 ») et la borne comme `verifier_annee`.
pub fn lire_annee(saisie: &str) -> Result<i32, String> {
    let s = saisie.trim();
    s.parse::<i32>()
        .map_err(|_| {
            format!("L'année «\u{a0}{s}\u{a0}» s'écrit sur quatre chiffres, par exemple 2007.")
        })
        .and_then(verifier_annee)
}

/// Contrôle une année reçue telle quelle (bilans, filtres).
pub fn verifier_annee(annee: i32) -> Result<i32, String> {
    if (ANNEE_MIN..=ANNEE_MAX).contains(&annee) {
        Ok(annee)
    } else {
        Err(format!(
            "L'année {annee} est hors des limites acceptées ({ANNEE_MIN} à {ANNEE_MAX})."
        ))
    }
}

/// Lit une date saisie « 24/11/2026 » ou « 2026-11-24 ».
pub fn lire(saisie: &str) -> Result<NaiveDate, String> {
    let s = saisie.trim();
    let d = if s.contains('/') {
        NaiveDate::parse_from_str(s, "%d/%m/%Y")
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
    };
    match d {
        Ok(d) if (1900..=2200).contains(&d.year()) => Ok(d),
        _ if s.is_empty() => Err("La date est obligatoire.".into()),
        _ => Err(format!(
            "« {s} » n'est pas une date valide (attendu JJ/MM/AAAA, par exemple 24/11/2026)."
        )),
    }
}

/// Date facultative : vide → `None`.
pub fn lire_facultative(saisie: &str) -> Result<Option<NaiveDate>, String> {
    if saisie.trim().is_empty() {
        Ok(None)
    } else {
        lire(saisie).map(Some)
    }
}

/// 24/11/2026
pub fn francaise(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Forme rangée en base : 2026-11-24
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Forme rangée d'un horodatage, heure locale : 2008-01-15T10:02:00.
const HORODATAGE: &str = "%Y-%m-%dT%H:%M:%S";

/// L'instant présent (heure locale), sous sa forme rangée.
pub fn maintenant() -> String {
    chrono::Local::now().format(HORODATAGE).to_string()
}

/// Relit un horodatage rangé (2008-01-15T10:02:00).
pub fn lire_horodatage(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, HORODATAGE).ok()
}

/// « 2008-01-15T10:02:00 » → « 15/01/2008 10:02 » (`liaison` " "), ou « 15/01/2008 à 10:02 »
/// (" à ") ; le texte tel quel s'il ne se lit pas.
pub fn horodatage_fr(s: &str, liaison: &str) -> String {
    match lire_horodatage(s) {
        Some(d) => d.format(&format!("%d/%m/%Y{liaison}%H:%M")).to_string(),
        None => s.to_string(),
    }
}

/// Relit une date rangée en base.
pub fn depuis_iso(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Une date facultative lue en base (AAAA-MM-JJ ou NULL).
pub fn depuis_iso_facultative(v: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    v.map(|s| depuis_iso(&s)).transpose()
}

/// Année scolaire « 2025-2026 » qui contient la date (elle commence le 1er septembre).
pub fn annee_scolaire(d: NaiveDate) -> String {
    let debut = if d.month() >= 9 {
        d.year()
    } else {
        d.year() - 1
    };
    format!("{debut}-{}", debut + 1)
}

/// Nombre de jours du mois.
pub fn jours_du_mois(annee: i32, mois: u32) -> u32 {
    let premier = NaiveDate::from_ymd_opt(annee, mois, 1).expect("mois valide");
    let suivant = if mois == 12 {
        NaiveDate::from_ymd_opt(annee + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(annee, mois + 1, 1)
    };
    (suivant.expect("mois valide") - premier).num_days() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecture_et_ecriture() {
        let d = lire("24/11/2026").unwrap();
        assert_eq!(iso(d), "2026-11-24");
        assert_eq!(francaise(lire("2026-11-24").unwrap()), "24/11/2026");
        assert!(lire("31/02/2026")
            .unwrap_err()
            .contains("n'est pas une date valide"));
        assert!(lire("2026/11/24").is_err());
        assert!(lire("").unwrap_err().contains("obligatoire"));
        assert_eq!(lire_facultative(" ").unwrap(), None);
    }

    #[test]
    fn annees() {
        assert_eq!(lire_annee(" 1900 "), Ok(1900));
        assert!(lire_annee("07").unwrap_err().contains("hors des limites"));
        assert!(lire_annee("deux mille")
            .unwrap_err()
            .contains("quatre chiffres"));
    }

    #[test]
    fn horodatages() {
        assert_eq!(
            horodatage_fr("2008-01-15T10:02:00", " à "),
            "15/01/2008 à 10:02"
        );
        assert_eq!(
            horodatage_fr("2026-03-12T14:05:00", " "),
            "12/03/2026 14:05"
        );
        assert_eq!(horodatage_fr("hier", " à "), "hier");
        assert_eq!(
            lire_horodatage(&maintenant()).map(|d| d.date()),
            Some(chrono::Local::now().date_naive())
        );
    }

    #[test]
    fn annees_scolaires_et_mois() {
        assert_eq!(annee_scolaire(lire("31/08/2026").unwrap()), "2025-2026");
        assert_eq!(annee_scolaire(lire("01/09/2026").unwrap()), "2026-2027");
        assert_eq!(jours_du_mois(2024, 2), 29);
        assert_eq!(jours_du_mois(2023, 2), 28);
        assert_eq!(jours_du_mois(2007, 12), 31);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "annee", rename_all = "snake_case")]
pub enum Periode {
    /// Année civile.
    Civile(i32),
    /// Année scolaire commençant le 1er septembre de l'année donnée.
    Scolaire(i32),
}

impl Periode {
    /// L'année d'une période reçue de la fenêtre ou de la ligne de commande, bornée.
    pub fn verifier(&self) -> Result<(), String> {
        let a = self.annee();
        match self {
            Periode::Scolaire(_) if a >= ANNEE_MAX => Err(format!(
                "L'année scolaire {a}-{} est hors des limites acceptées ({ANNEE_MIN} à {ANNEE_MAX}).",
                a.saturating_add(1)
            )),
            _ => verifier_annee(a).map(|_| ()),
        }
    }
    /// Premier et dernier jour. Une année hors limites (que `verifier` aurait dû refuser) est
    /// ramenée dans les limites plutôt que d'arrêter le programme.
    pub fn bornes(&self) -> (NaiveDate, NaiveDate) {
        let d = |a: i32, m, j| {
            NaiveDate::from_ymd_opt(a.clamp(ANNEE_MIN - 1, ANNEE_MAX), m, j)
                .unwrap_or(NaiveDate::MIN)
        };
        match *self {
            Periode::Civile(a) => (d(a, 1, 1), d(a, 12, 31)),
            Periode::Scolaire(a) => {
                let a = a.clamp(ANNEE_MIN - 1, ANNEE_MAX - 1);
                (d(a, 9, 1), d(a + 1, 8, 31))
            }
        }
    }
    pub fn precedente(&self) -> Periode {
        match *self {
            Periode::Civile(a) => Periode::Civile(a.saturating_sub(1)),
            Periode::Scolaire(a) => Periode::Scolaire(a.saturating_sub(1)),
        }
    }
    /// « 2007 » ou « 2007-2008 ».
    pub fn libelle(&self) -> String {
        match *self {
            Periode::Civile(a) => a.to_string(),
            Periode::Scolaire(a) => format!("{a}-{}", a.saturating_add(1)),
        }
    }
    pub fn annee(&self) -> i32 {
        match *self {
            Periode::Civile(a) | Periode::Scolaire(a) => a,
        }
    }
    pub fn genre(&self) -> GenrePeriode {
        match self {
            Periode::Civile(_) => GenrePeriode::Civile,
            Periode::Scolaire(_) => GenrePeriode::Scolaire,
        }
    }
}

crate::codes! {
    /// Le genre d'une période de bilan, tel que les commentaires du bilan le stockent.
    pub enum GenrePeriode {
        Civile = "civile" => "Année civile",
        Scolaire = "scolaire" => "Année scolaire",
    }
}

/// Lit « 2025-2026 » (année scolaire) ; rend l'année de la rentrée.
pub fn lire_annee_scolaire(saisie: &str) -> Result<i32, String> {
    let t = saisie.trim();
    let erreur = || format!("L'année scolaire « {t} » s'écrit 2025-2026.");
    let (a, b) = t.split_once(['-', '/']).ok_or_else(erreur)?;
    let (a, b) = match (a.trim().parse::<i32>(), b.trim().parse::<i32>()) {
        (Ok(a), Ok(b)) if b.checked_sub(a) == Some(1) => (a, b),
        _ => return Err(erreur()),
    };
    if a < ANNEE_MIN || b > ANNEE_MAX {
        return Err(format!(
            "L'année scolaire « {t} » est hors des limites acceptées ({ANNEE_MIN}-{} à {}-{ANNEE_MAX}).",
            ANNEE_MIN + 1,
            ANNEE_MAX - 1
        ));
    }
    Ok(a)
}
