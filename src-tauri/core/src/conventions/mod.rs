//! Conventions et accords-cadres : les fiches (clauses, statuts, avenants), le calendrier
//! qu'elles font naître et l'échéancier de tout ce qui arrive à terme.

pub mod calendrier;
pub mod contrat;
pub mod echeancier;
pub mod fiches;
pub mod pieces;
pub mod structure;
pub mod suivi;
pub mod dossier;
