//! Pièces jointes d'une convention : copiées à côté de la base (`pieces-jointes/convention-N/`),
//! pour que la base et ses documents voyagent ensemble.

use crate::base::Ligne;
use crate::{liste, Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Taille maximale d'une pièce jointe : au-delà, mieux vaut un lien vers le document.
pub const TAILLE_MAX: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Piece {
    pub id: i64,
    pub nom: String,
    pub chemin: String,
    pub taille: i64,
    pub ajoutee_le: String,
}

pub fn lister(conn: &Connection, convention_id: i64) -> Resultat<Vec<Piece>> {
    crate::base::toutes(
        conn,
        "SELECT id, nom, chemin, taille, ajoutee_le FROM piece_jointe WHERE convention_id = ?1 ORDER BY id",
        [convention_id],
    )
}

/// Extensions de programmes et de raccourcis : un double-clic les exécuterait. Une base reçue
/// d'ailleurs ne doit pas pouvoir faire lancer un programme par « Ouvrir ».
const EXECUTABLES: &[&str] = &[
    "exe",
    "com",
    "bat",
    "cmd",
    "msi",
    "msp",
    "scr",
    "pif",
    "cpl",
    "dll",
    "sys",
    "lnk",
    "url",
    "reg",
    "inf",
    "hta",
    "js",
    "jse",
    "vbs",
    "vbe",
    "wsf",
    "wsh",
    "ps1",
    "psm1",
    "jar",
    "sh",
    "bash",
    "run",
    "bin",
    "desktop",
    "appimage",
    "app",
    "command",
    "dmg",
    "pkg",
    "apk",
    "deb",
    "rpm",
    "msc",
    "gadget",
    "scf",
    "application",
];

/// L'extension (sans le point, en minuscules) d'un nom de fichier.
fn extension(nom: &str) -> String {
    match nom.rsplit_once('.') {
        Some((souche, e)) if !souche.is_empty() => e.to_lowercase(),
        _ => String::new(),
    }
}

fn refuser_executable(nom: &str) -> Resultat<()> {
    let ext = extension(nom);
    if EXECUTABLES.contains(&ext.as_str()) {
        return Err(Erreur::validation(
            "fichier",
            format!(
                "« {nom} » est un programme ou un raccourci (.{ext}) : Passerelle ne le joint pas et ne l'ouvre pas."
            ),
        ));
    }
    Ok(())
}

/// Nom de fichier sûr sous Windows comme sous Linux : sans dossier, sans caractère interdit,
/// sans nom réservé (CON, NUL.pdf…), 100 caractères au plus pour la souche.
fn nom_sur(nom: &str) -> Result<String, String> {
    let seul = nom.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if seul.is_empty() || seul.chars().all(|c| c == '.') {
        return Err(format!("Le nom de fichier « {nom} » n'est pas utilisable."));
    }
    let (souche, ext) = match seul.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e),
        _ => (seul, ""),
    };
    let ext: String = ext
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(10)
        .collect();
    let souche = crate::rapport::nom_de_fichier(souche);
    Ok(if ext.is_empty() {
        souche
    } else {
        format!("{souche}.{ext}")
    })
}

/// Copie `contenu` dans le dossier des pièces jointes de la convention (à côté de `base`).
/// La ligne et le fichier vont ensemble : si l'un échoue, ni l'un ni l'autre ne reste.
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
    refuser_executable(&nom)?;
    if contenu.is_empty() {
        return Err(Erreur::validation(
            "fichier",
            format!("Le fichier « {nom} » est vide."),
        ));
    }
    if contenu.len() > TAILLE_MAX {
        return Err(Erreur::validation(
            "fichier",
            format!("Le fichier « {nom} » dépasse 50 Mo."),
        ));
    }
    let racine = base.parent().unwrap_or(Path::new("."));
    let relatif = place_libre(racine, convention_id, &nom)?;
    let ecrit = racine.join(&relatif);
    let r = crate::base::atomique(conn, |conn| {
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
        crate::fichiers::ecrire_atomique(&ecrit, contenu)
    });
    if r.is_err() {
        // Le nom était libre : ce qui est à cet endroit ne peut venir que de cet essai.
        let _ = std::fs::remove_file(&ecrit);
    }
    r?;
    lister(conn, convention_id)
}

