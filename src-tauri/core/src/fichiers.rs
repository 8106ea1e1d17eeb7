//! Fichiers qui entrent (imports, pièces jointes choisis par l'utilisateur) et qui sortent
//! (documents, exports). Un fichier trop gros est refusé avant d'être lu ; un fichier écrit
//! l'est en entier ou pas du tout.

use crate::{Erreur, Resultat};
use std::io::{Read, Write};
use std::path::Path;

/// Taille maximale d'un fichier importé (CSV, .xlsx, .ods).
pub const LIMITE_IMPORT: u64 = 200 * 1024 * 1024;
/// Taille maximale d'une pièce jointe.
pub const LIMITE_PIECE: u64 = 50 * 1024 * 1024;

const MO: u64 = 1024 * 1024;

/// Le nom du fichier seul, pour les messages (le chemin complet est souvent très long).
pub fn nom(chemin: &Path) -> String {
    chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| chemin.display().to_string())
}

/// Lit un fichier choisi par l'utilisateur ; refuse celui qui dépasse `limite` AVANT de le lire
/// (taille lue dans les métadonnées), avec sa taille en Mo. Fichier absent ou illisible :
/// message en français qui le nomme.
pub fn lire_entrant(chemin: &Path, limite: u64) -> Resultat<Vec<u8>> {
    let illisible = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Erreur::Introuvable(format!("Le fichier « {} » n'existe pas.", nom(chemin)))
        }
        _ => Erreur::validation(
            "fichier",
            format!(
                "Impossible de lire le fichier « {} » : {}.",
                nom(chemin),
                crate::erreur::texte_io(&e)
            ),
        ),
    };
    let f = std::fs::File::open(chemin).map_err(illisible)?;
    let meta = f.metadata().map_err(illisible)?;
    if !meta.is_file() {
        return Err(Erreur::validation(
            "fichier",
            format!("« {} » n'est pas un fichier.", nom(chemin)),
        ));
    }
    if meta.len() > limite {
        return Err(trop_gros(chemin, meta.len(), limite));
    }
    // Lecture bornée : un fichier qui grossit pendant la lecture ne dépasse pas la limite.
    let mut octets = Vec::with_capacity(meta.len() as usize);
    f.take(limite + 1)
        .read_to_end(&mut octets)
        .map_err(illisible)?;
    if octets.len() as u64 > limite {
        return Err(trop_gros(chemin, octets.len() as u64, limite));
    }
    Ok(octets)
}

/// « Le fichier « x.csv » fait 312 Mo : Passerelle n'importe pas de fichier de plus de 200 Mo. »
fn trop_gros(chemin: &Path, taille: u64, limite: u64) -> Erreur {
    // Arrondi au Mo supérieur : un fichier à peine trop gros ne se dit pas « de 200 Mo ».
    let taille_mo = taille.div_ceil(MO);
    let verbe = match limite {
        LIMITE_IMPORT => "n'importe pas",
        LIMITE_PIECE => "ne joint pas",
        _ => "n'accepte pas",
    };
    Erreur::validation(
        "fichier",
        format!(
            "Le fichier « {} » fait {taille_mo} Mo : Passerelle {verbe} de fichier de plus de {} Mo.",
            nom(chemin),
            limite / MO
        ),
    )
}

