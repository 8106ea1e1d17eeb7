//! La fenêtre : ouvre la base choisie, la garde dans l'état de Tauri, enregistre les commandes,
//! le menu et le dialogue des fichiers.

use crate::erreur::ErreurApp;
use crate::travaux::Travaux;
use passerelle_core::base::{self, Base};
use passerelle_core::instance::{self, Prise, Verrou};
use passerelle_core::Connection;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use tauri::Manager;

include!(concat!(env!("OUT_DIR"), "/commandes_generees.rs"));

/// La base ouverte (ou la raison pour laquelle elle ne l'est pas, affichée par l'interface),
/// les fichiers choisis ou enregistrés pendant la séance et les travaux en cours.
pub struct Etat {
    ouverte: Mutex<Ouverte>,
    /// Fichiers que l'utilisateur a choisis (imports) ou enregistrés (exports) : la page ne
    /// les désigne que par leur rang dans cette liste, jamais par un chemin.
    pub fichiers: Mutex<Vec<PathBuf>>,
    pub travaux: Travaux,
}

pub struct Ouverte {
    pub chemin: PathBuf,
    pub base: Result<Base, String>,
    /// Tenu tant que la base est ouverte ici : une seconde fenêtre sur la même base met
    /// celle-ci au premier plan au lieu d'écrire à son tour.
    pub verrou: Option<Verrou>,
}

/// La fenêtre, pour la mettre au premier plan quand une autre instance frappe au verrou.
static APPLICATION: OnceLock<tauri::AppHandle> = OnceLock::new();

/// Paquets de consolidation à ouvrir : passés à la ligne de commande (fichier ouvert depuis le
/// bureau) ou par une seconde fenêtre ; la page les prend par `paquets_a_ouvrir`.
pub static PAQUETS_A_OUVRIR: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn au_premier_plan(paquets: Vec<PathBuf>) {
    PAQUETS_A_OUVRIR
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .extend(paquets);
    if let Some(f) = APPLICATION
        .get()
        .and_then(|a| a.get_webview_window("principale"))
    {
        let _ = f.unminimize();
        let _ = f.show();
        let _ = f.set_focus();
        // La page n'écoute aucun événement de Tauri (aucune permission) : on le lui dit par un
        // événement du DOM, qu'elle traite en demandant `paquets_a_ouvrir`.
        let _ = f.eval("window.dispatchEvent(new Event('passerelle-paquets'))");
    }
}

/// Prend la base pour cette fenêtre ; si une autre fenêtre de Passerelle l'a déjà, elle passe au
/// premier plan, reçoit `paquets` (ceux donnés au lancement) et le message le dit.
pub fn verrouiller(chemin: &Path, paquets: &[PathBuf]) -> Result<Verrou, String> {
    match instance::prendre(chemin, paquets, au_premier_plan) {
        Prise::Prise(v) => Ok(v),
        Prise::DejaOuverte => Err(format!(
            "La base «\u{a0}{}\u{a0}» est déjà ouverte dans une autre fenêtre de Passerelle : cette fenêtre vient de passer au premier plan.",
            chemin.display()
        )),
    }
}

impl Ouverte {
    pub fn ouvrir(chemin: PathBuf) -> Ouverte {
        // Seule l'ouverture au lancement passe ses paquets à une fenêtre déjà ouverte ; changer
        // de base ensuite n'en envoie aucun.
        let paquets = PAQUETS_A_OUVRIR
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let verrou = match verrouiller(&chemin, &paquets) {
            Ok(v) => v,
            Err(message) => {
                return Ouverte {
                    chemin,
                    base: Err(message),
                    verrou: None,
                }
            }
        };
        let base = base::ouvrir(&chemin).map_err(|e| {
            eprintln!("passerelle : {e}");
            e.to_string()
        });
        if let Ok(Base {
            sauvegarde: Some(copie),
            ..
        }) = &base
        {
            eprintln!(
                "passerelle : base migrée, copie de sécurité : {}",
                copie.display()
            );
        }
        if let Ok(b) = &base {
            crate::sauvegarde_auto::a_l_ouverture(b);
        }
        Ouverte {
            chemin,
            base,
            verrou: Some(verrou),
        }
    }
}

impl Etat {
    pub fn nouveau(ouverte: Ouverte) -> Etat {
        Etat {
            ouverte: Mutex::new(ouverte),
            fichiers: Mutex::new(Vec::new()),
            travaux: Travaux::default(),
        }
    }

