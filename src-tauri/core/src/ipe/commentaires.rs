//! Commentaires du délégué pour un bilan (par thème, et la conclusion), rangés par année,
//! période et périmètre pour que chaque bilan retrouve les siens.

use crate::Resultat;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Ce qui identifie un bilan : « ipe », 2007, « civile », « national » ou le code d'académie.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CleBilan {
    pub bilan: String,
    pub annee: i32,
    pub periode: crate::dates::GenrePeriode,
    pub perimetre: String,
}

pub fn lire(conn: &Connection, cle: &CleBilan) -> Resultat<BTreeMap<String, String>> {
    let mut st = conn.prepare(
        "SELECT rubrique, texte FROM commentaire_bilan WHERE bilan = ?1 AND annee = ?2 AND periode = ?3 AND perimetre = ?4",
    )?;
    let v = st
        .query_map(
            rusqlite::params![cle.bilan, cle.annee, cle.periode, cle.perimetre],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Enregistre (ou efface, si le texte est vide) le commentaire d'une rubrique.
pub fn ecrire(conn: &Connection, cle: &CleBilan, rubrique: &str, texte: &str) -> Resultat<()> {
    let texte = texte.trim();
    if texte.is_empty() {
        conn.execute(
            "DELETE FROM commentaire_bilan WHERE bilan = ?1 AND annee = ?2 AND periode = ?3 AND perimetre = ?4 AND rubrique = ?5",
            rusqlite::params![cle.bilan, cle.annee, cle.periode, cle.perimetre, rubrique],
        )?;
    } else {
        conn.execute(
            "INSERT INTO commentaire_bilan (bilan, annee, periode, perimetre, rubrique, texte) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (bilan, annee, periode, perimetre, rubrique) DO UPDATE SET texte = excluded.texte",
            rusqlite::params![cle.bilan, cle.annee, cle.periode, cle.perimetre, rubrique, texte],
        )?;
    }
    Ok(())
}
