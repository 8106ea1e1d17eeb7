//! Bout en bout : la vraie fenêtre de Passerelle pilotée par tauri-driver et WebKitWebDriver
//! sous Xvfb. Ces tests demandent un affichage : `scripts/tester.sh` les lance sous xvfb-run,
//! un par un (les ports 4444/4445 sont fixes).

mod common;

#[path = "e2e/outils.rs"]
mod outils;

#[path = "e2e/annuaire.rs"]
mod annuaire;
#[path = "e2e/clee_cet.rs"]
mod clee_cet;
#[path = "e2e/consolidation.rs"]
mod consolidation;
#[path = "e2e/conventions.rs"]
mod conventions;
#[path = "e2e/fichiers.rs"]
mod fichiers;
#[path = "e2e/ipe.rs"]
mod ipe;
#[path = "e2e/journal.rs"]
mod journal;
#[path = "e2e/selecteurs.rs"]
mod selecteurs;
