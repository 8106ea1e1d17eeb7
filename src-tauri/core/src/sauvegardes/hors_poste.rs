//! La copie hors du poste : un second dossier choisi par l'utilisateur (clé USB, partage réseau)
//! où chaque sauvegarde est recopiée quand il est joignable, et l'alerte du tableau de bord quand
//! aucune copie n'existe hors du disque de la base depuis plus de 7 jours.

use super::{dossier_par_defaut, faire_tourner, lister_dans, Retention};
use crate::{parametres, Erreur, Resultat};
use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};

const CLE: &str = "sauvegardes.second_dossier";

/// Au-delà, le tableau de bord signale qu'aucune copie n'est hors du poste.
pub const JOURS_SANS_COPIE: i64 = 7;

/// Le second dossier de sauvegarde, s'il a été choisi.
pub fn second_dossier(conn: &Connection) -> Resultat<Option<PathBuf>> {
    Ok(parametres::lire(conn, CLE)?
        .filter(|d| !d.trim().is_empty())
        .map(PathBuf::from))
}

/// Choisit (ou retire, avec `None`) le second dossier ; il doit exister et ne pas être le
/// dossier habituel des sauvegardes.
pub fn choisir_second_dossier(
    conn: &Connection,
    base: &Path,
    dossier: Option<&Path>,
) -> Resultat<()> {
    let Some(d) = dossier else {
        return parametres::ecrire(conn, CLE, "");
    };
    if !d.is_dir() {
        return Err(Erreur::validation(
            "second_dossier",
            format!("Le dossier «\u{a0}{}\u{a0}» est introuvable.", d.display()),
        ));
    }
    if crate::fichiers::meme_fichier(d, &dossier_par_defaut(base)) {
        return Err(Erreur::validation(
            "second_dossier",
            "C'est déjà le dossier des sauvegardes : choisissez un dossier sur une clé USB ou un partage réseau.",
        ));
    }
    parametres::ecrire(conn, CLE, &d.to_string_lossy())
}

/// Recopie la sauvegarde `copie` dans le second dossier s'il est choisi et joignable, puis y fait
/// tourner les anciennes. Rend le chemin de la copie, `None` si rien n'a été copié.
pub fn copier_ailleurs(
    conn: &Connection,
    base: &Path,
    copie: &Path,
    maintenant: NaiveDateTime,
    retention: &Retention,
) -> Resultat<Option<PathBuf>> {
    let Some(dossier) = second_dossier(conn)? else {
        return Ok(None);
    };
    let Some(nom) = copie.file_name() else {
        return Ok(None);
    };
    if !dossier.is_dir() {
        return Ok(None);
    }
    let cible = dossier.join(nom);
    // Copie sous un nom provisoire puis renommage : une clé retirée en cours de copie ne laisse
    // pas une sauvegarde tronquée sous un nom valable.
    let provisoire = dossier.join(format!(".{}.partielle", nom.to_string_lossy()));
    std::fs::copy(copie, &provisoire)?;
    std::fs::rename(&provisoire, &cible)?;
    faire_tourner(&dossier, base, maintenant, retention)?;
    Ok(Some(cible))
}

/// L'état des copies hors du poste, pour Paramètres et le tableau de bord.
#[derive(Debug, Serialize)]
pub struct EtatCopies {
    pub dossier: Option<String>,
    pub joignable: bool,
    /// Le second dossier est sur le même disque que la base : il ne protège pas d'une panne.
    pub meme_disque: bool,
    /// AAAA-MM-JJTHH:MM de la plus récente copie hors du disque de la base.
    pub derniere_hors_poste: Option<String>,
    /// Le message du tableau de bord, s'il y a lieu.
    pub alerte: Option<String>,
}

/// Deux chemins sur le même disque (même périphérique sous Unix, même lecteur sous Windows).
fn meme_disque(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let racine = |p: &Path| {
            std::fs::canonicalize(p).ok().and_then(|p| {
                p.components()
                    .next()
                    .map(|c| c.as_os_str().to_ascii_lowercase())
            })
        };
        racine(a).is_some() && racine(a) == racine(b)
    }
}

