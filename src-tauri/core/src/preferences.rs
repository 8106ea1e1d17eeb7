//! Préférences du poste, hors de toute base : les bases récentes et le dernier dossier utilisé
//! pour chaque genre de fichier. Un petit fichier JSON dans le dossier de configuration de
//! l'utilisateur ; illisible ou absent, il vaut des préférences vides (rien ne s'arrête pour lui).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Nombre de bases gardées dans le menu « Bases récentes ».
pub const RECENTES: usize = 8;

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    #[serde(default)]
    pub recentes: Vec<PathBuf>,
    /// Dernier dossier par genre de fichier (« pdf », « csv », « import », « base »…).
    #[serde(default)]
    pub dossiers: BTreeMap<String, PathBuf>,
}

impl Preferences {
    pub fn lire(fichier: &Path) -> Preferences {
        std::fs::read(fichier)
            .ok()
            .and_then(|o| serde_json::from_slice(&o).ok())
            .unwrap_or_default()
    }

    pub fn ecrire(&self, fichier: &Path) -> crate::Resultat<()> {
        if let Some(dossier) = fichier.parent() {
            std::fs::create_dir_all(dossier)?;
        }
        let texte = serde_json::to_vec_pretty(self)
            .map_err(|e| crate::Erreur::Fichier(std::io::Error::other(e)))?;
        crate::fichiers::ecrire_atomique(fichier, &texte)
    }

    /// Met `base` en tête des bases récentes (sans doublon, `RECENTES` au plus).
    pub fn ajouter_recente(&mut self, base: &Path) {
        self.recentes.retain(|p| p != base);
        self.recentes.insert(0, base.to_path_buf());
        self.recentes.truncate(RECENTES);
    }

    /// Retient le dossier du fichier `chemin` pour le genre `genre`.
    pub fn retenir_dossier(&mut self, genre: &str, chemin: &Path) {
        if let Some(dossier) = chemin.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.dossiers
                .insert(genre.to_string(), dossier.to_path_buf());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recentes_sans_doublon_et_bornees_dossiers_par_genre_relus() {
        let t = tempfile::tempdir().unwrap();
        let fichier = t.path().join("config/preferences.json");
        assert_eq!(Preferences::lire(&fichier), Preferences::default());
        let mut p = Preferences::default();
        for i in 0..10 {
            p.ajouter_recente(Path::new(&format!("/b/{i}.sqlite")));
        }
        p.ajouter_recente(Path::new("/b/3.sqlite"));
        assert_eq!(p.recentes.len(), RECENTES);
        assert_eq!(p.recentes[0], Path::new("/b/3.sqlite"));
        assert_eq!(p.recentes[1], Path::new("/b/9.sqlite"));
        p.retenir_dossier("pdf", Path::new("/docs/bilans/Bilan.pdf"));
        p.ecrire(&fichier).unwrap();
        let relu = Preferences::lire(&fichier);
        assert_eq!(relu, p);
        assert_eq!(relu.dossiers["pdf"], Path::new("/docs/bilans"));
        std::fs::write(&fichier, "{pas du json").unwrap();
        assert_eq!(Preferences::lire(&fichier), Preferences::default());
    }
}
