//! L'échéancier : tout ce qui arrive à terme d'ici une date (préavis, fins et évaluations des
//! conventions, réunions et actions de suivi, fins de mandat des CET), trié par date, avec le
//! nombre de jours restants ; en texte, CSV ou iCalendar.

use crate::conventions::fiches::{self, FiltreConventions, StatutConvention};
use crate::conventions::suivi;
use crate::ics::{self, Evenement, Quand};
use crate::liste::ParametresListe;
use crate::rapport::{Document, Genre};
use crate::reunions::Cadre;
use crate::vocabulaire::Code;
use crate::{dates, Resultat};
use chrono::Datelike;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Echeance {
    pub date: NaiveDate,
    pub nature: Nature,
    pub libelle: String,
    /// Écran de l'objet concerné (« conventions », « cet ») et son identifiant.
    pub module: &'static str,
    pub objet_id: i64,
    /// Titre de la convention, nom du CET.
    pub objet: String,
    pub jours_restants: i64,
    /// L'action de suivi en retard (nature « action ») : un cadre peut en avoir plusieurs.
    pub action_id: Option<i64>,
}

crate::codes! {
    /// Nature d'une échéance, avec le libellé qui l'annonce.
    pub enum Nature {
        Preavis = "preavis" => "Dernier jour pour dénoncer ou ne pas renouveler (préavis)",
        Fin = "fin" => "Échéance de la convention",
        Evaluation = "evaluation" => "Date limite de l'évaluation",
        Reunions = "reunions" => "Réunions du groupe de suivi insuffisantes cette année",
        Action = "action" => "Action de suivi en retard",
        MandatCet = "mandat_cet" => "Fin du mandat d'un conseiller entreprise pour l'École",
    }
}

/// Échéances entre `depuis` et `jusqu_au` (bornes comprises), triées par date.
pub fn echeances(
    conn: &Connection,
    depuis: NaiveDate,
    jusqu_au: NaiveDate,
) -> Resultat<Vec<Echeance>> {
    let mut v = Vec::new();
    echeances_des_conventions(conn, depuis, jusqu_au, &mut v)?;
    actions_en_retard_des_comites(conn, depuis, &mut v)?;
    fins_de_mandat(conn, depuis, jusqu_au, &mut v)?;
    v.sort_by(|a, b| (a.date, a.module, a.objet_id).cmp(&(b.date, b.module, b.objet_id)));
    Ok(v)
}

/// Préavis, fin, évaluation, réunions insuffisantes et actions de suivi en retard.
fn echeances_des_conventions(
    conn: &Connection,
    depuis: NaiveDate,
    jusqu_au: NaiveDate,
    v: &mut Vec<Echeance>,
) -> Resultat<()> {
    let f = FiltreConventions {
        liste: ParametresListe {
            limite: Some(100_000),
            ..Default::default()
        },
        ..Default::default()
    };
    for c in fiches::lister(conn, &f)?
        .lignes
        .into_iter()
        .filter(|c| c.statut.vivant())
    {
        let mut ajouter = |nature: Nature, d: NaiveDate, libelle: String, action_id| {
            v.push(Echeance {
                date: d,
                nature,
                libelle,
                module: "conventions",
                objet_id: c.id,
                objet: c.titre.clone(),
                jours_restants: (d - depuis).num_days(),
                action_id,
            })
        };
        for (nature, date) in [
            (Nature::Preavis, c.limite_preavis),
            (Nature::Fin, c.echeance),
            (Nature::Evaluation, c.limite_evaluation),
        ] {
            if let Some(d) = date.filter(|d| *d >= depuis && *d <= jusqu_au) {
                ajouter(nature, d, nature.libelle().to_string(), None);
            }
        }
        // Règle « au moins N réunions par an » (réunions tenues ou prévues dans l'année en cours).
        let fin_annee = NaiveDate::from_ymd_opt(depuis.year(), 12, 31);
        if let Some(fin_annee) = fin_annee.filter(|f| {
            c.statut == StatutConvention::EnVigueur && c.reunions_par_an > 0 && *f <= jusqu_au
        }) {
            let n = suivi::reunions_dans_l_annee(conn, c.id, depuis.year())?;
            if n < c.reunions_par_an as usize {
                let libelle = Nature::Reunions.libelle();
                let prevues = c.reunions_par_an;
                ajouter(
                    Nature::Reunions,
                    fin_annee,
                    format!("{libelle} : {n} sur {prevues} prévues"),
                    None,
                );
            }
        }
        // Les actions de suivi en retard restent affichées tant qu'elles sont ouvertes.
        for (d, libelle, action) in actions_en_retard(conn, Cadre::Convention(c.id), depuis)? {
            ajouter(Nature::Action, d, libelle, Some(action));
        }
    }
    Ok(())
}

