//! Ingénieurs pour l'école : leurs missions, leurs actions, le bilan annuel et les imports.

pub mod actions;
pub mod bilan;
pub mod commentaires;
pub mod import;
pub mod intervenants;
pub mod themes;

/// Services de rattachement d'un IPE.
pub const SERVICES: &[(&str, &str)] = &[
    ("daet", "DAET"),
    ("dafpic", "DAFPIC"),
    ("administration_centrale", "Administration centrale"),
];

/// Niveau d'une action.
pub const NIVEAUX: &[(&str, &str)] = &[("academique", "Académique"), ("national", "National")];
