//! L'annuaire : contrôles de saisie, recherche sans accents, filtres, tri, suppression refusée
//! quand l'enregistrement est cité, et la démonstration chargée par les mêmes chemins.

use passerelle_core::annuaire::bassins::{self, FiltreBassins, SaisieBassin};
use passerelle_core::annuaire::etablissements::{self, FiltreEtablissements, SaisieEtablissement};
use passerelle_core::annuaire::organisations::{self, FiltreOrganisations, SaisieOrganisation};
use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, SaisiePersonne};
use passerelle_core::annuaire::{self, academies};
use passerelle_core::liste::ParametresListe;
use passerelle_core::{base, demo, parametres, Connection, Erreur};

mod common;
#[path = "annuaire/listes.rs"]
mod listes;
#[path = "annuaire/recherche.rs"]
mod recherche;

fn base_vide() -> Connection {
    base::en_memoire().unwrap()
}

fn lille(c: &Connection) -> i64 {
    academies::trouver(c, "09").unwrap().id
}

fn etab(c: &Connection, uai: &str, nom: &str, bassin: Option<i64>) -> SaisieEtablissement {
    SaisieEtablissement {
        uai: uai.into(),
        nom: nom.into(),
        type_: "lp".into(),
        commune: "Lens".into(),
        academie_id: Some(lille(c)),
        bassin_id: bassin,
    }
}

/// Crée le bassin `nom` dans l'académie `academie_id`.
fn bassin(c: &Connection, nom: &str, academie_id: i64) -> Result<bassins::Bassin, Erreur> {
    bassins::creer(
        c,
        &SaisieBassin {
            nom: nom.into(),
            academie_id: Some(academie_id),
        },
    )
}

fn champs(e: Erreur) -> Vec<(String, String)> {
    match e {
        Erreur::Validation(v) => v
            .into_iter()
            .map(|c| (c.champ.to_string(), c.message))
            .collect(),
        autre => panic!("attendu une erreur de validation, obtenu {autre}"),
    }
}

fn recherche(q: &str) -> ParametresListe {
    ParametresListe {
        recherche: q.into(),
        ..Default::default()
    }
}

#[test]
fn academies_en_lecture_seule() {
    let c = base_vide();
    assert_eq!(academies::trouver(&c, "lille").unwrap().code, "09");
    assert_eq!(academies::trouver(&c, "70").unwrap().nom, "Normandie");
    assert!(c
        .execute("UPDATE academie SET nom = 'X' WHERE code = '09'", [])
        .is_err());
    assert!(c
        .execute("DELETE FROM academie WHERE code = '09'", [])
        .is_err());
}

