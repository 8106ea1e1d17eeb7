//! Annuaire partagé par tous les modules : académies, bassins, établissements, organisations,
//! personnes, et les listes de référence que l'interface affiche dans ses menus.

pub mod academies;
pub mod annuaire_education;
pub mod bassins;
pub mod donnees_personnelles;
pub mod etablissements;
pub mod organisations;
pub mod personnes;
pub mod recherche;
pub mod validation;

use crate::vocabulaire::Choix;
use crate::Resultat;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

/// Listes de référence pour les formulaires et filtres : une seule source, côté Rust.
#[derive(Debug, Serialize)]
pub struct References {
    pub academies: Vec<academies::Academie>,
    pub secteurs: Vec<String>,
    /// Toutes les listes de codes (types, statuts, collèges…) avec leurs libellés.
    pub codes: BTreeMap<&'static str, Vec<Choix>>,
}

pub fn references(conn: &Connection) -> Resultat<References> {
    Ok(References {
        academies: academies::lister(conn)?,
        secteurs: organisations::secteurs(conn)?,
        codes: crate::vocabulaire::listes(),
    })
}

/// Nombre d'enregistrements de l'annuaire saisis par l'utilisateur (les académies n'en sont pas).
pub fn compter(conn: &Connection) -> Resultat<Comptes> {
    let n = |table: &str| -> Resultat<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Comptes {
        bassins: n("bassin")?,
        etablissements: n("etablissement")?,
        organisations: n("organisation")?,
        personnes: n("personne")?,
    })
}

#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Comptes {
    pub bassins: i64,
    pub etablissements: i64,
    pub organisations: i64,
    pub personnes: i64,
}

impl Comptes {
    pub fn vide(&self) -> bool {
        *self == Comptes::default()
    }
}
