//! Avenants d'une convention (une nouvelle fin prolonge ou abrège) et historique de ses statuts.

use super::fiches::{lire, Convention, StatutConvention};
use crate::base::Ligne;
use crate::{dates, texte, Controle, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Avenant {
    pub id: i64,
    pub date: NaiveDate,
    pub objet: String,
    pub nouvelle_fin: Option<NaiveDate>,
}

pub fn avenants(conn: &Connection, convention_id: i64) -> Resultat<Vec<Avenant>> {
    crate::base::toutes(
        conn,
        "SELECT id, date, objet, nouvelle_fin FROM avenant WHERE convention_id = ?1 ORDER BY date, id",
        [convention_id],
    )
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieAvenant {
    pub date: String,
    pub objet: String,
    pub nouvelle_fin: String,
}

/// Ajoute un avenant ; s'il change la fin, toutes les dates dérivées suivent.
pub fn ajouter_avenant(
    conn: &Connection,
    convention_id: i64,
    s: &SaisieAvenant,
) -> Resultat<Convention> {
    let conv = lire(conn, convention_id)?;
    let mut c = Controle::default();
    let date = c.champ(
        "date",
        dates::lire(&s.date).map_err(|e| format!("Date de l'avenant : {e}")),
    );
    let objet = c.champ(
        "objet",
        texte::obligatoire("L'objet de l'avenant", &s.objet),
    );
    let fin = c
        .champ(
            "nouvelle_fin",
            dates::lire_facultative(&s.nouvelle_fin).map_err(|e| format!("Nouvelle fin : {e}")),
        )
        .flatten();
    if let Some(f) = fin.filter(|f| *f < conv.date_effet) {
        c.ajouter(
            "nouvelle_fin",
            format!(
                "La nouvelle fin ({}) précède la date d'effet ({}).",
                dates::francaise(f),
                dates::francaise(conv.date_effet)
            ),
        );
    }
    c.fin()?;
    conn.execute(
        "INSERT INTO avenant (convention_id, date, objet, nouvelle_fin) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            convention_id,
            date.map(dates::iso),
            objet,
            fin.map(dates::iso)
        ],
    )?;
    lire(conn, convention_id)
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct ChangementDeStatut {
    pub statut: StatutConvention,
    pub date: NaiveDate,
}

/// Historique des statuts, le plus ancien d'abord.
pub fn statuts(conn: &Connection, convention_id: i64) -> Resultat<Vec<ChangementDeStatut>> {
    crate::base::toutes(
        conn,
        "SELECT statut, date FROM convention_statut WHERE convention_id = ?1 ORDER BY date, id",
        [convention_id],
    )
}