/// Les actions de suivi ouvertes d'un cadre dont l'échéance est passée : (échéance, libellé,
/// identifiant de l'action).
fn actions_en_retard(
    conn: &Connection,
    cadre: Cadre,
    depuis: NaiveDate,
) -> Resultat<Vec<(NaiveDate, String, i64)>> {
    Ok(crate::reunions::actions(conn, cadre, None)?
        .into_iter()
        .filter(|a| a.close_le.is_none())
        .filter_map(|a| {
            let libelle = format!("{} : {}", Nature::Action.libelle(), a.intitule);
            a.echeance
                .filter(|d| *d < depuis)
                .map(|d| (d, libelle, a.id))
        })
        .collect())
}

/// Les actions de suivi des comités en retard, comme celles des conventions.
fn actions_en_retard_des_comites(
    conn: &Connection,
    depuis: NaiveDate,
    v: &mut Vec<Echeance>,
) -> Resultat<()> {
    for (id, nom) in crate::clee::comites::vivants(conn)? {
        for (d, libelle, action) in actions_en_retard(conn, Cadre::Comite(id), depuis)? {
            v.push(Echeance {
                date: d,
                nature: Nature::Action,
                libelle,
                module: "clee",
                objet_id: id,
                objet: nom.clone(),
                jours_restants: (d - depuis).num_days(),
                action_id: Some(action),
            });
        }
    }
    Ok(())
}

/// Les mandats finissent souvent ensemble (campagnes) : une ligne par date, qui mène au
/// registre quand plusieurs CET sont concernés (objet_id 0).
fn fins_de_mandat(
    conn: &Connection,
    depuis: NaiveDate,
    jusqu_au: NaiveDate,
    v: &mut Vec<Echeance>,
) -> Resultat<()> {
    let fins = crate::cet::mandats::fins_entre(conn, depuis, jusqu_au)?;
    for groupe in fins.chunk_by(|a, b| a.2 == b.2) {
        let (id, nom, fin) = groupe[0].clone();
        let (libelle, objet_id, objet) = match groupe.len() {
            1 => (Nature::MandatCet.libelle().to_string(), id, nom),
            n => (
                format!("Fin du mandat de {n} conseillers entreprise pour l'École"),
                0,
                "Registre des CET : mandats à renouveler".to_string(),
            ),
        };
        v.push(Echeance {
            date: fin,
            nature: Nature::MandatCet,
            libelle,
            module: "cet",
            objet_id,
            objet,
            jours_restants: (fin - depuis).num_days(),
            action_id: None,
        });
    }
    Ok(())
}

