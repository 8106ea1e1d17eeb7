//! Sauvegardes de la base : copies cohérentes (`VACUUM INTO`), contrôlées avant que les plus
//! anciennes ne partent, nommées par leur date et leur raison
//! (« passerelle 2026-12-02 14h05 (avant import).sqlite »), et restauration par l'API de
//! sauvegarde de SQLite, en une transaction, après une copie de l'état présent.

mod hors_poste;
mod retention;

pub use hors_poste::{choisir_second_dossier, etat_copies, second_dossier, EtatCopies};

pub use retention::{a_supprimer, Retention};

use crate::vocabulaire::Code;
use crate::{base, Erreur, Resultat};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

crate::codes! {
    /// Pourquoi une sauvegarde a été prise (écrit dans son nom de fichier).
    pub enum Raison {
        Automatique = "automatique" => "automatique",
        Ouverture = "ouverture" => "ouverture",
        Manuelle = "manuelle" => "manuelle",
        AvantImport = "avant-import" => "avant import",
        AvantCampagne = "avant-campagne" => "avant campagne",
        AvantRestauration = "avant-restauration" => "avant restauration",
        AvantMigration = "avant-migration" => "avant migration",
    }
}

impl Raison {
    /// Prise avant une opération risquée : gardée un temps fixé, même parmi d'autres du jour.
    pub fn avant_operation(self) -> bool {
        !matches!(
            self,
            Raison::Automatique | Raison::Ouverture | Raison::Manuelle
        )
    }
}

/// Une sauvegarde trouvée dans un dossier.
#[derive(Debug, Clone, Serialize)]
pub struct Sauvegarde {
    #[serde(skip)]
    pub chemin: PathBuf,
    pub nom: String,
    pub quand: NaiveDateTime,
    pub raison: Raison,
    pub taille: u64,
}

/// Ce que contient une sauvegarde, pour choisir laquelle restaurer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contenu {
    pub version: i64,
    pub conventions: i64,
    pub actions: i64,
    pub cet: i64,
}

/// `sauvegardes/` à côté de la base.
pub fn dossier_par_defaut(base: &Path) -> PathBuf {
    base.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("sauvegardes")
}

/// Le nom de la base sans extension : le début du nom de ses sauvegardes.
fn souche(base: &Path) -> String {
    base.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "passerelle".into())
}

/// « passerelle 2026-12-02 14h05 (avant import).sqlite », suivi de « 2 », « 3 »… s'il existe.
pub fn nom_libre(dossier: &Path, base: &Path, quand: NaiveDateTime, raison: Raison) -> PathBuf {
    let debut = format!(
        "{} {} ({})",
        souche(base),
        quand.format("%Y-%m-%d %Hh%M"),
        raison.libelle()
    );
    let mut cible = dossier.join(format!("{debut}.sqlite"));
    let mut n = 1;
    while cible.exists() {
        n += 1;
        cible = dossier.join(format!("{debut} {n}.sqlite"));
    }
    cible
}

/// Relit la date et la raison d'un nom de sauvegarde de `base` (sinon `None`).
fn lire_nom(nom: &str, base: &Path) -> Option<(NaiveDateTime, Raison)> {
    let reste = nom
        .strip_suffix(".sqlite")?
        .strip_prefix(&souche(base))?
        .strip_prefix(' ')?;
    let date = reste.get(..16)?;
    let quand = NaiveDateTime::parse_from_str(date, "%Y-%m-%d %Hh%M").ok()?;
    let raison = reste.get(16..)?.strip_prefix(" (")?;
    let (libelle, _) = raison.split_once(')')?;
    let raison = Raison::TOUS.iter().find(|r| r.libelle() == libelle)?;
    Some((quand, *raison))
}

/// Prend une sauvegarde de la base ouverte dans `vers` (par défaut `sauvegardes/` à côté),
/// la contrôle, puis seulement fait partir les anciennes selon `retention`. Rend son chemin.
pub fn sauvegarder(
    conn: &Connection,
    base: &Path,
    raison: Raison,
    vers: Option<&Path>,
    retention: &Retention,
) -> Resultat<PathBuf> {
    let dossier = vers
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dossier_par_defaut(base));
    std::fs::create_dir_all(&dossier)?;
    let maintenant = chrono::Local::now().naive_local();
    let cible = nom_libre(&dossier, base, maintenant, raison);
    // Copie cohérente, contrôlée (intégrité, signature) avant d'avoir son nom définitif.
    base::copier_vers(conn, &cible)?;
    faire_tourner(&dossier, base, maintenant, retention)?;
    if vers.is_none() {
        // La copie hors du poste ne fait jamais échouer la sauvegarde : un dossier absent ou
        // plein est signalé par le tableau de bord (`etat_copies`).
        if let Err(e) = hors_poste::copier_ailleurs(conn, base, &cible, maintenant, retention) {
            eprintln!("passerelle : copie hors du poste impossible : {e}");
        }
    }
    Ok(cible)
}

