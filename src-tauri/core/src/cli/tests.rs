//! Lecture des arguments : chaque commande, ses erreurs.

use super::*;

fn a(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Les arguments d'une ligne de commande sans espace dans ses mots : « bilan ipe --annee 2007 ».
fn mots(ligne: &str) -> Vec<String> {
    ligne.split_whitespace().map(String::from).collect()
}

#[test]
fn analyse_des_arguments() {
    let fenetre = |db: Option<&str>, paquets: &[&str]| Demande::Fenetre {
        db: db.map(Into::into),
        paquets: paquets.iter().map(Into::into).collect(),
    };
    assert_eq!(analyser(&a(&[])).unwrap(), fenetre(None, &[]));
    assert_eq!(
        analyser(&mots("--db x.sqlite")).unwrap(),
        fenetre(Some("x.sqlite"), &[])
    );
    // Un paquet ouvert depuis le gestionnaire de fichiers : la fenêtre, sur son aperçu.
    assert_eq!(
        analyser(&a(&[
            "/tmp/Paquet IPE 2007.passerelle",
            "--db",
            "x.sqlite",
            "b.PASSERELLE"
        ]))
        .unwrap(),
        fenetre(
            Some("x.sqlite"),
            &["/tmp/Paquet IPE 2007.passerelle", "b.PASSERELLE"]
        )
    );
    assert!(analyser(&mots("b.passerelle notes.txt")).is_err());
    assert_eq!(analyser(&mots("--version")).unwrap(), Demande::Version);
    assert_eq!(
        analyser(&mots("demo --db d.sqlite")).unwrap(),
        Demande::Demo {
            db: Some("d.sqlite".into())
        }
    );
    assert_eq!(
        analyser(&mots("nouvelle --db n.sqlite")).unwrap(),
        Demande::Nouvelle {
            db: Some("n.sqlite".into())
        }
    );
    assert_eq!(
        analyser(&mots("nouvelle encore")).unwrap_err(),
        "Trop d'arguments."
    );
    assert_eq!(
        analyser(&mots("--db=v.sqlite verifier")).unwrap(),
        Demande::Verifier {
            db: Some("v.sqlite".into())
        }
    );
    assert!(analyser(&mots("demo --db")).unwrap_err().contains("--db"));
    assert!(analyser(&mots("exporter"))
        .unwrap_err()
        .contains("« exporter »"));
    assert!(analyser(&mots("--vite"))
        .unwrap_err()
        .contains("« --vite »"));
    assert!(analyser(&mots("demo encore")).is_err());
}

#[test]
fn analyse_des_imports() {
    assert_eq!(
        analyser(&mots("import actions-ipe --db b.sqlite a.csv --essai")).unwrap(),
        Demande::Import {
            db: Some("b.sqlite".into()),
            quoi: Importable::ActionsIpe,
            fichier: "a.csv".into(),
            essai: true,
            academie: None
        }
    );
    assert!(analyser(&mots("import cetx x.csv"))
        .unwrap_err()
        .contains("« cetx »"));
    assert_eq!(
        analyser(&mots("import cet --db b.sqlite liste.xlsx")).unwrap(),
        Demande::Import {
            db: Some("b.sqlite".into()),
            quoi: Importable::Cet,
            fichier: "liste.xlsx".into(),
            essai: false,
            academie: None
        }
    );
    assert_eq!(
        analyser(&mots(
            "import annuaire-education --db b.sqlite annuaire.csv --academie 09 --essai"
        ))
        .unwrap(),
        Demande::Import {
            db: Some("b.sqlite".into()),
            quoi: Importable::AnnuaireEducation,
            fichier: "annuaire.csv".into(),
            essai: true,
            academie: Some("09".into())
        }
    );
    assert!(analyser(&mots("import cet l.csv --academie Lille"))
        .unwrap_err()
        .contains("--academie"));
}

#[test]
fn analyse_des_bilans_ipe() {
    assert_eq!(
        analyser(&mots(
            "bilan ipe --annee 2007 --academie Lille --sortie b.pdf"
        ))
        .unwrap(),
        Demande::BilanIpe {
            db: None,
            annee: 2007,
            academie: Some("Lille".into()),
            scolaire: false,
            csv: false,
            sortie: "b.pdf".into()
        }
    );
    assert!(analyser(&mots("bilan ipe --annee 07 --sortie b.pdf"))
        .unwrap_err()
        .contains("quatre chiffres"));
    assert!(analyser(&mots("bilan ipe --annee 2007"))
        .unwrap_err()
        .contains("--sortie"));
}

#[test]
fn analyse_des_commandes_des_cet() {
    assert_eq!(
        analyser(&mots("export cet --format xlsx --sortie r.xlsx")).unwrap(),
        Demande::ExportCet {
            db: None,
            format: "xlsx".into(),
            sortie: "r.xlsx".into()
        }
    );
    assert!(analyser(&mots("export cet --format ods --sortie r.ods"))
        .unwrap_err()
        .contains("csv ou xlsx"));
    assert_eq!(
        analyser(&mots(
            "cet retour-organisations --organisation 7 --sortie r.pdf"
        ))
        .unwrap(),
        Demande::RetourOrganisations {
            db: None,
            organisation: Some(7),
            csv: false,
            sortie: "r.pdf".into()
        }
    );
    assert_eq!(
        analyser(&mots("bilan cet --annee-scolaire 2025-2026 --sortie b.pdf")).unwrap(),
        Demande::BilanCet {
            db: None,
            annee: 2025,
            academie: None,
            sortie: "b.pdf".into()
        }
    );
}

#[test]
fn numeros_d_organisation_et_de_comite() {
    let e = analyser(&mots(
        "cet retour-organisations --organisation sept --sortie r.pdf",
    ))
    .unwrap_err();
    assert_eq!(
        e,
        "L'organisation «\u{a0}sept\u{a0}» se désigne par son numéro."
    );
    let e = analyser(&mots(
        "bilan clee --annee-scolaire 2025-2026 --comite Lens --sortie b.pdf",
    ))
    .unwrap_err();
    assert_eq!(e, "Le comité «\u{a0}Lens\u{a0}» se désigne par son numéro.");
}

#[test]
fn annee_scolaire_drapeau_du_bilan_ipe_valeur_des_bilans_clee_et_cet() {
    let ipe = analyser(&mots(
        "bilan ipe --annee-scolaire --annee 2025 --sortie b.pdf",
    ))
    .unwrap();
    assert!(matches!(
        ipe,
        Demande::BilanIpe {
            scolaire: true,
            annee: 2025,
            ..
        }
    ));
    for args in [
        &[
            "bilan",
            "clee",
            "--annee-scolaire",
            "2025-2026",
            "--sortie",
            "b.pdf",
        ][..],
        &[
            "bilan",
            "clee",
            "--annee-scolaire=2025-2026",
            "--sortie=b.pdf",
        ],
        &[
            "--annee-scolaire",
            "2025-2026",
            "bilan",
            "clee",
            "--sortie",
            "b.pdf",
        ],
    ] {
        assert!(
            matches!(
                analyser(&a(args)),
                Ok(Demande::BilanClee { annee: 2025, .. })
            ),
            "{args:?}"
        );
    }
    assert!(analyser(&mots("bilan cet --sortie b.pdf"))
        .unwrap_err()
        .contains("--annee-scolaire 2025-2026"));
    assert!(analyser(&mots("bilan ipe --annee-scolaire=oui"))
        .unwrap_err()
        .contains("ne prend pas de valeur"));
}

#[cfg(unix)]
#[test]
fn arguments_qui_ne_sont_pas_en_utf8() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let brut = |o: &[u8]| OsString::from_vec(o.to_vec());
    let args = |v: &[&[u8]]| v.iter().map(|o| brut(o)).collect::<Vec<_>>();
    // Un chemin de fichier peut ne pas être en UTF-8 : il est pris tel quel.
    assert_eq!(
        analyser(&args(&[b"verifier", b"--db", b"base-\xe9t\xe9.sqlite"])).unwrap(),
        Demande::Verifier {
            db: Some(brut(b"base-\xe9t\xe9.sqlite").into())
        }
    );
    assert_eq!(
        analyser(&args(&[b"import", b"cet", b"liste-\xe9t\xe9.csv"])).unwrap(),
        Demande::Import {
            db: None,
            quoi: Importable::Cet,
            fichier: brut(b"liste-\xe9t\xe9.csv").into(),
            essai: false,
            academie: None
        }
    );
    // Ailleurs, un message en français.
    for v in [
        args(&[b"v\xe9rifier"]),
        args(&[b"bilan", b"clee", b"--academie", b"Cr\xe9teil"]),
        args(&[b"import", b"c\xe9t", b"liste.csv"]),
    ] {
        let e = analyser(&v).unwrap_err();
        assert!(e.contains("n'est pas écrit en UTF-8"), "{e}");
    }
}