    /// Le verrou de la base ; un verrou empoisonné (panique d'une autre commande) est repris :
    /// la connexion reste valable, et `avec` a déjà annulé la transaction interrompue.
    fn verrou(&self) -> MutexGuard<'_, Ouverte> {
        self.ouverte.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Exécute `f` sur la connexion ouverte : c'est tout le travail d'une commande. Une panique
    /// dans `f` devient une erreur en français ; la transaction en cours est annulée et la
    /// commande suivante trouve la base intacte.
    pub fn avec<T>(
        &self,
        f: impl FnOnce(&Connection) -> passerelle_core::Resultat<T>,
    ) -> Result<T, ErreurApp> {
        self.avec_chemin(|c, _| f(c))
    }

    /// Comme `avec`, avec le chemin de la base (pièces jointes rangées à côté).
    pub fn avec_chemin<T>(
        &self,
        f: impl FnOnce(&Connection, &Path) -> passerelle_core::Resultat<T>,
    ) -> Result<T, ErreurApp> {
        let garde = self.verrou();
        let b = match &garde.base {
            Ok(b) => b,
            Err(raison) => return Err(ErreurApp::BaseFermee(raison.clone())),
        };
        match catch_unwind(AssertUnwindSafe(|| f(&b.conn, &garde.chemin))) {
            Ok(r) => Ok(r?),
            Err(_) => {
                if !b.conn.is_autocommit() {
                    let _ = b.conn.execute_batch("ROLLBACK");
                }
                Err(ErreurApp::Panique)
            }
        }
    }

    /// Lance un long travail sur la base ouverte (sa propre connexion) ; rend son numéro.
    pub fn lancer_travail<T: serde::Serialize + 'static, E: Into<ErreurApp>>(
        &self,
        f: impl FnOnce(&Connection, &passerelle_core::travail::Suivi) -> Result<T, E> + Send + 'static,
    ) -> u64 {
        self.travaux.lancer(self.chemin(), f)
    }

    /// Import du fichier choisi (par son rang) comme un long travail : lu avec la limite des
    /// imports, une sauvegarde avant d'écrire (sauf en essai), puis `importer(connexion,
    /// octets, suivi)`. Rend le numéro du travail.
    pub fn lancer_import<T: serde::Serialize + 'static>(
        &self,
        rang: usize,
        essai: bool,
        importer: impl FnOnce(
                &Connection,
                &[u8],
                &passerelle_core::travail::Suivi,
            ) -> passerelle_core::Resultat<T>
            + Send
            + 'static,
    ) -> Result<u64, ErreurApp> {
        let fichier = self.fichier(rang)?;
        let base = self.chemin();
        Ok(self.lancer_travail(move |c, suivi| {
            let octets = passerelle_core::fichiers::lire_entrant(
                &fichier,
                passerelle_core::fichiers::LIMITE_IMPORT,
            )?;
            if !essai {
                passerelle_core::sauvegardes::avant(
                    c,
                    &base,
                    passerelle_core::sauvegardes::Raison::AvantImport,
                )?;
            }
            importer(c, &octets, suivi)
        }))
    }

    pub fn chemin(&self) -> PathBuf {
        self.verrou().chemin.clone()
    }

    /// Change de base : l'ancienne connexion est fermée proprement (la nouvelle est ouverte avant).
    pub fn remplacer(&self, ouverte: Ouverte) {
        let ancienne = std::mem::replace(&mut *self.verrou(), ouverte);
        drop(ancienne);
    }

    /// Retient un fichier choisi ou enregistré ; rend son rang pour la page (le même rang
    /// pour un fichier déjà retenu : la liste ne grandit pas à chaque affichage).
    pub fn retenir_fichier(&self, chemin: PathBuf) -> usize {
        let mut f = self.fichiers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(rang) = f.iter().position(|p| *p == chemin) {
            return rang;
        }
        f.push(chemin);
        f.len() - 1
    }

    pub fn fichier(&self, rang: usize) -> Result<PathBuf, ErreurApp> {
        let f = self.fichiers.lock().unwrap_or_else(|p| p.into_inner());
        f.get(rang).cloned().ok_or(ErreurApp::FichierInconnu)
    }
}

