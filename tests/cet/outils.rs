//! Aides communes aux tests de ce fichier.

#![allow(unused_imports)]

pub(crate) use crate::common::{
    compter, d, evenements_ics, octets_pdf_en_ligne, organisation, participants_ics, sans_nbsp,
};
pub(crate) use chrono::Days;
pub(crate) use passerelle_core::annuaire::{academies, bassins, organisations, personnes};
pub(crate) use passerelle_core::cet::mandats::{self, EtatMandat, SaisieCampagne, SaisieMandat};
pub(crate) use passerelle_core::cet::registre::{self, FiltreCet, SaisieCet, SaisieJury};
pub(crate) use passerelle_core::cet::{animations, bilan, documents, export, import};
pub(crate) use passerelle_core::reunions::{self, SaisieReunion};
pub(crate) use passerelle_core::travail::Suivi;
pub(crate) use passerelle_core::{base, echeancier, rapport, tableur, Connection, Erreur};

/// Une base avec le bassin de Lens, prête pour les imports.
pub(crate) fn base_lille() -> Connection {
    let c = base::en_memoire().unwrap();
    let lille = academies::trouver(&c, "Lille").unwrap().id;
    bassins::creer(
        &c,
        &bassins::SaisieBassin {
            nom: "Lens-Liévin".into(),
            academie_id: Some(lille),
        },
    )
    .unwrap();
    c
}

pub(crate) const ENTETE: &str = "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat";

pub(crate) fn csv_valide() -> String {
    [
        ENTETE,
        "Mme;Lefèvre;Hélène;helene.lefevre@forges.fr;03 21 00 00 01;Forges de l'Escaut;Métallurgie;Métallurgie;Union des métiers du métal;Lille;Lens-Liévin;01/01/2024;31/12/2028",
        "M.;Dupré;Gaël;gael.dupre@batir.fr;;Bâtir du Nord;Bâtiment;Bâtiment, travaux publics et matériaux de construction;Fédération du bâtiment;09;;01/09/2023;31/08/2026",
        "M;Noël;Jérôme;;;;Hôtellerie;Tourisme, hôtellerie, restauration;;Lille;;01/01/2027;31/12/2031",
    ]
    .join("\r\n")
}

/// Trois CET saisis à la main dans l'académie de Lille.
pub(crate) fn registre_manuel(c: &Connection) -> (i64, [i64; 3]) {
    let lille = academies::trouver(c, "Lille").unwrap().id;
    let org = organisation(
        c,
        "organisation_professionnelle",
        "Union des métiers du métal",
    );
    let emp = organisation(c, "entreprise", "Forges de l'Escaut");
    let mut ids = [0; 3];
    for (i, (nom, prenom, secteur, debut, fin)) in [
        ("DURAND", "Anne", "Métallurgie", "01/01/2022", "31/12/2026"),
        ("MOREL", "Paul", "Métallurgie", "01/01/2023", "31/12/2027"),
        ("ROY", "Lina", "Bâtiment", "01/01/2022", "31/12/2026"),
    ]
    .into_iter()
    .enumerate()
    {
        let p = personnes::creer(
            c,
            &personnes::SaisiePersonne {
                civilite: "Mme".into(),
                nom: nom.into(),
                prenom: prenom.into(),
                email: format!("{}@exemple.fr", prenom.to_lowercase()),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let s = SaisieCet {
            personne_id: Some(p),
            statut_pro: "salarie".into(),
            employeur_id: Some(emp),
            secteur: secteur.into(),
            organisation_proposante_id: Some(org),
            academie_id: Some(lille),
            missions: vec!["jurys".into(), "expertise".into()],
            date_arrete: "15/12/2021".into(),
            debut_mandat: debut.into(),
            fin_mandat: fin.into(),
            ..Default::default()
        };
        ids[i] = registre::creer(c, &s).unwrap().id;
    }
    (lille, ids)
}
