//! Conseillers entreprise pour l'École (ex-conseillers de l'enseignement technologique, CET) :
//! registre et mandats, CPC, animations du réseau, import et export, retours aux organisations
//! professionnelles et aux employeurs, bilan annuel.

pub mod animations;
pub mod bilan;
pub mod cpc;
pub mod export;
pub mod import;
pub mod mandats;
pub mod registre;
pub mod retours;