/// L'échéancier à l'horizon réglé, à enregistrer : « Échéancier 2026-12-02.ics » (pour l'agenda)
/// ou « .csv » (pour le tableur).
pub fn document_echeancier(conn: &Connection, format: &str) -> Resultat<Document> {
    let v = a_venir(conn, None)?;
    let titre = format!("Échéancier {}", dates::iso(crate::rapport::aujourdhui()));
    match format {
        "ics" => Ok(Document::nouveau(
            &titre,
            Genre::Ics,
            en_ics(&v, chrono::Utc::now().naive_utc()).into_bytes(),
        )),
        "csv" => Ok(Document::nouveau(
            &titre,
            Genre::Csv,
            en_csv(&v).into_bytes(),
        )),
        autre => Err(crate::Erreur::validation(
            "format",
            format!("Format inconnu : « {autre} » (ics ou csv)."),
        )),
    }
}

/// D'aujourd'hui à `jours` jours (par défaut l'horizon réglé dans Paramètres).
pub fn a_venir(conn: &Connection, jours: Option<u32>) -> Resultat<Vec<Echeance>> {
    let jours = match jours {
        Some(j) if j > crate::parametres::HORIZON_MAX_JOURS => {
            return Err(crate::Erreur::validation(
                "jours",
                "L'horizon de l'échéancier doit être compris entre 1 et 3 650 jours.",
            ))
        }
        Some(j) => j,
        None => crate::parametres::horizons(conn)?.echeances,
    };
    let aujourdhui = chrono::Local::now().date_naive();
    echeances(
        conn,
        aujourdhui,
        aujourdhui + chrono::Days::new(jours as u64),
    )
}

pub fn en_texte(v: &[Echeance]) -> String {
    if v.is_empty() {
        return "Aucune échéance sur la période.\n".into();
    }
    v.iter()
        .map(|e| {
            let quand = if e.jours_restants < 0 {
                format!("retard {} j", -e.jours_restants)
            } else {
                format!("J-{}", e.jours_restants)
            };
            format!(
                "{}  ({quand:>11})  {} — {}\n",
                dates::francaise(e.date),
                e.libelle,
                e.objet
            )
        })
        .collect()
}

pub fn en_csv(v: &[Echeance]) -> String {
    let mut lignes = vec![[
        "date",
        "jours_restants",
        "nature",
        "libelle",
        "module",
        "objet_id",
        "objet",
    ]
    .map(String::from)
    .to_vec()];
    for e in v {
        lignes.push(vec![
            dates::francaise(e.date),
            e.jours_restants.to_string(),
            e.nature.code().to_string(),
            e.libelle.clone(),
            e.module.to_string(),
            e.objet_id.to_string(),
            e.objet.clone(),
        ]);
    }
    crate::csv::ecrire(&lignes)
}

/// Identifiant iCalendar d'une échéance : nature, objet, date et, pour une action de suivi,
/// l'action. Le même export refait donne les mêmes identifiants (l'agenda met à jour au lieu
/// de doubler) ; deux échéances distinctes n'en partagent jamais un (l'agenda en perdrait une) :
/// les fins de mandat groupées (objet 0) diffèrent par leur date, les actions d'un même cadre
/// par leur identifiant.
fn uid(e: &Echeance) -> String {
    let action = e
        .action_id
        .map(|a| format!("-action{a}"))
        .unwrap_or_default();
    format!(
        "{}-{}-{}{action}-{}@passerelle",
        e.nature.code(),
        e.module,
        e.objet_id,
        e.date.format("%Y%m%d")
    )
}

pub fn en_ics(v: &[Echeance], horodatage: chrono::NaiveDateTime) -> String {
    let evenements: Vec<Evenement> = v
        .iter()
        .map(|e| Evenement {
            uid: uid(e),
            quand: Quand::Journee(e.date),
            resume: format!("{} : {}", e.libelle, e.objet),
            description: format!(
                "Échéance suivie dans Passerelle ({} n° {}).",
                match e.module {
                    "cet" => "CET",
                    "clee" => "comité",
                    _ => "convention",
                },
                e.objet_id
            ),
            lieu: String::new(),
            organisateur: None,
            participants: Vec::new(),
        })
        .collect();
    ics::calendrier(&evenements, horodatage)
}
