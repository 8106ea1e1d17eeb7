//! Passerelle : la logique métier, sans Tauri. Les commandes de la fenêtre, la ligne de commande
//! et les tests appellent les mêmes fonctions.

pub mod annuaire;
pub mod base;
pub mod cet;
pub mod clee;
pub mod cli;
pub mod consolidation;
pub mod conventions;
pub mod csv;
pub mod dates;
pub mod demo;
pub mod echeancier;
pub mod erreur;
pub mod fichiers;
pub mod ics;
pub mod instance;
pub mod ipe;
pub mod journal;
pub mod liste;
pub mod nombres;
pub mod parametres;
pub mod preferences;
pub mod rapport;
pub mod reunions;
pub mod sauvegardes;
pub mod tableur;
pub mod texte;
pub mod travail;
pub mod vocabulaire;

pub use erreur::{ChampInvalide, Controle, Erreur, Resultat};
/// La connexion SQLite, pour que la fenêtre n'ait pas à dépendre de rusqlite.
pub use rusqlite::Connection;

/// Version du programme, affichée par `passerelle --version` et dans Paramètres.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