/// Sauvegarde si la base a changé depuis sa sauvegarde la plus récente (ou n'en a aucune) ;
/// les dates des fichiers le disent : un journal WAL non vide plus récent compte aussi.
pub fn sauvegarder_si_modifiee(
    conn: &Connection,
    base: &Path,
    raison: Raison,
    retention: &Retention,
) -> Resultat<Option<PathBuf>> {
    let modifiee = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .filter(|m| m.len() > 0)
            .and_then(|m| m.modified().ok())
    };
    let mut wal = base.as_os_str().to_owned();
    wal.push("-wal");
    let base_modifiee = modifiee(base).max(modifiee(Path::new(&wal)));
    let derniere = lister_dans(&dossier_par_defaut(base), base)?
        .first()
        .and_then(|s| modifiee(&s.chemin));
    match (base_modifiee, derniere) {
        (Some(b), Some(s)) if b <= s => Ok(None),
        _ => sauvegarder(conn, base, raison, None, retention).map(Some),
    }
}

/// La date de la sauvegarde la plus récente de la base, pour la barre d'état.
pub fn derniere(base: &Path) -> Option<NaiveDateTime> {
    lister_dans(&dossier_par_defaut(base), base)
        .ok()?
        .first()
        .map(|s| s.quand)
}

/// Supprime les sauvegardes que la conservation ne garde plus (jamais la plus récente).
fn faire_tourner(
    dossier: &Path,
    base: &Path,
    maintenant: NaiveDateTime,
    retention: &Retention,
) -> Resultat<()> {
    let liste = lister_dans(dossier, base)?;
    let dates: Vec<(NaiveDateTime, Raison)> = liste.iter().map(|s| (s.quand, s.raison)).collect();
    for i in a_supprimer(&dates, maintenant, retention) {
        if i > 0 {
            let _ = std::fs::remove_file(&liste[i].chemin);
        }
    }
    Ok(())
}

/// Les sauvegardes de `base` dans `dossier`, la plus récente d'abord.
pub fn lister_dans(dossier: &Path, base: &Path) -> Resultat<Vec<Sauvegarde>> {
    let mut v = Vec::new();
    let entrees = match std::fs::read_dir(dossier) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    for entree in entrees.flatten() {
        let nom = entree.file_name().to_string_lossy().into_owned();
        let Some((quand, raison)) = lire_nom(&nom, base) else {
            continue;
        };
        let meta = entree.metadata()?;
        v.push((
            meta.modified().ok(),
            Sauvegarde {
                chemin: entree.path(),
                nom,
                quand,
                raison,
                taille: meta.len(),
            },
        ));
    }
    // Même minute : l'heure du fichier départage.
    v.sort_by_key(|(modifiee, s)| std::cmp::Reverse((s.quand, *modifiee)));
    Ok(v.into_iter().map(|(_, s)| s).collect())
}

