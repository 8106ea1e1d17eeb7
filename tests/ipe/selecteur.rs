//! Le sélecteur d'IPE (actions, filtre de la liste) : un intervenant se trouve par son nom, son
//! entreprise d'origine ou son académie, accents et casse ignorés ; le contexte les montre.

use super::base_demo;
use passerelle_core::annuaire::recherche::{chercher, decrire, Genre};
use passerelle_core::ipe::intervenants::{self, FiltreIpe};
use passerelle_core::texte;

#[test]
fn un_ipe_se_trouve_par_son_nom_son_entreprise_ou_son_academie() {
    let c = base_demo();
    assert_eq!(Genre::depuis_code("ipe").unwrap(), Genre::Ipe);
    let ipe = intervenants::lister(&c, &FiltreIpe::default())
        .unwrap()
        .lignes
        .into_iter()
        .find(|i| i.entreprise.is_some())
        .expect("un IPE de la démonstration avec une entreprise d'origine");
    let entreprise = ipe.entreprise.clone().unwrap_or_default();
    let attendu = format!("{entreprise} · {}", ipe.academie);
    let trouve = |saisie: &str| {
        let t = chercher(&c, Genre::Ipe, saisie, Some(100)).unwrap();
        t.resultats.into_iter().find(|r| r.id == ipe.id)
    };
    // Le nom en minuscules et sans accents, une partie du prénom, l'entreprise, l'académie.
    let (nom, prenom) = ipe.nom_complet.split_once(' ').unwrap();
    let prenom_partiel: String = texte::normaliser(prenom).chars().take(3).collect();
    for saisie in [
        texte::normaliser(nom),
        format!("{} {prenom_partiel}", nom.to_uppercase()),
        entreprise.clone(),
        format!("{} {}", nom, ipe.academie),
    ] {
        let r = trouve(&saisie)
            .unwrap_or_else(|| panic!("« {saisie} » ne trouve pas {}", ipe.nom_complet));
        assert_eq!(r.libelle, ipe.nom_complet);
        assert_eq!(r.contexte, attendu);
    }
    assert!(trouve("zzzz introuvable").is_none());
    // La valeur déjà choisie d'un formulaire se décrit de même.
    let d = decrire(&c, Genre::Ipe, ipe.id).unwrap();
    assert_eq!(d.resultats[0].libelle, ipe.nom_complet);
    assert_eq!(d.resultats[0].contexte, attendu);
    // Sans saisie : des IPE, au plus la limite.
    let t = chercher(&c, Genre::Ipe, "", Some(5)).unwrap();
    assert_eq!(t.resultats.len(), 5);
    assert!(t.plus);
}
