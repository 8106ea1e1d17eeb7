//! Les fichiers du poste : un document enregistré là où l'utilisateur le choisit, puis ouvert
//! ou montré dans son dossier ; les préférences du poste (bases récentes, derniers dossiers).

use crate::app::Etat;
use crate::dialogues::{self, Demande, Mode};
use crate::erreur::ErreurApp;
use passerelle_core::preferences::Preferences;
use passerelle_core::rapport::Document;
use passerelle_core::travail::Suivi;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};

pub type R<T> = Result<T, ErreurApp>;

/// Exécute `f` sur un fil réservé aux tâches bloquantes : ni le fil de la fenêtre ni ceux qui
/// répondent aux autres commandes n'attendent un dialogue ou un long calcul.
pub async fn a_part<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &Etat) -> R<T> + Send + 'static,
) -> R<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app, &app.state::<Etat>()))
        .await
        .unwrap_or(Err(ErreurApp::Panique))
}

fn fichier_preferences(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .app_config_dir()
        .ok()
        .map(|d| d.join("preferences.json"))
}

pub fn preferences(app: &AppHandle) -> Preferences {
    fichier_preferences(app)
        .map(|f| Preferences::lire(&f))
        .unwrap_or_default()
}

/// Modifie et réécrit les préférences ; un échec d'écriture ne gêne pas le travail en cours.
pub fn modifier_preferences(app: &AppHandle, f: impl FnOnce(&mut Preferences)) {
    if let Some(fichier) = fichier_preferences(app) {
        let mut p = Preferences::lire(&fichier);
        f(&mut p);
        if let Err(e) = p.ecrire(&fichier) {
            eprintln!("passerelle : préférences non enregistrées : {e}");
        }
    }
}

/// Dossier proposé pour un genre de fichier : le dernier utilisé, sinon les Documents.
pub fn dossier_propose(app: &AppHandle, genre: &str) -> Option<PathBuf> {
    preferences(app)
        .dossiers
        .get(genre)
        .cloned()
        .or_else(|| app.path().document_dir().ok())
}

/// Un fichier enregistré, tel que la page le montre : son rang (pour l'ouvrir), son nom, son dossier.
#[derive(Serialize)]
pub struct Enregistre {
    pub rang: usize,
    pub nom: String,
    pub dossier: String,
    /// Avertissements du rendu (caractères absents de la police…), montrés avec la notice.
    pub avertissements: Vec<String>,
}

impl Enregistre {
    /// Retient le fichier écrit (la page le désigne par son rang) et dit où il est.
    pub fn retenu(etat: &Etat, chemin: PathBuf, avertissements: Vec<String>) -> Enregistre {
        Enregistre {
            nom: nom_affiche(&chemin),
            dossier: chemin
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            rang: etat.retenir_fichier(chemin),
            avertissements,
        }
    }
}

/// Demande où enregistrer le document et l'écrit d'un seul coup. `None` : l'utilisateur a
/// annulé le dialogue ; une annulation demandée pendant le dialogue n'écrit rien non plus.
pub fn enregistrer(
    app: &AppHandle,
    etat: &Etat,
    doc: Document,
    suivi: &Suivi,
) -> R<Option<Enregistre>> {
    let extension = doc.genre.extension();
    let extensions = [extension];
    let demande = Demande {
        titre: "Enregistrer sous",
        mode: Mode::Enregistrer,
        nom: Some(&doc.nom),
        filtres: &[(doc.genre.libelle(), &extensions)],
        dossier: dossier_propose(app, extension),
    };
    let Some(chemin) = dialogues::choisir(app, &demande) else {
        return Ok(None);
    };
    let chemin = avec_extension(chemin, extension)?;
    suivi.avancer(2)?;
    passerelle_core::fichiers::ecrire_document(&chemin, &doc.octets, Some(&etat.chemin()))?;
    modifier_preferences(app, |p| p.retenir_dossier(extension, &chemin));
    Ok(Some(Enregistre::retenu(etat, chemin, doc.avertissements)))
}

/// Ajoute l'extension à un nom tapé sans elle. Le dialogue n'a alors pas vu le vrai nom : un
/// fichier qui le porte déjà n'est pas remplacé sans que l'utilisateur l'ait choisi.
pub fn avec_extension(mut chemin: PathBuf, extension: &str) -> R<PathBuf> {
    if chemin.extension().is_some() {
        return Ok(chemin);
    }
    chemin.set_extension(extension);
    if chemin.exists() {
        return Err(passerelle_core::Erreur::validation(
            "chemin",
            format!(
                "Le fichier « {} » existe déjà : choisissez-le dans la liste pour le remplacer, ou donnez un autre nom.",
                nom_affiche(&chemin)
            ),
        )
        .into());
    }
    Ok(chemin)
}

pub fn nom_affiche(chemin: &Path) -> String {
    chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Ouvre un fichier avec l'application que le système lui associe.
pub fn ouvrir_avec_le_systeme(chemin: &Path) -> R<()> {
    let lanceur = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    lancer(std::process::Command::new(lanceur).arg(chemin))
}

/// Montre le fichier dans son dossier (sélectionné là où le système le permet).
pub fn montrer_dans_le_dossier(chemin: &Path) -> R<()> {
    let mut commande = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("explorer");
        selectionner_dans_explorer(&mut c, chemin);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg("-R").arg(chemin);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(chemin.parent().unwrap_or(Path::new(".")));
        c
    };
    lancer(&mut commande)
}

/// explorer lit « /select,"chemin" » à sa façon : l'argument entier entre guillemets (ce que
/// fait `Command::arg` dès que le chemin a une espace) ouvrirait un autre dossier. L'argument
/// est donc passé tel quel, seul le chemin entre guillemets (interdits dans un nom Windows).
#[cfg(windows)]
fn selectionner_dans_explorer(c: &mut std::process::Command, chemin: &Path) {
    use std::os::windows::process::CommandExt;
    c.raw_arg(format!("/select,\"{}\"", chemin.display()));
}

#[cfg(not(windows))]
fn selectionner_dans_explorer(c: &mut std::process::Command, chemin: &Path) {
    c.arg(format!("/select,{}", chemin.display()));
}

fn lancer(commande: &mut std::process::Command) -> R<()> {
    commande
        .spawn()
        .map(|_| ())
        .map_err(|e| ErreurApp::Ouverture(passerelle_core::erreur::texte_io(&e)))
}

#[cfg(test)]
mod tests {
    use super::avec_extension;

    /// Un nom tapé sans extension la reçoit, mais ne remplace pas en silence un fichier que le
    /// dialogue n'a pas montré sous ce nom.
    #[test]
    fn extension_ajoutee_sans_remplacer_en_silence() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(
            avec_extension(d.path().join("Bilan"), "pdf").unwrap(),
            d.path().join("Bilan.pdf")
        );
        assert_eq!(
            avec_extension(d.path().join("Bilan.PDF"), "pdf").unwrap(),
            d.path().join("Bilan.PDF")
        );
        std::fs::write(d.path().join("Bilan.pdf"), b"%PDF").unwrap();
        let e = avec_extension(d.path().join("Bilan"), "pdf").unwrap_err();
        assert!(e.to_string().contains("« Bilan.pdf » existe déjà"), "{e}");
    }
}