/// L'année d'un bilan ou d'un paquet a les bornes de `dates` (1900 à 2200), comme dans la
/// fenêtre ; le message reste celui de la ligne de commande.
#[test]
fn annee_bornee_comme_dans_la_fenetre() {
    let ligne = |annee: &str| {
        mots(&format!(
            "paquet exporter --perimetre ipe --annee {annee} --sortie p.passerelle"
        ))
    };
    match analyser(&ligne("1920")).unwrap() {
        Demande::PaquetExporter { demande, .. } => {
            assert_eq!(demande.periode, crate::dates::Periode::Civile(1920))
        }
        autre => panic!("{autre:?}"),
    }
    assert!(analyser(&mots("bilan ipe --annee 1920 --sortie b.pdf")).is_ok());
    for annee in ["1899", "2201"] {
        assert_eq!(
            analyser(&ligne(annee)).unwrap_err(),
            format!("L'année {annee} est hors des limites acceptées (1900 à 2200).")
        );
    }
    for annee in ["deux", "07", "20071"] {
        assert_eq!(
            analyser(&ligne(annee)).unwrap_err(),
            format!(
                "L'année «\u{a0}{annee}\u{a0}» doit s'écrire sur quatre chiffres, par exemple --annee 2007."
            )
        );
    }
}
