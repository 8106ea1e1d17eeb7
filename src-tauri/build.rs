//! Une commande est déclarée à un seul endroit : la fonction marquée `#[tauri::command]` dans
//! `src/commandes.rs` ou `src/commandes/*.rs`. Ce script en tire la liste et produit :
//! - `commandes_generees.rs` (dans OUT_DIR) : la liste des noms et le gestionnaire d'appels ;
//! - les permissions du greffon interne « passerelle » (dans OUT_DIR, rien dans le dépôt), dont
//!   la permission `passerelle:default` qui les autorise toutes et que la capacité accorde.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// (chemin du module Rust, nom de la fonction) de chaque commande, dans l'ordre des fichiers.
fn commandes_declarees() -> Vec<(String, String)> {
    let racine = Path::new("src/commandes.rs");
    let mut fichiers: Vec<(String, PathBuf)> = vec![("commandes".into(), racine.to_path_buf())];
    let mut sous: Vec<PathBuf> = std::fs::read_dir("src/commandes")
        .expect("dossier src/commandes illisible")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    sous.sort();
    for p in sous {
        let module = p
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("nom de fichier");
        fichiers.push((format!("commandes::{module}"), p));
    }
    println!("cargo:rerun-if-changed=src/commandes");
    let mut commandes = Vec::new();
    for (module, chemin) in fichiers {
        println!("cargo:rerun-if-changed={}", chemin.display());
        let texte = std::fs::read_to_string(&chemin).expect("fichier de commandes illisible");
        let mut lignes = texte.lines().map(str::trim);
        while let Some(l) = lignes.next() {
            if l != "#[tauri::command]" && l != "#[tauri::command(async)]" {
                continue;
            }
            let signature = lignes
                .by_ref()
                .find(|l| !l.starts_with("#[") && !l.starts_with("//"))
                .unwrap_or_default();
            let nom = signature
                .trim_start_matches("pub ")
                .trim_start_matches("async ")
                .strip_prefix("fn ")
                .and_then(|s| s.split(['(', '<']).next())
                .unwrap_or_else(|| {
                    panic!("{}: commande illisible : {signature}", chemin.display())
                });
            commandes.push((module.clone(), nom.trim().to_string()));
        }
    }
    let mut vus = std::collections::BTreeSet::new();
    for (_, nom) in &commandes {
        assert!(
            vus.insert(nom.clone()),
            "commande déclarée deux fois : {nom}"
        );
    }
    commandes
}

fn main() {
    let commandes = commandes_declarees();
    let mut genere = String::from(
        "/// Noms de toutes les commandes, tels que la page les appelle.\n#[cfg(test)]\n",
    );
    genere.push_str("pub const NOMS: &[&str] = &[\n");
    for (_, nom) in &commandes {
        let _ = writeln!(genere, "    {nom:?},");
    }
    genere.push_str("];\n\n/// Le gestionnaire d'appels de toutes les commandes.\n");
    genere
        .push_str("macro_rules! gestionnaire {\n    () => {\n        tauri::generate_handler![\n");
    for (module, nom) in &commandes {
        let _ = writeln!(genere, "            crate::{module}::{nom},");
    }
    genere.push_str("        ]\n    };\n}\n");
    let sortie = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(sortie.join("commandes_generees.rs"), genere).expect("écriture impossible");

    let noms: Vec<&'static str> = commandes
        .into_iter()
        .map(|(_, nom)| &*Box::leak(nom.into_boxed_str()))
        .collect();
    let greffon = tauri_build::InlinedPlugin::new()
        .commands(Box::leak(noms.into_boxed_slice()))
        .default_permission(tauri_build::DefaultPermissionRule::AllowAllCommands);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .plugin("passerelle", greffon)
            .app_manifest(tauri_build::AppManifest::new()),
    )
    .expect("configuration Tauri invalide");
}