pub fn lancer(chemin: PathBuf, paquets: Vec<PathBuf>) {
    PAQUETS_A_OUVRIR
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .extend(paquets);
    // Les commandes forment un greffon interne : une seule permission (`passerelle:default`,
    // produite par build.rs) les couvre toutes, et la page n'a accès à rien d'autre. Le
    // dialogue des fichiers n'est appelé que depuis Rust : la page n'en a pas la permission.
    let greffon = tauri::plugin::Builder::<_, ()>::new("passerelle")
        .invoke_handler(gestionnaire!())
        .build();
    let ouverte = Ouverte::ouvrir(chemin.clone());
    if ouverte.verrou.is_none() {
        if let Err(message) = &ouverte.base {
            // Une autre fenêtre a cette base : elle est passée au premier plan, celle-ci s'arrête.
            eprintln!("passerelle : {message}");
            return;
        }
    }
    let resultat = tauri::Builder::default()
        .manage(Etat::nouveau(ouverte))
        .plugin(tauri_plugin_dialog::init())
        .plugin(greffon)
        .setup(move |app| {
            let _ = APPLICATION.set(app.handle().clone());
            if app.state::<Etat>().avec(|_| Ok(())).is_ok() {
                crate::bases::retenir_recente(app.handle(), &chemin);
            }
            app.set_menu(crate::menu::construire(app.handle())?)?;
            crate::sauvegarde_auto::lancer_periodiques(app.handle().clone());
            Ok(())
        })
        .on_menu_event(|app, evenement| crate::menu::traiter(app, evenement.id().as_ref()))
        .run(tauri::generate_context!());
    if let Err(e) = resultat {
        eprintln!("passerelle : la fenêtre n'a pas pu s'ouvrir : {e}");
        std::process::exit(1);
    }
}
#[cfg(test)]
mod tests {
    use super::{Etat, Ouverte, NOMS};
    use crate::erreur::ErreurApp;
    use passerelle_core::parametres;

    /// Une panique dans une commande devient une erreur en français ; la transaction qu'elle
    /// avait ouverte est défaite et la commande suivante trouve la base utilisable.
    #[test]
    fn une_panique_dans_une_commande_laisse_la_base_utilisable() {
        let d = tempfile::tempdir().unwrap();
        let etat = Etat::nouveau(Ouverte::ouvrir(d.path().join("t.sqlite")));
        let r = etat.avec(|c| -> passerelle_core::Resultat<()> {
            c.execute_batch("BEGIN; INSERT INTO parametre (cle, valeur) VALUES ('essai', '1');")?;
            panic!("panique d'essai")
        });
        let e = r.unwrap_err();
        assert!(matches!(e, ErreurApp::Panique), "{e:?}");
        assert!(e.to_string().starts_with("Une erreur interne a interrompu"));
        assert_eq!(etat.avec(|c| parametres::lire(c, "essai")).unwrap(), None);
        etat.avec(|c| parametres::ecrire(c, "essai", "2")).unwrap();
        assert_eq!(
            etat.avec(|c| parametres::lire(c, "essai")).unwrap(),
            Some("2".into())
        );
    }

    /// Chaque commande nommée par la page existe côté Rust : une faute de frappe dans un écran
    /// serait sinon une erreur à l'exécution seulement. Une commande commence par un verbe ;
    /// toute chaîne `'verbe_…'` des modules de la page doit donc en être une.
    #[test]
    fn chaque_commande_nommee_par_la_page_existe() {
        const VERBES: &[&str] = &[
            "ajouter",
            "annuler",
            "apercu",
            "appliquer",
            "choisir",
            "clore",
            "copier",
            "creer",
            "dupliquer",
            "ecrire",
            "exporter",
            "importer",
            "inviter",
            "lire",
            "lister",
            "marquer",
            "modifier",
            "montrer",
            "ouvrir",
            "preparer",
            "reprendre",
            "restaurer",
            "retirer",
            "sauvegarder",
            "suivre",
            "supprimer",
        ];
        let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
        let mut fichiers = vec![racine];
        let mut nommees = 0;
        while let Some(f) = fichiers.pop() {
            if f.is_dir() {
                fichiers.extend(std::fs::read_dir(&f).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let texte = std::fs::read_to_string(&f).unwrap();
            // Chaque `'identifiant'` du texte : un morceau entre deux apostrophes fait
            // seulement de minuscules et de soulignés (le dernier morceau n'est suivi de rien).
            let morceaux: Vec<&str> = texte.split('\'').collect();
            for &mot in morceaux
                .iter()
                .take(morceaux.len().saturating_sub(1))
                .skip(1)
            {
                let identifiant = mot.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                let verbe = mot.split('_').next().unwrap_or_default();
                if identifiant && mot.contains('_') && VERBES.contains(&verbe) {
                    assert!(
                        NOMS.contains(&mot),
                        "{}: commande inconnue « {mot} »",
                        f.display()
                    );
                    nommees += 1;
                }
            }
        }
        assert!(nommees > 80, "{nommees} commandes nommées seulement");
        assert!(NOMS.len() > 100 && NOMS.contains(&"references"), "{NOMS:?}");
    }
}
