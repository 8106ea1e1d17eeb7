//! Réglages rangés dans la base, et le choix du premier démarrage.

use crate::{annuaire, demo, Resultat};
use rusqlite::{Connection, OptionalExtension};

pub fn lire(conn: &Connection, cle: &str) -> Resultat<Option<String>> {
    Ok(conn.query_row("SELECT valeur FROM parametre WHERE cle = ?1", [cle], |r| r.get(0)).optional()?)
}

pub fn ecrire(conn: &Connection, cle: &str, valeur: &str) -> Resultat<()> {
    conn.execute(
        "INSERT INTO parametre (cle, valeur) VALUES (?1, ?2) ON CONFLICT (cle) DO UPDATE SET valeur = excluded.valeur",
        [cle, valeur],
    )?;
    Ok(())
}

/// L'accueil s'affiche tant que la base est vide et qu'aucun choix n'a été fait.
pub fn accueil_requis(conn: &Connection) -> Resultat<bool> {
    Ok(lire(conn, "accueil")?.is_none() && annuaire::compter(conn)?.vide())
}

/// Premier démarrage : base vide, ou base remplie avec les données de démonstration.
pub fn choisir_accueil(conn: &Connection, demonstration: bool) -> Resultat<()> {
    if demonstration {
        demo::charger(conn)?;
    }
    ecrire(conn, "accueil", if demonstration { "demo" } else { "vide" })
}
