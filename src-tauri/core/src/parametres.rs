//! Réglages rangés dans la base, et le choix du premier démarrage.

use crate::{annuaire, demo, Resultat};
use rusqlite::{Connection, OptionalExtension};

pub fn lire(conn: &Connection, cle: &str) -> Resultat<Option<String>> {
    Ok(conn
        .query_row("SELECT valeur FROM parametre WHERE cle = ?1", [cle], |r| {
            r.get(0)
        })
        .optional()?)
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

/// Horizons de l'échéancier, en jours : ce que montre le tableau de bord, et ce qui est urgent.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Horizons {
    pub echeances: u32,
    pub alerte: u32,
}

/// Horizon le plus lointain, en jours (dix ans) : au-delà, les dates calculées sortiraient
/// du calendrier.
pub const HORIZON_MAX_JOURS: u32 = 3650;

/// Les horizons réglés ; une valeur illisible ou hors limites (base écrite ailleurs) est
/// remplacée par la valeur par défaut.
pub fn horizons(conn: &Connection) -> Resultat<Horizons> {
    let lire_jours = |cle: &str, defaut: u32| -> Resultat<u32> {
        Ok(lire(conn, cle)?
            .and_then(|v| v.trim().parse().ok())
            .filter(|j| (1..=HORIZON_MAX_JOURS).contains(j))
            .unwrap_or(defaut))
    };
    Ok(Horizons {
        echeances: lire_jours("horizon_echeances", 90)?,
        alerte: lire_jours("horizon_alerte", 30)?,
    })
}

pub fn ecrire_horizons(conn: &Connection, h: &Horizons) -> Resultat<Horizons> {
    let mut c = crate::Controle::default();
    if !(1..=HORIZON_MAX_JOURS).contains(&h.echeances) {
        c.ajouter(
            "echeances",
            "L'horizon de l'échéancier doit être compris entre 1 et 3 650 jours.",
        );
    }
    if h.alerte == 0 || h.alerte > h.echeances {
        c.ajouter("alerte", "Le seuil d'alerte doit être d'au moins 1 jour et ne pas dépasser l'horizon de l'échéancier.");
    }
    c.fin()?;
    ecrire(conn, "horizon_echeances", &h.echeances.to_string())?;
    ecrire(conn, "horizon_alerte", &h.alerte.to_string())?;
    Ok(*h)
}
