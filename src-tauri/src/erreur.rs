//! Erreur de la couche fenêtre : celles du domaine, plus l'état de la base ouverte, les fichiers
//! du système et les incidents internes. Sérialisée pour l'interface en `{code, message, champs}`
//! comme celle du domaine.

use passerelle_core::Erreur;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum ErreurApp {
    #[error(transparent)]
    Domaine(#[from] Erreur),
    #[error("Aucune base n'est ouverte : {0}")]
    BaseFermee(String),
    #[error("Le fichier n'a pas pu être ouvert avec l'application du système : {0}")]
    Ouverture(String),
    #[error("Une erreur interne a interrompu l'opération ; rien n'a été enregistré. Vous pouvez continuer à travailler.")]
    Panique,
    #[error("Ce fichier n'est plus connu de Passerelle : choisissez-le de nouveau.")]
    FichierInconnu,
    #[error("Ce travail n'existe pas ou plus.")]
    TravailInconnu,
}

impl ErreurApp {
    fn code(&self) -> &'static str {
        match self {
            ErreurApp::Domaine(_) => "domaine",
            ErreurApp::BaseFermee(_) => "base_fermee",
            ErreurApp::Ouverture(_) => "ouverture",
            ErreurApp::Panique => "panique",
            ErreurApp::FichierInconnu => "fichier_inconnu",
            ErreurApp::TravailInconnu => "travail_inconnu",
        }
    }
}

impl Serialize for ErreurApp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let ErreurApp::Domaine(e) = self {
            return e.serialize(s);
        }
        let mut st = s.serialize_struct("Erreur", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.serialize_field("champs", &[] as &[u8])?;
        st.end()
    }
}
