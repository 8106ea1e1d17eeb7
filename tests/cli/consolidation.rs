//! `passerelle identite`, `paquet exporter`, `paquet importer`, `sources` : le parcours d'une
//! consolidation par la ligne de commande, et ses refus.

use super::common::compter_dans;
use super::outils::{base_demo, p, passerelle, texte, Path};
use std::path::PathBuf;

/// Une base nationale, vide et nommée.
fn base_nationale(d: &Path) -> PathBuf {
    let national = d.join("national.sqlite");
    assert_eq!(
        passerelle(&["nouvelle", "--db", p(&national)])
            .status
            .code(),
        Some(0)
    );
    let o = passerelle(&["identite", "--db", p(&national), "--nom", "National"]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(
        sortie.starts_with("Nom : National\nAcadémie : aucune (base nationale)\n"),
        "{sortie}"
    );
    national
}

/// Le paquet IPE 2007 de Lille, exporté de la démonstration.
fn paquet_de_lille(demo: &Path, d: &Path) -> PathBuf {
    let lille = d.join("lille.passerelle");
    let o = passerelle(&[
        "paquet",
        "exporter",
        "--db",
        p(demo),
        "--perimetre",
        "ipe",
        "--annee",
        "2007",
        "--academie",
        "Lille",
        "--sortie",
        p(&lille),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).starts_with("Paquet écrit : "),
        "{}",
        texte(&o.stdout)
    );
    lille
}

#[test]
fn exporter_importer_lister_les_sources() {
    let d = tempfile::tempdir().unwrap();
    let demo = base_demo(d.path());
    let national = base_nationale(d.path());
    let lille = paquet_de_lille(&demo, d.path());

    // Essai : compte rendu, rien d'écrit.
    let o = passerelle(&[
        "paquet",
        "importer",
        "--db",
        p(&national),
        p(&lille),
        "--essai",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains("« Démonstration », IPE (registre et actions), 2007 — nouvelles : "),
        "{sortie}"
    );
    assert!(
        sortie.ends_with("Essai : rien n'a été enregistré.\n"),
        "{sortie}"
    );
    assert_eq!(compter_dans(&national, "action_ipe"), 0);

    let o = passerelle(&["paquet", "importer", "--db", p(&national), p(&lille)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let actions = compter_dans(&national, "action_ipe");
    assert!(actions > 50, "{actions}");
    let o = passerelle(&["paquet", "importer", "--db", p(&national), p(&lille)]);
    assert!(
        texte(&o.stdout).contains("déjà importé, rien n'a changé."),
        "{}",
        texte(&o.stdout)
    );
    assert_eq!(compter_dans(&national, "action_ipe"), actions);

    let o = passerelle(&["sources", "--db", p(&national)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let s = texte(&o.stdout);
    assert!(s.starts_with("2007 | Démonstration | IPE (registre et actions) | Lille | lille.passerelle | reçu le "), "{s}");
    assert!(
        s.contains("Sans paquet pour 2007 : Aix-Marseille, Amiens"),
        "{s}"
    );
    assert!(!s.contains("Lille,"), "{s}");
}

#[test]
fn les_refus_disent_pourquoi_en_francais() {
    let d = tempfile::tempdir().unwrap();
    let demo = base_demo(d.path());
    let cas: &[(&[&str], &str)] = &[
        (
            &[
                "paquet",
                "exporter",
                "--perimetre",
                "ipe",
                "--sortie",
                "x.passerelle",
            ],
            "Indiquez la période",
        ),
        (
            &[
                "paquet",
                "exporter",
                "--perimetre",
                "tout",
                "--annee",
                "2007",
                "--annee-scolaire",
                "2007-2008",
                "--sortie",
                "x",
            ],
            "l'une des deux",
        ),
        (
            &[
                "paquet",
                "exporter",
                "--perimetre",
                "cantine",
                "--annee",
                "2007",
                "--sortie",
                "x",
            ],
            "Périmètre inconnu : « cantine »",
        ),
        (
            &["paquet", "importer"],
            "Usage : passerelle paquet importer",
        ),
    ];
    for (args, attendu) in cas {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--db", p(&demo)]);
        let o = passerelle(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            texte(&o.stderr).contains(attendu),
            "{args:?}: {}",
            texte(&o.stderr)
        );
    }
    // Un fichier qui n'est pas un paquet : code 1, la base est intacte.
    let faux = d.path().join("faux.passerelle");
    std::fs::write(&faux, "bonjour").unwrap();
    let o = passerelle(&["paquet", "importer", "--db", p(&demo), p(&faux)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texte(&o.stdout).contains("faux.passerelle : refusé, rien n'en a été enregistré."),
        "{}",
        texte(&o.stdout)
    );
    assert!(
        texte(&o.stdout).contains("n'est pas un paquet Passerelle"),
        "{}",
        texte(&o.stdout)
    );
    assert_eq!(compter_dans(&demo, "consolidation_source"), 0);
}

#[test]
fn l_identite_d_une_base_academique_nomme_son_academie() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().join("lille.sqlite");
    assert_eq!(
        passerelle(&["nouvelle", "--db", p(&base)]).status.code(),
        Some(0)
    );
    let o = passerelle(&[
        "identite",
        "--db",
        p(&base),
        "--nom",
        "DAET Lille",
        "--academie",
        "09",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).starts_with("Nom : DAET Lille\nAcadémie : Lille (09)\n"),
        "{}",
        texte(&o.stdout)
    );
    // Relue sans option : la même.
    let o = passerelle(&["identite", "--db", p(&base)]);
    assert!(
        texte(&o.stdout).contains("Académie : Lille (09)\n"),
        "{}",
        texte(&o.stdout)
    );
    let o = passerelle(&["identite", "--db", p(&base), "--academie", "Atlantide"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("Atlantide"),
        "{}",
        texte(&o.stderr)
    );
}