pub fn etat_copies(
    conn: &Connection,
    base: &Path,
    maintenant: NaiveDateTime,
) -> Resultat<EtatCopies> {
    let dossier = second_dossier(conn)?;
    let joignable = dossier.as_deref().is_some_and(Path::is_dir);
    let dossier_base = base
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let meme = joignable
        && dossier
            .as_deref()
            .is_some_and(|d| meme_disque(d, dossier_base));
    let derniere = match (&dossier, joignable && !meme) {
        (Some(d), true) => lister_dans(d, base)?.first().map(|s| s.quand),
        _ => None,
    };
    let jours = |d: NaiveDateTime| (maintenant - d).num_days();
    let alerte = match (&dossier, derniere) {
        (_, Some(d)) if jours(d) <= JOURS_SANS_COPIE => None,
        (None, _) => Some("Aucune copie de la base hors de ce poste : choisissez un dossier de copie sur une clé USB ou un partage réseau (Paramètres › Sauvegardes).".to_string()),
        (Some(d), _) if !joignable => Some(format!(
            "Le dossier de copie «\u{a0}{}\u{a0}» n'est pas joignable (clé USB absente ?) : branchez-le, la prochaine sauvegarde y sera recopiée.",
            d.display()
        )),
        (Some(_), _) if meme => Some("Le dossier de copie est sur le même disque que la base : il ne la protège pas d'une panne du poste. Choisissez une clé USB ou un partage réseau.".to_string()),
        (Some(_), None) => Some("Aucune copie n'a encore été faite dans le dossier de copie : elle le sera à la prochaine sauvegarde.".to_string()),
        (Some(_), Some(d)) => Some(format!(
            "Aucune copie de la base hors de ce poste depuis {} jours.",
            jours(d)
        )),
    };
    Ok(EtatCopies {
        dossier: dossier.map(|d| d.display().to_string()),
        joignable,
        meme_disque: meme,
        derniere_hors_poste: derniere.map(|d| d.format("%Y-%m-%dT%H:%M").to_string()),
        alerte,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sauvegardes::{sauvegarder, Raison};

    fn maintenant() -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }

    #[test]
    fn chaque_sauvegarde_est_recopiee_dans_le_second_dossier_quand_il_est_la() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base.sqlite");
        let b = crate::base::ouvrir(&base).unwrap();
        let r = Retention::default();
        let e = etat_copies(&b.conn, &base, maintenant()).unwrap();
        assert!(
            e.dossier.is_none()
                && e.alerte
                    .unwrap()
                    .starts_with("Aucune copie de la base hors")
        );

        let absent = d.path().join("absent");
        let refus = choisir_second_dossier(&b.conn, &base, Some(&absent)).unwrap_err();
        assert!(refus.to_string().contains("introuvable"), "{refus}");
        std::fs::create_dir_all(dossier_par_defaut(&base)).unwrap();
        assert!(choisir_second_dossier(&b.conn, &base, Some(&dossier_par_defaut(&base))).is_err());

        let cle = tempfile::tempdir().unwrap();
        choisir_second_dossier(&b.conn, &base, Some(cle.path())).unwrap();
        let copie = sauvegarder(&b.conn, &base, Raison::Manuelle, None, &r).unwrap();
        let recopie = cle.path().join(copie.file_name().unwrap());
        assert_eq!(
            std::fs::read(&copie).unwrap(),
            std::fs::read(&recopie).unwrap()
        );
        // Ici la « clé » est sur le même disque que la base : l'alerte le dit.
        let e = etat_copies(&b.conn, &base, maintenant()).unwrap();
        assert!(e.joignable && e.meme_disque, "{e:?}");
        assert!(e.alerte.unwrap().contains("même disque"));

        // Un disque vraiment à part (tmpfs), quand la machine en a un : plus d'alerte.
        let shm = Path::new("/dev/shm");
        if shm.is_dir() && !meme_disque(shm, d.path()) {
            let ailleurs = tempfile::tempdir_in(shm).unwrap();
            choisir_second_dossier(&b.conn, &base, Some(ailleurs.path())).unwrap();
            sauvegarder(&b.conn, &base, Raison::Manuelle, None, &r).unwrap();
            let e = etat_copies(&b.conn, &base, maintenant()).unwrap();
            assert!(
                e.alerte.is_none() && e.derniere_hors_poste.is_some(),
                "{e:?}"
            );
            // Huit jours plus tard sans nouvelle copie : l'alerte revient.
            let plus_tard = maintenant() + chrono::Duration::days(8);
            let e = etat_copies(&b.conn, &base, plus_tard).unwrap();
            assert!(e.alerte.unwrap().contains("depuis 8 jours"));
        }

        // Clé retirée : la sauvegarde se fait quand même, l'état le signale.
        let retiree = tempfile::tempdir().unwrap();
        choisir_second_dossier(&b.conn, &base, Some(retiree.path())).unwrap();
        drop(retiree);
        sauvegarder(&b.conn, &base, Raison::Manuelle, None, &r).unwrap();
        let e = etat_copies(&b.conn, &base, maintenant()).unwrap();
        assert!(!e.joignable && e.alerte.unwrap().contains("n'est pas joignable"));
        choisir_second_dossier(&b.conn, &base, None).unwrap();
        assert!(second_dossier(&b.conn).unwrap().is_none());
    }
}
