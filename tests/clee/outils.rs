//! Aides communes aux tests de ce fichier.

#![allow(unused_imports)]

pub(crate) use crate::common::{
    compter, evenements_ics, octets_pdf_en_ligne, organisation, participants_ics,
};
pub(crate) use chrono::NaiveDate;
pub(crate) use icalendar::Component;
pub(crate) use passerelle_core::annuaire::{
    academies, bassins, etablissements, organisations, personnes,
};
pub(crate) use passerelle_core::clee::actions::{self, SaisieActionClee};
pub(crate) use passerelle_core::clee::bilan::{self, Perimetre};
pub(crate) use passerelle_core::clee::comites::{self, SaisieComite, SaisieMembre};
pub(crate) use passerelle_core::reunions::{
    self, documents, Cadre, SaisieActionSuivi, SaisieReunion,
};
pub(crate) use passerelle_core::{base, dates, rapport, Connection};

/// Un petit annuaire : un bassin à Lille, un à Lyon, un lycée, une entreprise, six personnes.
pub(crate) struct Monde {
    pub(crate) lille: i64,
    pub(crate) lyon: i64,
    pub(crate) bassin_lens: i64,
    pub(crate) bassin_lyon: i64,
    pub(crate) lycee: i64,
    pub(crate) entreprise: i64,
    /// proviseure, chef d'entreprise, principal, conseillère mission locale, élue, invité
    pub(crate) p: [i64; 6],
}

/// Les six personnes du monde : civilité, nom, prénom, fonction, courriel, employée par
/// l'entreprise, rattachée au lycée.
const PERSONNES: [(&str, &str, &str, &str, &str, bool, bool); 6] = [
    (
        "Mme",
        "Durand",
        "Claire",
        "Proviseure",
        "claire.durand@ac-lille.fr",
        false,
        true,
    ),
    (
        "Mme",
        "Arnaud",
        "Claire",
        "Directrice",
        "claire.arnaud@artois.fr",
        true,
        false,
    ),
    (
        "M.",
        "Morel",
        "Karim",
        "Principal",
        "karim.morel@ac-lille.fr",
        false,
        false,
    ),
    (
        "Mme",
        "Leroux",
        "Nadia",
        "Conseillère en insertion",
        "",
        false,
        false,
    ),
    (
        "Mme",
        "Morel",
        "Sophie",
        "Élue",
        "sophie.morel@region.fr",
        false,
        false,
    ),
    (
        "M.",
        "Caron",
        "Paul",
        "Invité",
        "paul.caron@transport.fr",
        false,
        false,
    ),
];

pub(crate) fn monde(c: &Connection) -> Monde {
    let lille = academies::trouver(c, "Lille").unwrap().id;
    let lyon = academies::trouver(c, "Lyon").unwrap().id;
    let bassin = |a: i64, nom: &str| {
        bassins::creer(
            c,
            &bassins::SaisieBassin {
                nom: nom.into(),
                academie_id: Some(a),
            },
        )
        .unwrap()
        .id
    };
    let (bassin_lens, bassin_lyon) = (bassin(lille, "Lens-Liévin"), bassin(lyon, "Lyon Centre"));
    let lycee = etablissements::creer(
        c,
        &etablissements::SaisieEtablissement {
            uai: "0621952K".into(),
            nom: "Lycée Jean-Moulin".into(),
            type_: "lp".into(),
            commune: "Lens".into(),
            academie_id: Some(lille),
            bassin_id: Some(bassin_lens),
        },
    )
    .unwrap()
    .id;
    let entreprise = organisation(c, "entreprise", "Artois Emballages");
    let p = PERSONNES.map(
        |(civ, nom, prenom, fonction, email, chez_l_entreprise, au_lycee)| {
            let s = personnes::SaisiePersonne {
                civilite: civ.into(),
                nom: nom.into(),
                prenom: prenom.into(),
                fonction: fonction.into(),
                email: email.into(),
                organisation_id: chez_l_entreprise.then_some(entreprise),
                etablissement_id: au_lycee.then_some(lycee),
                ..Default::default()
            };
            personnes::creer(c, &s).unwrap().id
        },
    );
    Monde {
        lille,
        lyon,
        bassin_lens,
        bassin_lyon,
        lycee,
        entreprise,
        p,
    }
}

pub(crate) fn comite_lens(c: &Connection, m: &Monde) -> i64 {
    let s = SaisieComite {
        nom: "CLEE de Lens-Liévin".into(),
        academie_id: Some(m.lille),
        bassin_ids: vec![m.bassin_lens],
        etablissement_support_id: Some(m.lycee),
        copilote_education_id: Some(m.p[0]),
        copilote_entreprise_id: Some(m.p[1]),
        date_charte: "15/09/2023".into(),
        ..Default::default()
    };
    let id = comites::creer(c, &s).unwrap().id;
    for (p, college) in [
        (m.p[2], "education"),
        (m.p[3], "emploi_insertion"),
        (m.p[4], "collectivites"),
    ] {
        comites::ajouter_membre(
            c,
            id,
            &SaisieMembre {
                personne_id: Some(p),
                college: college.into(),
                role: String::new(),
            },
        )
        .unwrap();
    }
    id
}

/// Une réunion tenue : présences, compte rendu de deux points, une décision, une action.
pub(crate) fn reunion_tenue(c: &Connection, m: &Monde) -> (Cadre, i64) {
    let cadre = Cadre::Comite(comite_lens(c, m));
    let s = SaisieReunion {
        type_: "pleniere".into(),
        date: "12/01/2026".into(),
        heure: "14h30".into(),
        etablissement_id: Some(m.lycee),
        ..Default::default()
    };
    let r = reunions::creer(c, cadre, &s).unwrap();
    reunions::inviter(c, r.id, Some(m.p[5])).unwrap();
    for (p, e) in [
        (m.p[0], "present"),
        (m.p[1], "present"),
        (m.p[2], "excuse"),
        (m.p[3], "present"),
        (m.p[4], "absent"),
        (m.p[5], "present"),
    ] {
        reunions::marquer_presence(c, r.id, p, e).unwrap();
    }
    for (intitule, texte) in [
        ("Bilan du forum", "Quatre cent cinquante élèves accueillis."),
        ("Stages de seconde", ""),
    ] {
        let p = reunions::ajouter_point(c, r.id, intitule).unwrap();
        reunions::ecrire_compte_rendu(c, p.last().unwrap().id, texte).unwrap();
    }
    reunions::ajouter_decision(c, r.id, "Le prochain forum aura lieu au lycée Marie-Curie.")
        .unwrap();
    let a = SaisieActionSuivi {
        intitule: "Écrire aux entreprises de logistique".into(),
        responsable_id: Some(m.p[1]),
        echeance: "15/02/2026".into(),
        reunion_id: Some(r.id),
    };
    reunions::ajouter_action(c, cadre, &a).unwrap();
    (cadre, r.id)
}

pub(crate) fn cadre_id(c: Cadre) -> Option<i64> {
    Some(c.id())
}
