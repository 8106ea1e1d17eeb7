//! Comités locaux École-entreprise de démonstration : comités, membres, historique de réunions
//! (présences, comptes rendus, décisions, actions ouvertes ou closes) et actions vers les élèves.

use super::reunions::{self, personne, ReunionDemo};
use crate::annuaire::{academies, bassins, etablissements, organisations};
use crate::clee::{actions, comites};
use crate::{Erreur, Resultat};
use rusqlite::Connection;
use serde::Deserialize;

const CLEE: &str = include_str!("../../../../assets/demo/clee.json");

#[derive(Deserialize)]
struct ComiteDemo {
    nom: String,
    academie: String,
    bassins: Vec<String>,
    support_uai: String,
    copilote_education: String,
    copilote_entreprise: String,
    charte_dans_jours: Option<i64>,
    statut: String,
    partenaires: String,
    /// (courriel, collège, rôle)
    membres: Vec<(String, String, String)>,
    reunions: Vec<ReunionDemo>,
    actions: Vec<ActionDemo>,
}

#[derive(Deserialize)]
struct ActionDemo {
    dans_jours: i64,
    #[serde(rename = "type")]
    type_: String,
    intitule: String,
    filles: i64,
    garcons: i64,
    enseignants: i64,
    etablissements: Vec<String>,
    organisations: Vec<String>,
}

pub fn charger(conn: &Connection) -> Resultat<()> {
    let liste: Vec<ComiteDemo> =
        serde_json::from_str(CLEE).map_err(|e| Erreur::Demo(e.to_string()))?;
    let jour = chrono::Local::now().date_naive();
    let relatif = |n: i64| crate::dates::francaise(jour + chrono::Duration::days(n));
    for c in liste {
        let academie = academies::trouver(conn, &c.academie)?;
        let saisie = comites::SaisieComite {
            nom: c.nom.clone(),
            academie_id: Some(academie.id),
            bassin_ids: c
                .bassins
                .iter()
                .map(|b| bassins::trouver(conn, academie.id, b).map(|b| b.id))
                .collect::<Resultat<_>>()?,
            etablissement_support_id: Some(etablissements::trouver_uai(conn, &c.support_uai)?.id),
            copilote_education_id: Some(personne(conn, &c.copilote_education)?),
            copilote_entreprise_id: Some(personne(conn, &c.copilote_entreprise)?),
            date_charte: c.charte_dans_jours.map(relatif).unwrap_or_default(),
            statut: c.statut,
            partenaires: c.partenaires,
        };
        let comite =
            comites::creer(conn, &saisie).map_err(|e| Erreur::Demo(format!("{} : {e}", c.nom)))?;
        for (email, college, role) in &c.membres {
            let s = comites::SaisieMembre {
                personne_id: Some(personne(conn, email)?),
                college: college.clone(),
                role: role.clone(),
            };
            comites::ajouter_membre(conn, comite.id, &s)?;
        }
        reunions::charger(
            conn,
            crate::reunions::Cadre::Comite(comite.id),
            c.reunions,
            jour,
        )?;
        for a in c.actions {
            let s = actions::SaisieActionClee {
                comite_id: Some(comite.id),
                date: relatif(a.dans_jours),
                type_: a.type_,
                intitule: a.intitule,
                filles: a.filles.to_string(),
                garcons: a.garcons.to_string(),
                enseignants: a.enseignants.to_string(),
                convention_id: None,
                etablissement_ids: a
                    .etablissements
                    .iter()
                    .map(|u| etablissements::trouver_uai(conn, u).map(|e| e.id))
                    .collect::<Resultat<_>>()?,
                organisation_ids: a
                    .organisations
                    .iter()
                    .map(|o| organisations::trouver_nom(conn, o).map(|o| o.id))
                    .collect::<Resultat<_>>()?,
            };
            actions::creer(conn, &s)?;
        }
    }
    Ok(())
}