/// Un chemin libre dans le dossier de la convention : deux pièces du même nom ne s'écrasent
/// pas (« annexe (2).pdf »).
fn place_libre(racine: &Path, convention_id: i64, nom: &str) -> Resultat<PathBuf> {
    let dossier = PathBuf::from(DOSSIER).join(format!("convention-{convention_id}"));
    std::fs::create_dir_all(racine.join(&dossier))?;
    let (souche, ext) = match nom.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (nom.to_string(), String::new()),
    };
    let mut relatif = dossier.join(nom);
    let mut n = 1;
    while racine.join(&relatif).exists() {
        n += 1;
        relatif = dossier.join(format!("{souche} ({n}){ext}"));
    }
    Ok(relatif)
}

const DOSSIER: &str = "pieces-jointes";

/// Chemin complet d'une pièce, pour l'ouvrir avec la visionneuse du système. Le chemin lu dans
/// la base est contrôlé de nouveau : il reste dans `pieces-jointes/` (une base reçue d'ailleurs
/// pourrait désigner n'importe quel fichier) et ne désigne pas un programme.
pub fn chemin_complet(conn: &Connection, base: &Path, id: i64) -> Resultat<PathBuf> {
    let relatif: String = conn
        .query_row("SELECT chemin FROM piece_jointe WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .map_err(|_| {
            Erreur::Introuvable(format!("La pièce jointe n° {id} n'existe pas (ou plus)."))
        })?;
    let racine = base.parent().unwrap_or(Path::new("."));
    let hors_du_dossier = || {
        Erreur::validation(
            "chemin",
            "Le chemin de cette pièce jointe sort du dossier des pièces jointes : Passerelle ne l'ouvre pas.",
        )
    };
    let rel = Path::new(&relatif);
    let sain = rel.starts_with(DOSSIER)
        && rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !sain {
        return Err(hors_du_dossier());
    }
    refuser_executable(&relatif)?;
    let chemin = racine.join(rel);
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier « {} » a disparu du dossier des pièces jointes.",
            chemin.display()
        )));
    }
    // Un lien symbolique posé dans le dossier ne doit pas mener ailleurs non plus.
    match (chemin.canonicalize(), racine.join(DOSSIER).canonicalize()) {
        (Ok(c), Ok(d)) if c.starts_with(&d) => Ok(chemin),
        _ => Err(hors_du_dossier()),
    }
}

/// Retire une pièce : sa ligne, puis son fichier (un fichier déjà disparu n'empêche rien).
pub fn retirer(conn: &Connection, base: &Path, id: i64) -> Resultat<Vec<Piece>> {
    let convention_id: i64 = conn
        .query_row(
            "SELECT convention_id FROM piece_jointe WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(|_| {
            Erreur::Introuvable(format!("La pièce jointe n° {id} n'existe pas (ou plus)."))
        })?;
    let fichier = chemin_complet(conn, base, id).ok();
    conn.execute("DELETE FROM piece_jointe WHERE id = ?1", [id])?;
    if let Some(f) = fichier {
        let _ = std::fs::remove_file(f);
    }
    lister(conn, convention_id)
}

/// Supprime une convention et le dossier de ses pièces jointes : aucun fichier orphelin ne
/// reste, et une future convention qui reprendrait son numéro trouve un dossier vide.
pub fn supprimer_convention(conn: &Connection, base: &Path, id: i64) -> Resultat<()> {
    super::fiches::supprimer(conn, id)?;
    let dossier = base
        .parent()
        .unwrap_or(Path::new("."))
        .join(DOSSIER)
        .join(format!("convention-{id}"));
    if dossier.is_dir() {
        let _ = std::fs::remove_dir_all(dossier);
    }
    Ok(())
}
