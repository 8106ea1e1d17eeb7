//! La fenêtre : ouvre la base choisie, la garde dans l'état de Tauri, enregistre les commandes.

use crate::commandes;
use crate::erreur::ErreurApp;
use passerelle_core::base::{self, Base};
use passerelle_core::Connection;
use std::path::PathBuf;
use std::sync::Mutex;

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
    tauri::Builder::default()
        .manage(Etat {
            chemin,
            base: Mutex::new(base),
        })
        .invoke_handler(tauri::generate_handler![
            commandes::infos_base,
            commandes::choisir_accueil,
            commandes::references,
            commandes::comptes_annuaire,
            commandes::lister_bassins,
            commandes::creer_bassin,
            commandes::modifier_bassin,
            commandes::supprimer_bassin,
            commandes::lister_etablissements,
            commandes::creer_etablissement,
            commandes::modifier_etablissement,
            commandes::supprimer_etablissement,
            commandes::lister_organisations,
            commandes::creer_organisation,
            commandes::modifier_organisation,
            commandes::supprimer_organisation,
            commandes::lister_personnes,
            commandes::creer_personne,
            commandes::modifier_personne,
            commandes::supprimer_personne,
            commandes::lister_themes_ipe,
            commandes::creer_theme_ipe,
            commandes::lister_ipe,
            commandes::creer_ipe,
            commandes::modifier_ipe,
            commandes::supprimer_ipe,
            commandes::missions_ipe,
            commandes::ajouter_mission_ipe,
            commandes::modifier_mission_ipe,
            commandes::supprimer_mission_ipe,
            commandes::lister_actions_ipe,
            commandes::creer_action_ipe,
            commandes::modifier_action_ipe,
            commandes::dupliquer_action_ipe,
            commandes::supprimer_action_ipe,
            commandes::importer_ipe,
            commandes::bilan_ipe,
            commandes::commentaires_bilan,
            commandes::ecrire_commentaire_bilan,
            commandes::exporter_bilan_ipe,
            commandes::lister_conventions,
            commandes::creer_convention,
            commandes::modifier_convention,
            commandes::supprimer_convention,
            commandes::avenants_convention,
            commandes::ajouter_avenant,
            commandes::echeances,
            commandes::horizons,
            commandes::ecrire_horizons,
            commandes::parties_convention,
            commandes::ajouter_partie,
            commandes::articles_convention,
            commandes::ajouter_article,
            commandes::membres_suivi,
            commandes::ajouter_membre_suivi,
            commandes::preparer_reunion,
            commandes::contrat_convention,
            commandes::ajouter_ligne_contrat,
            commandes::exporter_bilan_convention,
            commandes::pieces_convention,
            commandes::ajouter_piece,
            commandes::ouvrir_piece,
            commandes::lire_convention,
            commandes::statuts_convention,
            commandes::reunions::reunions_du_cadre,
            commandes::reunions::reunions_liees_convention,
            commandes::reunions::creer_reunion,
            commandes::reunions::actions_suivi,
            commandes::reunions::ajouter_action_suivi,
            commandes::reunions::clore_action_suivi,
            commandes::reunions::detail_reunion,
            commandes::reunions::reprendre_ordre_du_jour,
            commandes::reunions::ajouter_point,
            commandes::reunions::ecrire_compte_rendu,
            commandes::reunions::marquer_presence,
            commandes::reunions::marquer_non_pointes_presents,
            commandes::reunions::inviter_a_reunion,
            commandes::reunions::ajouter_decision,
            commandes::reunions::exporter_reunion,
            commandes::clee::lister_comites,
            commandes::clee::lire_comite,
            commandes::clee::creer_comite,
            commandes::clee::modifier_comite,
            commandes::clee::supprimer_comite,
            commandes::clee::membres_comite,
            commandes::clee::ajouter_membre_comite,
            commandes::clee::retirer_membre_comite,
            commandes::clee::lister_actions_clee,
            commandes::clee::creer_action_clee,
            commandes::clee::modifier_action_clee,
            commandes::clee::supprimer_action_clee,
            commandes::clee::bilan_clee,
            commandes::clee::exporter_bilan_clee,
            commandes::cet::lister_cet,
            commandes::cet::lire_cet,
            commandes::cet::creer_cet,
            commandes::cet::modifier_cet,
            commandes::cet::supprimer_cet,
            commandes::cet::secteurs_cet,
            commandes::cet::mandats_cet,
            commandes::cet::ajouter_mandat_cet,
            commandes::cet::jurys_cet,
            commandes::cet::ajouter_jury_cet,
            commandes::cet::participations_cet,
            commandes::cet::apercu_campagne,
            commandes::cet::appliquer_campagne,
            commandes::cet::lister_cpc,
            commandes::cet::creer_cpc,
            commandes::cet::modifier_cpc,
            commandes::cet::supprimer_cpc,
            commandes::cet::apercu_import_cet,
            commandes::cet::importer_cet,
            commandes::cet::exporter_cet,
            commandes::cet::lister_animations,
            commandes::cet::lire_animation,
            commandes::cet::creer_animation,
            commandes::cet::inviter_secteurs,
            commandes::cet::ecrire_notes_animation,
            commandes::cet::exporter_animation,
            commandes::cet::exporter_retour_organisations,
            commandes::cet::exporter_avis_employeur,
            commandes::cet::exporter_bilan_cet,
        ])
        .run(tauri::generate_context!())
        .expect("la fenêtre de Passerelle n'a pas pu s'ouvrir");
}

#[cfg(test)]
mod tests {
    /// Une commande enregistrée sans sa permission serait refusée par Tauri à l'exécution :
    /// les trois listes (enregistrement, manifeste de build.rs, capacité) doivent concorder.
    #[test]
    fn chaque_commande_a_sa_permission() {
        let app = include_str!("app.rs");
        let build = include_str!("../build.rs");
        let capacite = include_str!("../capabilities/default.json");
        let enregistrees: Vec<&str> = app
            .split("\n")
            .filter_map(|l| l.trim().strip_prefix("commandes::"))
            .filter_map(|s| s.split(',').next())
            .map(|s| s.rsplit("::").next().unwrap_or(s))
            .filter(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        assert!(enregistrees.len() >= 20, "{enregistrees:?}");
        for c in &enregistrees {
            assert!(
                build.contains(&format!("\"{c}\"")),
                "{c} absent de build.rs"
            );
            assert!(
                capacite.contains(&format!("\"allow-{}\"", c.replace('_', "-"))),
                "{c} absent de la capacité"
            );
        }
        assert_eq!(capacite.matches("\"allow-").count(), enregistrees.len());
    }
}
