//! Erreur de la couche fenêtre : celles du domaine, plus l'état de la base ouverte.
//! Sérialisée pour l'interface en `{code, message, champs}` comme celle du domaine.

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
}

impl Serialize for ErreurApp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ErreurApp::Domaine(e) => e.serialize(s),
            ErreurApp::BaseFermee(_) | ErreurApp::Ouverture(_) => {
                let mut st = s.serialize_struct("Erreur", 3)?;
                st.serialize_field(
                    "code",
                    if matches!(self, ErreurApp::BaseFermee(_)) {
                        "base_fermee"
                    } else {
                        "ouverture"
                    },
                )?;
                st.serialize_field("message", &self.to_string())?;
                st.serialize_field("champs", &[] as &[u8])?;
                st.end()
            }
        }
    }
}
