//! Conventions et accords-cadres : les fiches (clauses, statuts, avenants), le calendrier
//! qu'elles font naître, le groupe de suivi, le contrat de progrès et les pièces jointes.

pub mod avenants;
pub mod calendrier;
pub mod contrat;
pub mod documents;
pub mod fiches;
pub mod pieces;
pub mod structure;
pub mod suivi;
