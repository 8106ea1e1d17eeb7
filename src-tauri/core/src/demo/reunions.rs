//! Réunions de démonstration (groupes de suivi et comités), datées par rapport au jour du
//! chargement, chargées par les fonctions du module `reunions`.

use crate::reunions::{self, Cadre};
use crate::{Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ReunionDemo {
    dans_jours: i64,
    #[serde(default, rename = "type")]
    type_: String,
    #[serde(default)]
    heure: String,
    #[serde(default)]
    lieu: String,
    /// Lieu pris dans l'annuaire : UAI d'un établissement.
    lieu_uai: Option<String>,
    #[serde(default)]
    actions: Vec<ActionSuiviDemo>,
    #[serde(default)]
    invites: Vec<String>,
    #[serde(default)]
    presents: Vec<String>,
    #[serde(default)]
    excuses: Vec<String>,
    #[serde(default)]
    absents: Vec<String>,
    /// (intitulé du point, compte rendu)
    #[serde(default)]
    points: Vec<(String, String)>,
    #[serde(default)]
    decisions: Vec<String>,
}

#[derive(Deserialize)]
struct ActionSuiviDemo {
    intitule: String,
    responsable: String,
    echeance_dans_jours: i64,
    close_dans_jours: Option<i64>,
}

/// La personne de l'annuaire de démonstration qui a ce courriel.
pub fn personne(conn: &Connection, email: &str) -> Resultat<i64> {
    conn.query_row("SELECT id FROM personne WHERE email = ?1", [email], |r| {
        r.get(0)
    })
    .map_err(|_| {
        Erreur::Demo(format!(
            "personne « {email} » absente de l'annuaire de démonstration"
        ))
    })
}

pub fn charger(
    conn: &Connection,
    cadre: Cadre,
    liste: Vec<ReunionDemo>,
    jour: NaiveDate,
) -> Resultat<()> {
    let date = |n: i64| crate::dates::francaise(jour + chrono::Duration::days(n));
    for r in liste {
        let etablissement_id = match &r.lieu_uai {
            Some(uai) => Some(crate::annuaire::etablissements::trouver_uai(conn, uai)?.id),
            None => None,
        };
        let saisie = reunions::SaisieReunion {
            type_: r.type_,
            date: date(r.dans_jours),
            heure: r.heure,
            lieu: r.lieu,
            etablissement_id,
            ..Default::default()
        };
        let reunion = reunions::creer(conn, cadre, &saisie)?;
        for email in &r.invites {
            reunions::inviter(conn, reunion.id, Some(personne(conn, email)?))?;
        }
        for (emails, etat) in [
            (&r.presents, "present"),
            (&r.excuses, "excuse"),
            (&r.absents, "absent"),
        ] {
            for email in emails {
                reunions::marquer_presence(conn, reunion.id, personne(conn, email)?, etat)?;
            }
        }
        for (intitule, compte_rendu) in &r.points {
            let p = reunions::ajouter_point(conn, reunion.id, intitule)?;
            reunions::ecrire_compte_rendu(
                conn,
                p.last().map(|x| x.id).unwrap_or_default(),
                compte_rendu,
            )?;
        }
        for d in &r.decisions {
            reunions::ajouter_decision(conn, reunion.id, d)?;
        }
        for a in r.actions {
            let s = reunions::SaisieActionSuivi {
                intitule: a.intitule.clone(),
                responsable_id: Some(personne(conn, &a.responsable)?),
                echeance: date(a.echeance_dans_jours),
                reunion_id: Some(reunion.id),
            };
            let cree = reunions::ajouter_action(conn, cadre, &s)?;
            if let (Some(n), Some(action)) = (
                a.close_dans_jours,
                cree.iter().find(|x| x.intitule == a.intitule),
            ) {
                reunions::clore_action(conn, action.id, jour + chrono::Duration::days(n))?;
            }
        }
    }
    Ok(())
}