/// Ce que contient une sauvegarde (ou toute base Passerelle), lu sans rien écrire.
pub fn contenu(chemin: &Path) -> Resultat<Contenu> {
    let version = base::version_du_fichier(chemin)?;
    let ro = Connection::open_with_flags(chemin, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let compter = |table: &str| -> Resultat<i64> {
        Ok(ro.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Contenu {
        version,
        conventions: compter("convention")?,
        actions: compter("action_ipe")?,
        cet: compter("cet")?,
    })
}

/// Restaure la base ouverte depuis `depuis` : refuse ce qui n'est pas une base Passerelle
/// intègre (rien ne change) ; sauvegarde d'abord l'état présent (la restauration peut ainsi
/// être défaite) ; copie tout en une transaction ; migre une sauvegarde plus ancienne.
/// Rend le chemin de la sauvegarde de l'état présent.
pub fn restaurer(
    conn: &Connection,
    base: &Path,
    depuis: &Path,
    retention: &Retention,
) -> Resultat<PathBuf> {
    if crate::fichiers::meme_fichier(depuis, base) {
        return Err(Erreur::validation(
            "depuis",
            "La base ne peut pas être restaurée depuis elle-même : choisissez une sauvegarde.",
        ));
    }
    let version = base::version_du_fichier(depuis)?;
    let ro = Connection::open_with_flags(depuis, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let integrite: String = ro.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrite != "ok" {
        return Err(Erreur::validation(
            "depuis",
            format!(
                "La sauvegarde « {} » est endommagée : elle n'a pas été restaurée.",
                depuis.display()
            ),
        ));
    }
    let avant = sauvegarder(conn, base, Raison::AvantRestauration, None, retention)?;
    let mut cible = base::connexion_de_travail(base)?;
    {
        let copie = rusqlite::backup::Backup::new(&ro, &mut cible)?;
        // Toutes les pages d'un coup : une seule transaction sur la base, tout ou rien.
        copie.step(-1)?;
    }
    base::configurer(&cible)?;
    if version < base::VERSION_SCHEMA {
        base::migrer_jusqua(&cible, base::VERSION_SCHEMA)?;
    }
    let nom = depuis.file_name().unwrap_or_default().to_string_lossy();
    crate::journal::noter_restauration(&cible, &nom)?;
    // Les tables ont pu changer (sauvegarde plus ancienne, migrée) : les déclencheurs de la
    // connexion de la fenêtre sont reposés sur le schéma restauré.
    crate::journal::armer(conn)?;
    Ok(avant)
}

/// Sauvegarde prise juste avant une opération risquée (import, campagne), avec la conservation
/// réglée dans la base.
pub fn avant(conn: &Connection, base: &Path, raison: Raison) -> Resultat<PathBuf> {
    sauvegarder(conn, base, raison, None, &retention(conn)?)
}

/// Enregistre les durées de conservation (Paramètres), bornées pour rester raisonnables.
pub fn ecrire_retention(conn: &Connection, r: &Retention) -> Resultat<Retention> {
    let mut c = crate::Controle::default();
    let bornes: [(&'static str, u32, u32, &str); 4] = [
        (
            "heures",
            r.heures,
            720,
            "Les heures de sauvegardes gardées toutes",
        ),
        ("jours", r.jours, 3650, "Les jours gardés (une par jour)"),
        ("mois", r.mois, 240, "Les mois gardés (une par mois)"),
        (
            "avant_operation_jours",
            r.avant_operation_jours,
            3650,
            "Les jours de conservation avant une opération",
        ),
    ];
    for (champ, valeur, max, quoi) in bornes {
        if valeur > max {
            c.ajouter(champ, format!("{quoi} ne peuvent pas dépasser {max}."));
        }
    }
    if r.heures == 0 {
        c.ajouter(
            "heures",
            "Gardez au moins la dernière heure de sauvegardes.",
        );
    }
    c.fin()?;
    // Quatre entiers : la sérialisation ne peut pas échouer.
    let texte = serde_json::to_string(r).unwrap_or_default();
    crate::parametres::ecrire(conn, "sauvegardes.retention", &texte)?;
    Ok(*r)
}

/// Réglages de conservation lus dans la base (ceux par défaut s'ils n'y sont pas).
pub fn retention(conn: &Connection) -> Resultat<Retention> {
    Ok(crate::parametres::lire(conn, "sauvegardes.retention")?
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nom_relu_avec_sa_date_et_sa_raison() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("passerelle.sqlite");
        let quand = NaiveDateTime::parse_from_str("2026-12-02 14:05", "%Y-%m-%d %H:%M").unwrap();
        let p = nom_libre(d.path(), &base, quand, Raison::AvantImport);
        let nom = p.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(nom, "passerelle 2026-12-02 14h05 (avant import).sqlite");
        assert_eq!(lire_nom(&nom, &base), Some((quand, Raison::AvantImport)));
        std::fs::write(&p, b"").unwrap();
        let p2 = nom_libre(d.path(), &base, quand, Raison::AvantImport);
        let nom2 = p2.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(nom2, "passerelle 2026-12-02 14h05 (avant import) 2.sqlite");
        assert_eq!(lire_nom(&nom2, &base), Some((quand, Raison::AvantImport)));
        let autre = d.path().join("demo.sqlite");
        assert_eq!(lire_nom(&nom, &autre), None);
        assert_eq!(
            lire_nom("passerelle 2026-13-02 14h05 (manuelle).sqlite", &base),
            None
        );
    }
}
