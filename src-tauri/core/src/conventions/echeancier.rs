//! L'échéancier : tout ce qui arrive à terme d'ici une date (préavis, fins, évaluations),
//! trié par date, avec le nombre de jours restants ; en texte, CSV ou iCalendar.

use super::fiches::{self, FiltreConventions};
use crate::ics::{self, Evenement, Quand};
use crate::liste::ParametresListe;
use crate::{dates, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// Statuts d'une convention dont les échéances comptent encore.
const STATUTS_VIVANTS: &[&str] = &["projet", "en_signature", "en_vigueur", "signee_hors_outil"];

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Echeance {
    pub date: NaiveDate,
    /// « preavis », « fin », « evaluation ».
    pub nature: &'static str,
    pub libelle: String,
    pub convention_id: i64,
    pub convention: String,
    pub jours_restants: i64,
}

fn libelle(nature: &str) -> &'static str {
    match nature {
        "preavis" => "Dernier jour pour dénoncer ou ne pas renouveler (préavis)",
        "fin" => "Échéance de la convention",
        _ => "Date limite de l'évaluation",
    }
}

/// Échéances entre `depuis` et `jusqu_au` (bornes comprises), triées par date.
pub fn echeances(conn: &Connection, depuis: NaiveDate, jusqu_au: NaiveDate) -> Resultat<Vec<Echeance>> {
    let f = FiltreConventions { liste: ParametresListe { limite: Some(100_000), ..Default::default() }, ..Default::default() };
    let mut v = Vec::new();
    for c in fiches::lister(conn, &f)?.lignes.into_iter().filter(|c| STATUTS_VIVANTS.contains(&c.statut.as_str())) {
        for (nature, date) in [("preavis", c.limite_preavis), ("fin", c.echeance), ("evaluation", c.limite_evaluation)] {
            if let Some(d) = date.filter(|d| *d >= depuis && *d <= jusqu_au) {
                v.push(Echeance {
                    date: d,
                    nature,
                    libelle: libelle(nature).to_string(),
                    convention_id: c.id,
                    convention: c.titre.clone(),
                    jours_restants: (d - depuis).num_days(),
                });
            }
        }
    }
    v.sort_by(|a, b| (a.date, a.convention_id).cmp(&(b.date, b.convention_id)));
    Ok(v)
}

/// D'aujourd'hui à `jours` jours (par défaut l'horizon réglé dans Paramètres).
pub fn a_venir(conn: &Connection, jours: Option<u32>) -> Resultat<Vec<Echeance>> {
    let jours = match jours {
        Some(j) => j,
        None => crate::parametres::horizons(conn)?.echeances,
    };
    let aujourdhui = chrono::Local::now().date_naive();
    echeances(conn, aujourdhui, aujourdhui + chrono::Days::new(jours as u64))
}

pub fn en_texte(v: &[Echeance]) -> String {
    if v.is_empty() {
        return "Aucune échéance sur la période.\n".into();
    }
    v.iter()
        .map(|e| format!("{}  (J-{:>3})  {} — {}\n", dates::francaise(e.date), e.jours_restants, e.libelle, e.convention))
        .collect()
}

pub fn en_csv(v: &[Echeance]) -> String {
    let mut s = String::from("\u{feff}");
    s += &crate::bilans::ligne_csv(&["date", "jours_restants", "nature", "libelle", "convention_id", "convention"].map(String::from));
    for e in v {
        s += &crate::bilans::ligne_csv(&[
            dates::francaise(e.date),
            e.jours_restants.to_string(),
            e.nature.to_string(),
            e.libelle.clone(),
            e.convention_id.to_string(),
            e.convention.clone(),
        ]);
    }
    s
}

pub fn en_ics(v: &[Echeance], horodatage: chrono::NaiveDateTime) -> String {
    let evenements: Vec<Evenement> = v
        .iter()
        .map(|e| Evenement {
            uid: format!("{}-convention-{}@passerelle", e.nature, e.convention_id),
            quand: Quand::Journee(e.date),
            resume: format!("{} : {}", e.libelle, e.convention),
            description: format!("Échéance suivie dans Passerelle (convention n° {}).", e.convention_id),
            lieu: String::new(),
            organisateur: None,
            participants: Vec::new(),
        })
        .collect();
    ics::calendrier(&evenements, horodatage)
}
