//! La fenêtre : ouvre la base choisie, la garde dans l'état de Tauri, enregistre les commandes.

use crate::erreur::ErreurApp;
use passerelle_core::base::{self, Base};
use passerelle_core::Connection;
use std::path::PathBuf;
use std::sync::Mutex;

include!(concat!(env!("OUT_DIR"), "/commandes_generees.rs"));

/// La base ouverte, ou la raison pour laquelle elle ne l'est pas (affichée par l'interface).
pub struct Etat {
    pub chemin: PathBuf,
    pub base: Mutex<Result<Base, String>>,
}

impl Etat {
    /// Exécute `f` sur la connexion ouverte : c'est tout le travail d'une commande.
    pub fn avec<T>(
        &self,
        f: impl FnOnce(&Connection) -> passerelle_core::Resultat<T>,
    ) -> Result<T, ErreurApp> {
        let garde = self
            .base
            .lock()
            .map_err(|_| ErreurApp::BaseFermee("verrou perdu".into()))?;
        match &*garde {
            Ok(b) => Ok(f(&b.conn)?),
            Err(raison) => Err(ErreurApp::BaseFermee(raison.clone())),
        }
    }
}

pub fn lancer(chemin: PathBuf) {
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
    // Les commandes forment un greffon interne : une seule permission (`passerelle:default`,
    // produite par build.rs) les couvre toutes, et la page n'a accès à rien d'autre.
    let greffon = tauri::plugin::Builder::<_, ()>::new("passerelle")
        .invoke_handler(gestionnaire!())
        .build();
    tauri::Builder::default()
        .manage(Etat {
            chemin,
            base: Mutex::new(base),
        })
        .plugin(greffon)
        .run(tauri::generate_context!())
        .expect("la fenêtre de Passerelle n'a pas pu s'ouvrir");
}

#[cfg(test)]
mod tests {
    use super::NOMS;

    /// Chaque commande nommée par la page existe côté Rust : une faute de frappe dans un écran
    /// serait sinon une erreur à l'exécution seulement. Une commande commence par un verbe ;
    /// toute chaîne `'verbe_…'` des modules de la page doit donc en être une.
    #[test]
    fn chaque_commande_nommee_par_la_page_existe() {
        const VERBES: &[&str] = &[
            "ajouter",
            "apercu",
            "appliquer",
            "choisir",
            "clore",
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
            "ouvrir",
            "preparer",
            "reprendre",
            "retirer",
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
