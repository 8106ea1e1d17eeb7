//! Ingénieurs pour l'école : leurs missions, leurs actions, le bilan annuel et les imports.

pub mod actions;
pub mod bilan;
pub mod commentaires;
pub mod import;
pub mod intervenants;
pub mod themes;

crate::codes! {
    /// Service de rattachement d'un IPE.
    pub enum Service {
        Daet = "daet" => "DAET",
        Dafpic = "dafpic" => "DAFPIC",
        AdministrationCentrale = "administration_centrale" => "Administration centrale",
    }
}

crate::codes! {
    /// Niveau d'une action IPE.
    pub enum NiveauAction {
        Academique = "academique" => "Académique",
        National = "national" => "National",
    }
}
