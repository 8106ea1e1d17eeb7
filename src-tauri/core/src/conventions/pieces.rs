//! Pièces jointes d'une convention : copiées à côté de la base (`pieces-jointes/convention-N/`),
//! pour que la base et ses documents voyagent ensemble.

use crate::{liste, Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Taille maximale d'une pièce jointe : au-delà, mieux vaut un lien vers le document.
pub const TAILLE_MAX: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    pub id: i64,
    pub nom: String,
    pub chemin: String,
    pub taille: i64,
    pub ajoutee_le: String,
}

pub fn lister(conn: &Connection, convention_id: i64) -> Resultat<Vec<Piece>> {
    let mut st = conn.prepare("SELECT id, nom, chemin, taille, ajoutee_le FROM piece_jointe WHERE convention_id = ?1 ORDER BY id")?;
    let v = st
        .query_map([convention_id], |r| {
            Ok(Piece {
                id: r.get("id")?,
                nom: r.get("nom")?,
                chemin: r.get("chemin")?,
                taille: r.get("taille")?,
                ajoutee_le: r.get("ajoutee_le")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Nom de fichier sûr : sans dossier, sans caractères interdits sous Windows.
fn nom_sur(nom: &str) -> Result<String, String> {
    let base = nom.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let propre: String = base
        .chars()
        .map(|c| {
            if "<>:\"|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if propre.is_empty() || propre == "." || propre == ".." {
        return Err(format!("Le nom de fichier « {nom} » n'est pas utilisable."));
    }
    Ok(propre)
}

/// Copie `contenu` dans le dossier des pièces jointes de la convention (à côté de `base`).
pub fn ajouter(
    conn: &Connection,
    base: &Path,
    convention_id: i64,
    nom: &str,
    contenu: &[u8],
) -> Resultat<Vec<Piece>> {
    if !liste::existe(conn, "convention", convention_id)? {
        return Err(Erreur::Introuvable(format!(
            "La convention n° {convention_id} n'existe pas (ou plus)."
        )));
    }
    let nom = nom_sur(nom).map_err(|m| Erreur::validation("fichier", m))?;
    if contenu.is_empty() {
        return Err(Erreur::validation(
            "fichier",
            format!("Le fichier « {nom} » est vide."),
        ));
    }
    if contenu.len() > TAILLE_MAX {
        return Err(Erreur::validation(
            "fichier",
            format!("Le fichier « {nom} » dépasse 50 Mo."),
        ));
    }
    let racine = base.parent().unwrap_or(Path::new("."));
    let dossier = PathBuf::from("pieces-jointes").join(format!("convention-{convention_id}"));
    std::fs::create_dir_all(racine.join(&dossier))?;
    // Deux pièces du même nom ne s'écrasent pas : « annexe (2).pdf ».
    let (souche, ext) = match nom.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (nom.clone(), String::new()),
    };
    let mut relatif = dossier.join(&nom);
    let mut n = 1;
    while racine.join(&relatif).exists() {
        n += 1;
        relatif = dossier.join(format!("{souche} ({n}){ext}"));
    }
    std::fs::write(racine.join(&relatif), contenu)?;
    conn.execute(
        "INSERT INTO piece_jointe (convention_id, nom, chemin, taille, ajoutee_le) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            convention_id,
            nom,
            relatif.to_string_lossy().replace('\\', "/"),
            contenu.len() as i64,
            crate::dates::iso(chrono::Local::now().date_naive())
        ],
    )?;
    lister(conn, convention_id)
}

/// Chemin complet d'une pièce, pour l'ouvrir avec la visionneuse du système.
pub fn chemin_complet(conn: &Connection, base: &Path, id: i64) -> Resultat<PathBuf> {
    let relatif: String = conn
        .query_row("SELECT chemin FROM piece_jointe WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .map_err(|_| {
            Erreur::Introuvable(format!("La pièce jointe n° {id} n'existe pas (ou plus)."))
        })?;
    let chemin = base.parent().unwrap_or(Path::new(".")).join(relatif);
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier « {} » a disparu du dossier des pièces jointes.",
            chemin.display()
        )));
    }
    Ok(chemin)
}
