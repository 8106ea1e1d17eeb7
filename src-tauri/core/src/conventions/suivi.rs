//! Le groupe de suivi d'une convention : ses membres et la règle du nombre de réunions par an.
//! Les réunions elles-mêmes (présences, compte rendu, décisions, actions) sont celles du module
//! `reunions`, communes avec les comités locaux École-entreprise.

use crate::base::Ligne;
use crate::reunions::{self, Cadre};
use crate::{liste, Erreur, Resultat};
use chrono::Datelike;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Membre {
    pub id: i64,
    pub personne_id: i64,
    pub nom: String,
    pub fonction: String,
    pub rattachement: Option<String>,
    pub role: String,
}

pub fn membres(conn: &Connection, convention_id: i64) -> Resultat<Vec<Membre>> {
    crate::base::toutes(
        conn,
        "SELECT m.id, m.personne_id, p.nom || ' ' || p.prenom AS nom, p.fonction, coalesce(o.nom, e.nom) AS rattachement, m.role
         FROM suivi_membre m JOIN personne p ON p.id = m.personne_id
         LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN etablissement e ON e.id = p.etablissement_id
         WHERE m.convention_id = ?1 ORDER BY normaliser(p.nom), p.prenom", [convention_id])
}

pub fn ajouter_membre(
    conn: &Connection,
    convention_id: i64,
    personne_id: Option<i64>,
    role: &str,
) -> Resultat<Vec<Membre>> {
    liste::exiger(conn, "convention", convention_id, "La convention")?;
    let Some(p) = liste::existant(conn, "personne", personne_id)? else {
        return Err(Erreur::validation(
            "personne_id",
            "Choisissez la personne dans l'annuaire.",
        ));
    };
    let deja: Option<i64> = crate::base::une(
        conn,
        "SELECT id FROM suivi_membre WHERE convention_id = ?1 AND personne_id = ?2",
        [convention_id, p],
    )?;
    if deja.is_some() {
        return Err(Erreur::validation(
            "personne_id",
            "Cette personne est déjà membre du groupe de suivi.",
        ));
    }
    conn.execute(
        "INSERT INTO suivi_membre (convention_id, personne_id, role) VALUES (?1, ?2, ?3)",
        rusqlite::params![convention_id, p, role.trim()],
    )?;
    membres(conn, convention_id)
}

/// La règle « au moins N réunions par an » : nombre tenues ou prévues dans l'année.
pub fn reunions_dans_l_annee(conn: &Connection, convention_id: i64, annee: i32) -> Resultat<usize> {
    Ok(reunions::lister(conn, Cadre::Convention(convention_id))?
        .iter()
        .filter(|r| r.date.year() == annee)
        .count())
}
