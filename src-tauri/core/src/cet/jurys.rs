//! Ce qu'un CET a fait : les jurys d'examen qu'il a tenus et les animations du réseau
//! auxquelles il a été invité ou a participé.

use super::registre::lire;
use crate::base::Ligne;
use crate::vocabulaire::Code;
use crate::{dates, texte, Controle, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Jury {
    pub id: i64,
    pub session: String,
    pub diplome: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieJury {
    pub session: String,
    pub diplome: String,
    pub date: String,
}

pub fn jurys(conn: &Connection, cet_id: i64) -> Resultat<Vec<Jury>> {
    crate::base::toutes(
        conn,
        "SELECT id, session, diplome, date FROM cet_jury WHERE cet_id = ?1 ORDER BY date DESC, id DESC",
        [cet_id],
    )
}

pub fn ajouter_jury(conn: &Connection, cet_id: i64, s: &SaisieJury) -> Resultat<Vec<Jury>> {
    lire(conn, cet_id)?;
    let mut c = Controle::default();
    let session = c.champ("session", texte::obligatoire("La session", &s.session));
    let diplome = c.champ("diplome", texte::obligatoire("Le diplôme", &s.diplome));
    let date = c.champ(
        "date",
        dates::lire(&s.date).map_err(|e| format!("Date du jury : {e}")),
    );
    c.fin()?;
    conn.execute(
        "INSERT INTO cet_jury (cet_id, session, diplome, date) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![cet_id, session, diplome, date.map(dates::iso)],
    )?;
    jurys(conn, cet_id)
}

/// Participations du CET aux animations du réseau, la plus récente d'abord.
#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Participation {
    pub reunion_id: i64,
    pub date: NaiveDate,
    #[ligne(avec = libelle_reunion)]
    pub type_: String,
    pub theme: String,
    pub etat: Option<String>,
}

/// Le libellé du type de la réunion, tel que la fiche l'affiche.
fn libelle_reunion(t: crate::reunions::TypeReunion) -> String {
    t.libelle().into()
}

pub fn participations(conn: &Connection, cet_id: i64) -> Resultat<Vec<Participation>> {
    let x = lire(conn, cet_id)?;
    crate::base::toutes(
        conn,
        "SELECT r.id AS reunion_id, r.date, r.type AS type_, coalesce(a.theme, '') AS theme, rp.etat
         FROM reunion r LEFT JOIN animation_cet a ON a.reunion_id = r.id
         LEFT JOIN reunion_presence rp ON rp.reunion_id = r.id AND rp.personne_id = ?1
         WHERE r.academie_id IS NOT NULL
           AND (rp.personne_id IS NOT NULL OR EXISTS (SELECT 1 FROM reunion_invite i WHERE i.reunion_id = r.id AND i.personne_id = ?1))
         ORDER BY r.date DESC, r.id DESC",
        [x.personne_id],
    )
}
