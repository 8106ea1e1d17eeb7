//! Nombres et années hostiles : effectifs bornés à la saisie et à l'import, sommes du bilan
//! contrôlées sur une base écrite ailleurs, années et horizon bornés à l'entrée du cœur.
//! `catch_unwind` ne sert qu'à prouver qu'il n'y a plus d'arrêt du programme.

use super::{base_demo, saisie};
use crate::common::{message_sous, sans_panique};
use passerelle_core::ipe::actions;
use passerelle_core::ipe::bilan::{self, Periode};
use passerelle_core::ipe::import;
use passerelle_core::travail::Suivi;
use passerelle_core::{base, dates, echeancier, parametres, Erreur};

#[test]
fn effectifs_bornes_a_la_saisie() {
    let c = base::en_memoire().unwrap();
    let mut s = saisie(&c);
    s.jeunes_filles = "250 000".into();
    let m = message_sous("jeunes_filles", actions::creer(&c, &s));
    assert!(m.contains("maximum plausible") && m.contains("100"), "{m}");
    let mut s = saisie(&c);
    s.entreprises = "9223372036854775807".into();
    let m = message_sous("entreprises", actions::creer(&c, &s));
    assert!(m.contains("Entreprises"), "{m}");
    // Au maximum, c'est accepté.
    let mut s = saisie(&c);
    s.jeunes_filles = "100000".into();
    assert!(actions::creer(&c, &s).is_ok());
}

#[test]
fn effectifs_bornes_a_l_import() {
    let c = base_demo();
    let fichier = "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;\
                   enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n\
                   05/03/2026;;Lille;stages;Absurde;1;1;1;1;1;1;9000000000000000000\n";
    let r = import::importer_actions(&c, fichier.as_bytes(), false, &Suivi::default());
    let Err(Erreur::Import(lignes)) = r else {
        panic!("import accepté : {r:?}")
    };
    assert!(
        lignes[0].starts_with("Ligne 2 : ") && lignes[0].contains("maximum plausible"),
        "{lignes:?}"
    );
}

#[test]
fn bilan_d_une_base_aux_effectifs_absurdes() {
    let c = base_demo();
    c.execute(
        "UPDATE action_ipe SET jeunes_filles = 9223372036854775807, jeunes_garcons = 9223372036854775807",
        [],
    )
    .unwrap();
    let r = sans_panique("bilan", || bilan::apercu(&c, Periode::Civile(2007), None));
    let m = message_sous("effectifs", r);
    assert!(m.contains("trop grands"), "{m}");
    // La liste des actions reste lisible.
    let liste = sans_panique("liste", || {
        actions::lister(&c, &actions::FiltreActions::default())
    });
    assert!(liste.is_ok());
}

#[test]
fn annees_bornees_a_l_entree() {
    let c = base_demo();
    for p in [
        Periode::Civile(i32::MAX),
        Periode::Civile(i32::MIN),
        Periode::Civile(1899),
        Periode::Scolaire(2200),
        Periode::Scolaire(i32::MAX),
    ] {
        let r = sans_panique("bilan", || bilan::apercu(&c, p, None));
        let m = message_sous("annee", r);
        assert!(
            m.contains("hors des limites acceptées (1900 à 2200)"),
            "{m}"
        );
        let r = sans_panique("PDF", || bilan::fichier_bilan(&c, p, None, false));
        assert!(r.is_err());
    }
    assert!(bilan::apercu(&c, Periode::Scolaire(2199), None).is_ok());
    for saisie in [
        "2147483647-1",
        "2147483647-2147483648",
        "-2147483648-0",
        "2500-2501",
    ] {
        let r = sans_panique(saisie, || dates::lire_annee_scolaire(saisie));
        assert!(r.is_err(), "{saisie} accepté");
    }
    assert_eq!(dates::lire_annee_scolaire("2199-2200"), Ok(2199));
    assert!(dates::lire_annee_scolaire("2200-2201")
        .unwrap_err()
        .contains("hors des limites"));
    assert!(dates::lire("01/01/2201").is_err() && dates::lire("31/12/1899").is_err());
}

#[test]
fn horizon_borne_a_l_ecriture_et_a_la_lecture() {
    let c = base::en_memoire().unwrap();
    let h = parametres::Horizons {
        echeances: u32::MAX,
        alerte: 1,
    };
    let m = message_sous("echeances", parametres::ecrire_horizons(&c, &h));
    assert!(m.contains("3 650 jours"), "{m}");
    // Une valeur absurde écrite dans la base par un autre programme.
    parametres::ecrire(&c, "horizon_echeances", "4000000000").unwrap();
    let r = sans_panique("échéancier", || echeancier::a_venir(&c, None));
    assert!(r.is_ok());
    assert_eq!(parametres::horizons(&c).unwrap().echeances, 90);
    let r = sans_panique("échéancier", || echeancier::a_venir(&c, Some(u32::MAX)));
    let m = message_sous("jours", r);
    assert!(m.contains("3 650 jours"), "{m}");
}
