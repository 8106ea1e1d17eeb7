//! La mise en page de l'export des données d'une personne (sans SQL).

use super::DonneesPersonne;
use crate::journal::Changement;
use crate::rapport::{edite_le, Bloc, Colonne, Couverture, Rapport};

fn lignes(champs: &[Changement]) -> Vec<Vec<String>> {
    champs
        .iter()
        .map(|c| vec![c.champ.clone(), c.apres.clone()])
        .collect()
}

pub fn rendre_donnees_personne(m: &DonneesPersonne) -> Rapport {
    let mut blocs = vec![
        Bloc::Titre1("Fiche".into()),
        Bloc::tableau(
            vec![Colonne::texte("Champ", 1.0), Colonne::texte("Valeur", 2.5)],
            lignes(&m.fiche),
        ),
        Bloc::Titre1("Fiches qui la citent".into()),
    ];
    if m.mentions.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Aucune autre fiche ne cite cette personne.".into(),
        ));
    }
    for mention in &m.mentions {
        let champs: Vec<String> = mention
            .champs
            .iter()
            .map(|c| format!("{} : {}", c.champ, c.apres))
            .collect();
        blocs.push(Bloc::Titre3(mention.quoi.clone()));
        blocs.push(Bloc::Paragraphe(champs.join(" ; ")));
    }
    blocs.push(Bloc::Titre1("Historique".into()));
    let historique: Vec<Vec<String>> = m
        .historique
        .iter()
        .map(|e| {
            vec![
                e.quand_fr.clone(),
                e.fiche.clone(),
                format!("{} ({})", e.operation_libelle, e.chemin_libelle),
                crate::journal::changements_en_texte(e),
            ]
        })
        .collect();
    blocs.push(Bloc::tableau_ou(
        "Aucun changement enregistré.",
        vec![
            Colonne::texte("Date", 1.0),
            Colonne::texte("Fiche", 1.6),
            Colonne::texte("Opération", 1.2),
            Colonne::texte("Changements", 2.6),
        ],
        historique,
    ));
    blocs.push(Bloc::Note(
        "Document établi au titre du droit d'accès (article 15 du RGPD) : il reprend tout ce que \
         cette base Passerelle enregistre de la personne."
            .into(),
    ));
    Rapport {
        titre: format!("Données personnelles – {}", m.nom),
        entete: format!("Données personnelles – {}", m.nom),
        couverture: Some(Couverture {
            titre: "Données personnelles".into(),
            sous_titre: Some(m.nom.clone()),
            lignes: vec![edite_le(crate::rapport::aujourdhui())],
        }),
        blocs,
    }
}
