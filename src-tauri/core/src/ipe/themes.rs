//! Thèmes des actions IPE : les 14 thèmes du bilan 2007, posés par la migration, et ceux que
//! l'utilisateur ajoute.

use crate::base::Ligne;
use crate::{texte, Controle, Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Theme {
    pub id: i64,
    pub code: String,
    pub libelle: String,
    pub ordre: i64,
}

#[derive(Debug, Default, Deserialize)]
pub struct SaisieTheme {
    pub libelle: String,
}

pub fn lister(conn: &Connection) -> Resultat<Vec<Theme>> {
    crate::base::toutes(
        conn,
        "SELECT id, code, libelle, ordre FROM theme_ipe ORDER BY ordre, id",
        [],
    )
}

/// Retrouve un thème par son code (« stages ») ou son libellé, accents et casse ignorés.
pub fn trouver(conn: &Connection, code_ou_libelle: &str) -> Resultat<Option<Theme>> {
    let cle = texte::normaliser(code_ou_libelle).replace(' ', "_");
    let tous: Vec<Theme> =
        crate::base::toutes(conn, "SELECT id, code, libelle, ordre FROM theme_ipe", [])?;
    Ok(tous
        .into_iter()
        .find(|t| t.code == cle || texte::normaliser(&t.libelle).replace(' ', "_") == cle))
}

/// Ajoute un thème ; son code est dérivé du libellé et ne change plus ensuite.
pub fn creer(conn: &Connection, s: &SaisieTheme) -> Resultat<Theme> {
    let mut c = Controle::default();
    let libelle = c.champ(
        "libelle",
        texte::obligatoire("Le libellé du thème", &s.libelle),
    );
    if let Some(l) = &libelle {
        if trouver(conn, l)?.is_some() {
            c.ajouter("libelle", format!("Le thème « {l} » existe déjà."));
        }
    }
    c.fin()?;
    let libelle = libelle.unwrap_or_default();
    let code: String = texte::normaliser(&libelle)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let ordre: i64 = conn.query_row(
        "SELECT coalesce(max(ordre), 0) + 1 FROM theme_ipe",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO theme_ipe (code, libelle, ordre) VALUES (?1, ?2, ?3)",
        rusqlite::params![code, libelle, ordre],
    )?;
    let id = conn.last_insert_rowid();
    crate::base::une(
        conn,
        "SELECT id, code, libelle, ordre FROM theme_ipe WHERE id = ?1",
        [id],
    )?
    .ok_or_else(|| Erreur::Introuvable("Thème introuvable après création.".into()))
}
