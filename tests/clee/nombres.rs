//! Nombres et années hostiles dans les CLEE (et le bilan CET) : effectifs bornés à la saisie,
//! sommes du bilan contrôlées sur une base écrite ailleurs, années bornées à l'entrée.
//! `catch_unwind` ne sert qu'à prouver qu'il n'y a plus d'arrêt du programme.

use crate::common::{base_demo_en_memoire, d, message_sous, sans_panique};
use passerelle_core::cet;
use passerelle_core::clee::actions::{self, FiltreActionsClee, SaisieActionClee};
use passerelle_core::clee::bilan::{self, Perimetre};

#[test]
fn effectifs_d_une_action_de_comite_bornes() {
    let c = base_demo_en_memoire();
    let comite: i64 = c
        .query_row("SELECT min(id) FROM comite_clee", [], |r| r.get(0))
        .unwrap();
    let s = SaisieActionClee {
        comite_id: Some(comite),
        date: "12/03/2026".into(),
        type_: "forum".into(),
        intitule: "Forum des métiers".into(),
        filles: "1000000".into(),
        garcons: "12".into(),
        enseignants: "20000".into(),
        ..Default::default()
    };
    let m = message_sous("filles", actions::creer(&c, &s));
    assert!(m.contains("maximum plausible"), "{m}");
    let m = message_sous("enseignants", actions::creer(&c, &s));
    assert!(m.contains("maximum plausible"), "{m}");
    let ok = SaisieActionClee {
        filles: "100000".into(),
        enseignants: "10000".into(),
        ..s
    };
    assert!(actions::creer(&c, &ok).is_ok());
}

#[test]
fn bilan_clee_d_une_base_aux_effectifs_absurdes() {
    let c = base_demo_en_memoire();
    c.execute(
        "UPDATE action_clee SET filles = 9223372036854775807, garcons = 9223372036854775807",
        [],
    )
    .unwrap();
    let date: String = c
        .query_row("SELECT max(date) FROM action_clee", [], |r| r.get(0))
        .unwrap();
    let annee = passerelle_core::dates::lire(&date).unwrap();
    let rentree = passerelle_core::dates::annee_scolaire(annee);
    let rentree: i32 = rentree[..4].parse().unwrap();
    let r = sans_panique("bilan", || {
        bilan::modele_bilan(&c, rentree, Perimetre::Tous, d("31/12/2199"))
    });
    let m = message_sous("effectifs", r);
    assert!(m.contains("trop grands"), "{m}");
}

#[test]
fn annees_des_bilans_clee_et_cet_bornees() {
    let c = base_demo_en_memoire();
    for annee in [i32::MAX, i32::MIN, 1899, 2200] {
        let r = sans_panique("bilan CLEE", || {
            bilan::modele_bilan(&c, annee, Perimetre::Tous, d("01/01/2026"))
        });
        let m = message_sous("annee_scolaire", r);
        assert!(m.contains("hors des limites"), "{m}");
        let r = sans_panique("bilan CET", || {
            cet::bilan::modele_bilan(&c, annee, None, d("01/01/2026"))
        });
        let m = message_sous("annee_scolaire", r);
        assert!(m.contains("hors des limites"), "{m}");
        let f = FiltreActionsClee {
            annee_scolaire: Some(annee),
            ..Default::default()
        };
        let r = sans_panique("liste", || actions::lister(&c, &f));
        assert!(r.is_err());
    }
    let r = sans_panique("document", || {
        bilan::document_bilan(&c, "2147483647-2147483648", Perimetre::Tous)
    });
    assert!(message_sous("annee_scolaire", r).contains("2025-2026"));
}