/// Écrit d'un coup : fichier temporaire dans le même dossier, écrit, synchronisé, puis renommé
/// sur la cible. Un arrêt brutal ne laisse jamais un demi-fichier ; la cible est remplacée entière.
pub fn ecrire_atomique(chemin: &Path, octets: &[u8]) -> Resultat<()> {
    let dossier = chemin
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let avec_nom = |e: std::io::Error| {
        Erreur::Fichier(std::io::Error::new(
            e.kind(),
            format!(
                "écriture de « {} » impossible : {}",
                chemin.display(),
                crate::erreur::texte_io(&e)
            ),
        ))
    };
    // Même dossier que la cible : le renommage reste sur le même disque, donc atomique.
    let mut temporaire = tempfile::NamedTempFile::new_in(dossier).map_err(avec_nom)?;
    temporaire.write_all(octets).map_err(avec_nom)?;
    temporaire.as_file().sync_all().map_err(avec_nom)?;
    // Un fichier remplacé garde ses droits (le temporaire n'est lisible que par son auteur).
    if let Ok(meta) = std::fs::metadata(chemin) {
        std::fs::set_permissions(temporaire.path(), meta.permissions()).map_err(avec_nom)?;
    }
    temporaire.persist(chemin).map_err(|e| avec_nom(e.error))?;
    Ok(())
}

/// Refuse une sortie qui détruirait des données : un dossier, la base ouverte ou l'un de ses
/// fichiers de travail (`-wal`, `-shm`, `-journal`), ou toute base SQLite (copie, sauvegarde).
/// Le contrôle de la base ouverte compare les chemins : en mode WAL, l'en-tête du fichier
/// principal peut ne pas encore porter la marque de Passerelle.
pub fn verifier_sortie(sortie: &Path, base_ouverte: Option<&Path>) -> Resultat<()> {
    let refus = |quoi: &str| {
        Err(Erreur::validation(
            "sortie",
            format!(
                "« {} » {quoi} : Passerelle n'écrit pas de document par-dessus. Choisissez un autre nom.",
                nom(sortie)
            ),
        ))
    };
    if sortie.is_dir() {
        return Err(Erreur::validation(
            "sortie",
            format!(
                "« {} » est un dossier : indiquez un nom de fichier.",
                nom(sortie)
            ),
        ));
    }
    let cible = absolu(sortie);
    if let Some(base) = base_ouverte.map(absolu) {
        let travail = ["", "-wal", "-shm", "-journal"].iter().any(|suffixe| {
            let mut nom = base.clone().into_os_string();
            nom.push(suffixe);
            cible == Path::new(&nom)
        });
        if travail {
            return refus("est la base ouverte (ou l'un de ses fichiers de travail)");
        }
    }
    let principal = cible.to_str().and_then(|c| {
        ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| c.strip_suffix(s))
    });
    if est_base_sqlite(&cible) || principal.is_some_and(|p| est_base_sqlite(Path::new(p))) {
        return refus("est une base de données (ou l'un de ses fichiers de travail)");
    }
    Ok(())
}

/// Vérifie la sortie puis écrit d'un coup : ce que font la ligne de commande et la fenêtre.
pub fn ecrire_document(sortie: &Path, octets: &[u8], base_ouverte: Option<&Path>) -> Resultat<()> {
    verifier_sortie(sortie, base_ouverte)?;
    ecrire_atomique(sortie, octets)
}

/// Deux chemins désignent-ils le même fichier (une fois résolus, même s'il n'existe pas encore) ?
pub fn meme_fichier(a: &Path, b: &Path) -> bool {
    absolu(a) == absolu(b)
}

/// Chemin absolu, liens résolus ; pour un fichier qui n'existe pas encore, son dossier résolu.
fn absolu(chemin: &Path) -> std::path::PathBuf {
    if let Ok(c) = chemin.canonicalize() {
        return c;
    }
    let dossier = chemin
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (dossier.canonicalize(), chemin.file_name()) {
        (Ok(d), Some(n)) => d.join(n),
        _ => std::path::absolute(chemin).unwrap_or_else(|_| chemin.to_path_buf()),
    }
}

/// L'en-tête « SQLite format 3 » : le fichier est une base, quelle qu'elle soit.
fn est_base_sqlite(chemin: &Path) -> bool {
    let mut entete = [0u8; 16];
    std::fs::File::open(chemin)
        .and_then(|mut f| f.read_exact(&mut entete))
        .is_ok_and(|_| &entete == b"SQLite format 3\0")
}
