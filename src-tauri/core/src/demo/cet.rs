//! Réseau de démonstration des conseillers entreprise pour l'École : le registre passe par
//! l'import (comme un fichier de l'académie), ses mandats sont ramenés à l'année en cours, puis
//! viennent des participations aux jurys et quatre années d'animations avec leurs présences.

use crate::annuaire::{academies, etablissements, organisations};
use crate::cet::{animations, import, registre};
use crate::reunions::{self, SaisieReunion};
use crate::{Erreur, Resultat};
use chrono::{Datelike, Months};
use rusqlite::Connection;
use serde::Deserialize;

const CET: &[u8] = include_bytes!("../../../../assets/demo/cet.csv");
const ANIMATIONS: &str = include_str!("../../../../assets/demo/animations-cet.json");
/// Année pour laquelle les dates de `cet.csv` sont écrites.
const ANNEE_DU_FICHIER: i32 = 2026;

#[derive(Deserialize)]
struct AnimationDemo {
    academie: String,
    mois_avant: i32,
    #[serde(rename = "type")]
    type_: String,
    theme: String,
    secteurs: Vec<String>,
    lieu_uai: String,
    heure: String,
    coorganisateurs: Vec<String>,
}

pub fn charger(conn: &Connection) -> Resultat<()> {
    import::importer(conn, CET, None, false, &crate::travail::Suivi::default())?;
    let jour = chrono::Local::now().date_naive();
    let decalage = format!("{:+} years", jour.year() - ANNEE_DU_FICHIER);
    conn.execute(
        "UPDATE mandat_cet SET debut = date(debut, ?1), fin = date(fin, ?1), date_arrete = date(date_arrete, ?1)",
        [&decalage],
    )?;
    jurys_de_juin(conn, jour)?;
    let liste: Vec<AnimationDemo> =
        serde_json::from_str(ANIMATIONS).map_err(|e| Erreur::Demo(e.to_string()))?;
    for a in liste {
        let date = if a.mois_avant >= 0 {
            jour.checked_sub_months(Months::new(a.mois_avant as u32))
        } else {
            jour.checked_add_months(Months::new((-a.mois_avant) as u32))
        }
        .ok_or_else(|| Erreur::Demo("date d'animation hors calendrier".into()))?;
        let coorganisateur_ids = a
            .coorganisateurs
            .iter()
            .map(|o| {
                organisations::trouver_ou_creer(conn, o, "association", &mut Vec::new())
                    .map(|x| x.unwrap_or_default())
            })
            .collect::<Resultat<_>>()?;
        let s = animations::SaisieAnimation {
            academie_id: Some(academies::trouver(conn, &a.academie)?.id),
            reunion: SaisieReunion {
                type_: a.type_,
                date: crate::dates::francaise(date),
                heure: a.heure,
                etablissement_id: Some(etablissements::trouver_uai(conn, &a.lieu_uai)?.id),
                ..Default::default()
            },
            theme: a.theme,
            secteurs: a.secteurs,
            coorganisateur_ids,
            notes: String::new(),
        };
        let anim = animations::creer(conn, &s)?;
        animations::inviter_par_secteurs(conn, anim.reunion.id)?;
        if date >= jour {
            continue;
        }
        pointer_presences(conn, anim.reunion.id)?;
    }
    Ok(())
}

/// Un CET sur quatre a siégé dans un jury en juin dernier.
fn jurys_de_juin(conn: &Connection, jour: chrono::NaiveDate) -> Resultat<()> {
    let session = if jour.month() >= 7 {
        jour.year()
    } else {
        jour.year() - 1
    };
    let liste: Vec<(i64, String)> =
        crate::base::toutes(conn, "SELECT id, specialites FROM cet WHERE id % 4 = 0", [])?;
    for (id, specialites) in liste {
        let diplome = specialites
            .split(" ; ")
            .next()
            .filter(|d| !d.is_empty())
            .unwrap_or("Baccalauréat professionnel")
            .to_string();
        let s = registre::SaisieJury {
            session: format!("Session {session}"),
            diplome,
            date: format!("{:02}/06/{session}", 10 + id % 15),
        };
        registre::ajouter_jury(conn, id, &s)?;
    }
    Ok(())
}

/// Présences passées, réparties de façon reproductible ; certains CET ne viennent jamais.
fn pointer_presences(conn: &Connection, r: i64) -> Resultat<()> {
    for p in reunions::presences(conn, r)? {
        let h = (p.personne_id * 31 + r * 17) % 10;
        let etat = if p.personne_id % 19 == 0 {
            "absent"
        } else if h < 6 {
            "present"
        } else if h < 8 {
            "excuse"
        } else {
            "absent"
        };
        reunions::marquer_presence(conn, r, p.personne_id, etat)?;
    }
    Ok(())
}