#[test]
fn etablissement_cree_puis_retrouve_sans_accents_ni_casse() {
    let c = base_vide();
    let b = bassin(&c, "Lens-Liévin", lille(&c)).unwrap();
    let e =
        etablissements::creer(&c, &etab(&c, " 0620057a ", "Lycée Émile-Zola", Some(b.id))).unwrap();
    assert_eq!(e.uai, "0620057A");
    assert_eq!(e.bassin.as_deref(), Some("Lens-Liévin"));
    for q in ["emile zola", "LYCEE", "zola lycée", "liévin", "0620057"] {
        let r = etablissements::lister(
            &c,
            &FiltreEtablissements {
                liste: recherche(q),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.total, 1, "recherche « {q} »");
    }
    let r = etablissements::lister(
        &c,
        &FiltreEtablissements {
            liste: recherche("zola victor"),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn uai_a_cle_fausse_refuse_avec_la_lettre_attendue_et_rien_n_est_ecrit() {
    let c = base_vide();
    let e = etablissements::creer(&c, &etab(&c, "0620057B", "Lycée Faux", None)).unwrap_err();
    let champs = champs(e);
    assert_eq!(champs[0].0, "uai");
    assert!(champs[0].1.contains("« A »"), "{}", champs[0].1);
    assert_eq!(annuaire::compter(&c).unwrap().etablissements, 0);
}

#[test]
fn toutes_les_erreurs_d_un_formulaire_a_la_fois() {
    let c = base_vide();
    let s = SaisieEtablissement {
        uai: "123".into(),
        type_: "lycee".into(),
        ..Default::default()
    };
    let noms: Vec<String> = champs(etablissements::creer(&c, &s).unwrap_err())
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(noms, ["uai", "nom", "type", "academie_id"]);
}

#[test]
fn uai_en_double_refuse() {
    let c = base_vide();
    etablissements::creer(&c, &etab(&c, "0620057A", "Lycée A", None)).unwrap();
    let e = etablissements::creer(&c, &etab(&c, "0620057A", "Lycée B", None)).unwrap_err();
    assert!(champs(e)[0].1.contains("« Lycée A »"));
}

#[test]
fn bassin_d_une_autre_academie_refuse() {
    let c = base_vide();
    let lyon = academies::trouver(&c, "10").unwrap().id;
    let b = bassin(&c, "Villefranche", lyon).unwrap();
    let e = etablissements::creer(&c, &etab(&c, "0620057A", "Lycée A", Some(b.id))).unwrap_err();
    assert_eq!(champs(e)[0].0, "bassin_id");
}

#[test]
fn suppression_refusee_quand_cite_avec_le_lieu_d_usage() {
    let c = base_vide();
    let b = bassin(&c, "Arras", lille(&c)).unwrap();
    let e =
        etablissements::creer(&c, &etab(&c, "0620057A", "Lycée Guy-Mollet", Some(b.id))).unwrap();
    let p = personnes::creer(
        &c,
        &SaisiePersonne {
            civilite: "Mme".into(),
            nom: "MARTIN".into(),
            prenom: "Inès".into(),
            etablissement_id: Some(e.id),
            ..Default::default()
        },
    )
    .unwrap();
    let err = bassins::supprimer(&c, b.id).unwrap_err();
    assert!(matches!(err, Erreur::EnUsage(_)));
    assert!(
        err.to_string()
            .contains("1 établissement (Lycée Guy-Mollet)"),
        "{err}"
    );
    let err = etablissements::supprimer(&c, e.id).unwrap_err();
    assert!(
        err.to_string().contains("1 personne (Inès MARTIN)"),
        "{err}"
    );
    // Une fois les liens retirés, la suppression passe.
    personnes::supprimer(&c, p.id).unwrap();
    etablissements::supprimer(&c, e.id).unwrap();
    bassins::supprimer(&c, b.id).unwrap();
    assert!(annuaire::compter(&c).unwrap().vide());
}

#[test]
fn organisation_siret_luhn_et_doublon() {
    let c = base_vide();
    let s = SaisieOrganisation {
        type_: "entreprise".into(),
        nom: "Aciéries du Nord".into(),
        siret: Some("732 829 320 00074".into()),
        ..Default::default()
    };
    let o = organisations::creer(&c, &s).unwrap();
    assert_eq!(o.siret.as_deref(), Some("73282932000074"));
    let mauvais = SaisieOrganisation {
        siret: Some("73282932000075".into()),
        nom: "Autre".into(),
        ..s.clone()
    };
    assert_eq!(
        champs(organisations::creer(&c, &mauvais).unwrap_err())[0].0,
        "siret"
    );
    let double = SaisieOrganisation {
        nom: "Autre".into(),
        ..s.clone()
    };
    assert!(champs(organisations::creer(&c, &double).unwrap_err())[0]
        .1
        .contains("Aciéries du Nord"));
    let sans = SaisieOrganisation {
        siret: Some("  ".into()),
        nom: "Sans SIRET".into(),
        ..s
    };
    assert_eq!(organisations::creer(&c, &sans).unwrap().siret, None);
    let r = organisations::lister(
        &c,
        &FiltreOrganisations {
            liste: recherche("acieries"),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 1);
}

#[test]
fn personne_contacts_valides_et_un_seul_rattachement() {
    let c = base_vide();
    let o = common::organisation(&c, "cma", "CMA Hauts");
    let e = etablissements::creer(&c, &etab(&c, "0620057A", "Lycée A", None)).unwrap();
    let s = SaisiePersonne {
        civilite: "M.".into(),
        nom: "LEFÈVRE".into(),
        prenom: "Hugo".into(),
        email: "hugo.lefevre@cma".into(),
        telephone: "03 21".into(),
        organisation_id: Some(o),
        etablissement_id: Some(e.id),
        ..Default::default()
    };
    let noms: Vec<String> = champs(personnes::creer(&c, &s).unwrap_err())
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(noms, ["email", "telephone", "organisation_id"]);
    let bon = SaisiePersonne {
        email: "Hugo.Lefevre@cma-hauts.fr".into(),
        telephone: "0321456789".into(),
        etablissement_id: None,
        ..s
    };
    let p = personnes::creer(&c, &bon).unwrap();
    assert_eq!(
        (p.email.as_str(), p.telephone.as_str()),
        ("hugo.lefevre@cma-hauts.fr", "03 21 45 67 89")
    );
    assert_eq!(p.rattachement.as_deref(), Some("CMA Hauts"));
    let r = personnes::lister(
        &c,
        &FiltrePersonnes {
            liste: recherche("lefevre"),
            rattachement: Some("organisation".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 1);
    let r = personnes::lister(
        &c,
        &FiltrePersonnes {
            rattachement: Some("etablissement".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn tri_filtre_et_limite() {
    let c = base_vide();
    for (uai, nom, type_) in [
        ("0620057A", "Lycée Zola", "lp"),
        ("0750654D", "Lycée Arago", "lgt"),
        ("0750653C", "Collège Émile", "college"),
    ] {
        etablissements::creer(
            &c,
            &SaisieEtablissement {
                type_: type_.into(),
                ..etab(&c, uai, nom, None)
            },
        )
        .unwrap();
    }
    let noms = |f: FiltreEtablissements| -> Vec<String> {
        etablissements::lister(&c, &f)
            .unwrap()
            .lignes
            .into_iter()
            .map(|e| e.nom)
            .collect()
    };
    assert_eq!(
        noms(Default::default()),
        ["Collège Émile", "Lycée Arago", "Lycée Zola"]
    );
    let desc = ParametresListe {
        tri: Some("uai".into()),
        descendant: true,
        ..Default::default()
    };
    assert_eq!(
        noms(FiltreEtablissements {
            liste: desc,
            ..Default::default()
        }),
        ["Lycée Arago", "Collège Émile", "Lycée Zola"]
    );
    let limite = ParametresListe {
        limite: Some(2),
        ..Default::default()
    };
    let r = etablissements::lister(
        &c,
        &FiltreEtablissements {
            liste: limite,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((r.lignes.len(), r.total), (2, 3));
    let mauvais = ParametresListe {
        tri: Some("nom; DROP TABLE etablissement".into()),
        ..Default::default()
    };
    assert!(etablissements::lister(
        &c,
        &FiltreEtablissements {
            liste: mauvais,
            ..Default::default()
        }
    )
    .is_err());
    assert_eq!(
        noms(FiltreEtablissements {
            type_: Some("college".into()),
            ..Default::default()
        }),
        ["Collège Émile"]
    );
}

#[test]
fn bassins_filtres_par_academie_et_doublon_refuse() {
    let c = base_vide();
    let l = lille(&c);
    bassin(&c, "Douai", l).unwrap();
    let e = bassin(&c, "douai", l).unwrap_err();
    assert_eq!(champs(e)[0].0, "nom");
    let lyon = academies::trouver(&c, "10").unwrap().id;
    bassin(&c, "Douai", lyon).unwrap();
    let r = bassins::lister(
        &c,
        &FiltreBassins {
            academie_id: Some(l),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 1);
}

#[test]
fn demonstration_chargee_par_les_memes_controles() {
    let c = base_vide();
    assert!(parametres::accueil_requis(&c).unwrap());
    parametres::choisir_accueil(&c, true).unwrap();
    assert!(!parametres::accueil_requis(&c).unwrap());
    let n = annuaire::compter(&c).unwrap();
    assert!(
        n.bassins >= 12 && n.etablissements >= 30 && n.organisations >= 20 && n.personnes >= 40,
        "{n:?}"
    );
    // Chaque établissement de démonstration a un UAI dont la clé est juste.
    let tous = etablissements::lister(
        &c,
        &FiltreEtablissements {
            liste: ParametresListe {
                limite: Some(1000),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    for e in tous.lignes {
        assert_eq!(annuaire::validation::uai(&e.uai).unwrap(), e.uai);
    }
}

#[test]
fn demonstration_refuse_un_fichier_non_vide() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("existant.sqlite");
    std::fs::write(&chemin, b"mes notes").unwrap();
    assert!(demo::creer_base(&chemin).is_err());
    assert_eq!(std::fs::read(&chemin).unwrap(), b"mes notes");
}

#[test]
fn choix_base_vide_n_ecrit_que_le_choix() {
    let c = base_vide();
    parametres::choisir_accueil(&c, false).unwrap();
    assert!(!parametres::accueil_requis(&c).unwrap());
    assert!(annuaire::compter(&c).unwrap().vide());
}
