//! La ligne de commande du binaire `passerelle` : codes de sortie, messages français,
//! fichiers refusés laissés intacts. Aucun affichage n'est demandé.

mod common;

#[path = "cli/outils.rs"]
mod outils;

#[path = "cli/annuaire_education.rs"]
mod annuaire_education;
#[path = "cli/base.rs"]
mod base;
#[path = "cli/concurrence.rs"]
mod concurrence;
#[path = "cli/consolidation.rs"]
mod consolidation;
#[path = "cli/documents.rs"]
mod documents;
#[path = "cli/fichiers.rs"]
mod fichiers;
#[path = "cli/historique.rs"]
mod historique;
#[path = "cli/hostiles.rs"]
mod hostiles;
#[path = "cli/reseaux.rs"]
mod reseaux;
#[path = "cli/sauvegardes.rs"]
mod sauvegardes;
