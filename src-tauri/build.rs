// Chaque commande de l'application reçoit sa permission « allow-… » : la fenêtre n'a droit
// qu'à celles que sa capacité (capabilities/default.json) énumère.
const COMMANDES: &[&str] = &[
    "infos_base",
    "choisir_accueil",
    "references",
    "comptes_annuaire",
    "lister_bassins",
    "creer_bassin",
    "modifier_bassin",
    "supprimer_bassin",
    "lister_etablissements",
    "creer_etablissement",
    "modifier_etablissement",
    "supprimer_etablissement",
    "lister_organisations",
    "creer_organisation",
    "modifier_organisation",
    "supprimer_organisation",
    "lister_personnes",
    "creer_personne",
    "modifier_personne",
    "supprimer_personne",
    "lister_themes_ipe",
    "creer_theme_ipe",
    "lister_ipe",
    "creer_ipe",
    "modifier_ipe",
    "supprimer_ipe",
    "missions_ipe",
    "ajouter_mission_ipe",
    "modifier_mission_ipe",
    "supprimer_mission_ipe",
    "lister_actions_ipe",
    "creer_action_ipe",
    "modifier_action_ipe",
    "dupliquer_action_ipe",
    "supprimer_action_ipe",
    "importer_ipe",
    "bilan_ipe",
    "commentaires_bilan",
    "ecrire_commentaire_bilan",
    "exporter_bilan_ipe",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDES)),
    )
    .expect("configuration Tauri invalide");
}
