//! Comités locaux École-entreprise (CLEE) : comités et membres, actions vers les élèves et les
//! équipes, bilan annuel. Leurs réunions sont celles du module `reunions`.

pub mod actions;
pub mod bilan;
pub mod comites;
