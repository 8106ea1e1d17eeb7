//! Nombres venus d'une saisie, d'un import ou d'une base reçue d'ailleurs : bornes plausibles
//! des effectifs d'une action, et sommes contrôlées des bilans. Un nombre invraisemblable
//! donne un message en français, jamais un arrêt du programme ni un total faux.

use crate::{texte, Erreur, Resultat};

/// Refuse un effectif au-delà du maximum plausible pour une action : c'est une faute de
/// frappe (des zéros en trop) ou un fichier abîmé, et il fausserait tous les bilans.
pub fn borne(n: i64, max: i64, libelle: &str) -> Result<i64, String> {
    if n > max {
        Err(format!(
            "{libelle} : {} dépasse le maximum plausible pour une action ({}).",
            texte::nombre(n),
            texte::nombre(max)
        ))
    } else {
        Ok(n)
    }
}

/// Le message d'un total qui déborde : seule une base écrite hors de Passerelle (ou abîmée)
/// peut contenir de tels nombres, puisque la saisie et les imports les bornent.
pub fn trop_grand() -> Erreur {
    Erreur::validation(
        "effectifs",
        "Les effectifs enregistrés sont trop grands pour être additionnés : la base contient \
         des nombres invraisemblables, sans doute écrits hors de Passerelle. Corrigez les \
         actions concernées.",
    )
}

/// Somme de deux nombres d'un bilan, sans débordement silencieux.
pub fn somme(a: i64, b: i64) -> Resultat<i64> {
    a.checked_add(b).ok_or_else(trop_grand)
}

/// Somme d'une suite de nombres d'un bilan, sans débordement silencieux.
pub fn total(valeurs: impl IntoIterator<Item = i64>) -> Resultat<i64> {
    valeurs.into_iter().try_fold(0, somme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bornes_et_sommes() {
        assert_eq!(borne(100, 100, "Filles"), Ok(100));
        assert!(borne(101, 100, "Filles")
            .unwrap_err()
            .contains("dépasse le maximum plausible"));
        assert_eq!(total([1, 2, 3]).ok(), Some(6));
        assert!(matches!(somme(i64::MAX, 1), Err(Erreur::Validation(_))));
        assert!(total([i64::MIN, -1]).is_err());
    }
}
