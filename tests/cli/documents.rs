//! Bilans IPE, import, échéances et documents des conventions.

use super::outils::*;
use crate::common::{evenements_ics, participants_ics, pdf_en_ligne, pdftotext};

#[test]
fn le_pdf_du_bilan_2007_de_demonstration_contient_tous_les_chiffres() {
    let (d, db) = dossier_et_base_demo();
    let pdf = d.path().join("bilan-2007.pdf");
    reussir(&bilan_ipe_2007(&db, &["--sortie", p(&pdf)]));
    let t = pdftotext(&pdf, None);
    contient_tous(
        &t,
        "du PDF",
        &[
            "Bilan 2007 du dispositif « Ingénieurs pour l'école »",
            "Périmètre : national",
            "2 008",
            "6 025",
            "222 471",
            "105 607",
            "116 864",
            "30 974",
            "11 091",
            "19 883",
            "3 533",
            "444",
            "53 IPE en équivalent temps plein, soit 639,8 mois d'activité, dans 24 académies",
            "+16 % par rapport à 2006 (1 731 actions)",
            "Stages",
            "Information sur les métiers",
            "62 255",
            "9 370",
            "Actions diverses",
            "Conclusion",
            "Définitions",
            // Commentaires de la démonstration, saisis « dans l'application ».
            "carrefours",
            "savoir-faire",
        ],
    );
    for n in [
        "175", "245", "200", "76", "63", "214", "228", "188", "144", "88", "89", "44", "61", "193",
    ] {
        assert!(t.contains(n), "{n} absent");
    }
}

#[test]
fn bilan_d_une_academie_en_csv() {
    let (d, db) = dossier_et_base_demo();
    let sortie = d.path().join("bilan.csv");
    reussir(&bilan_ipe_2007(
        &db,
        &[
            "--academie",
            "lille",
            "--format",
            "csv",
            "--sortie",
            p(&sortie),
        ],
    ));
    let csv = std::fs::read_to_string(&sortie).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("académie de Lille"));
    assert!(csv.contains("theme;libelle;actions;academies"));
    let err = refuser(&bilan_ipe_2007(
        &db,
        &["--academie", "Atlantide", "--sortie", p(&sortie)],
    ));
    assert!(err.contains("Atlantide"));
}

#[test]
fn import_en_ligne_de_commande_tout_ou_rien() {
    let (d, db) = dossier_et_base_demo();
    let csv = d.path().join("actions.csv");
    let entete = "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n";
    std::fs::write(&csv, format!("{entete}02/02/2026;;Lille;stages;Bonne;1;1;1;1;1;1;1\n30/02/2026;;Lille;stages;Mauvaise;1;1;1;1;1;1;1\n")).unwrap();
    let actions = || -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT count(*) FROM action_ipe", [], |r| r.get(0))
            .unwrap()
    };
    let avant = actions();
    let err = refuser(&["import", "actions-ipe", "--db", p(&db), p(&csv)]);
    assert!(
        err.contains("rien n'a été enregistré") && err.contains("Ligne 3 :"),
        "{err}"
    );
    assert_eq!(
        actions(),
        avant,
        "la bonne ligne 2 n'a pas été écrite non plus"
    );
    std::fs::write(
        &csv,
        format!("{entete}02/02/2026;;Lille;stages;Bonne;1;1;1;1;1;1;1\n"),
    )
    .unwrap();
    let o = reussir(&["import", "actions-ipe", "--db", p(&db), p(&csv), "--essai"]);
    assert!(texte(&o.stdout).contains("essai"));
    assert_eq!(actions(), avant, "l'essai n'écrit rien");
    let o = passerelle(&["import", "actions-ipe", "--db", p(&db), p(&csv)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        texte(&o.stdout).starts_with("1 ligne importée"),
        "{}",
        texte(&o.stdout)
    );
    assert_eq!(actions(), avant + 1);
}

#[test]
fn echeances_de_la_demonstration_en_ics_relu() {
    let (_d, db) = dossier_et_base_demo();
    let o = reussir(&[
        "echeances",
        "--db",
        p(&db),
        "--jusqu-au",
        "31/12/2099",
        "--format",
        "ics",
    ]);
    let evenements = evenements_ics(&texte(&o.stdout));
    assert!(evenements.len() >= 5, "{} événements", evenements.len());
    let o = passerelle(&["echeances", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        texte(&o.stdout).contains("Forges et Laminoirs"),
        "{}",
        texte(&o.stdout)
    );
    let err = refuser(&["echeances", "--db", p(&db), "--jusqu-au", "31/02/2027"]);
    assert!(err.contains("n'est pas une date valide"));
}

#[test]
fn dossier_de_reunion_du_groupe_de_suivi() {
    let (d, db) = dossier_et_base_demo();
    let id = convention_des_forges(&db);
    let pdf = d.path().join("dossier.pdf");
    let reunion = (chrono::Local::now().date_naive() + chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    reussir(&[
        "suivi",
        "preparer",
        "--db",
        p(&db),
        "--convention",
        &id.to_string(),
        "--reunion",
        &reunion,
        "--sortie",
        p(&pdf),
    ]);
    let t = pdftotext(&pdf, None);
    contient_tous(
        &t,
        "du dossier",
        &[
            "Réunion du groupe de suivi",
            "1 – La convention",
            "2 – Échéances à venir",
            "3 – Activité liée depuis la réunion du",
            "4 – Actions de suivi ouvertes",
            "Organiser la visite du site",
            "5 – Ordre du jour proposé",
            "Feuille d'émargement",
            "DURAND Claire",
            "FAURE Éric",
            "Signature",
        ],
    );
    // L'action close à la réunion d'avant ne revient pas.
    assert!(!t.contains("Recenser les places de stage"), "{t}");
    let err = refuser(&[
        "suivi",
        "preparer",
        "--db",
        p(&db),
        "--convention",
        "999",
        "--reunion",
        &reunion,
        "--sortie",
        p(&pdf),
    ]);
    assert!(err.contains("n'existe pas"));
}

#[test]
fn releve_de_decisions_et_invitation_d_une_reunion_de_demonstration() {
    let (d, db) = dossier_et_base_demo();
    let c = rusqlite::Connection::open(&db).unwrap();
    let reunion: i64 = c
        .query_row("SELECT r.id FROM reunion r JOIN convention c ON c.id = r.convention_id WHERE c.titre LIKE '%Forges%' ORDER BY r.date DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let pdf = d.path().join("releve.pdf");
    let t = document_de_reunion(&db, ["suivi", "releve"], reunion, &pdf);
    contient_tous(
        &t,
        "du relevé",
        &[
            "Relevé de décisions",
            "Étaient présents : DURAND Claire – Proviseure",
            "Étaient excusés : MERCIER Sophie",
            "1. Suivi de l'action : Recenser les places de stage de l'été",
            "Action close : 28 places recensées.",
            "2. Plateau technique partagé",
            "Décisions",
            "conseil d'administration du lycée",
            "Actions",
            "Proposer un plateau technique partagé au CFA",
            "Éric FAURE",
        ],
    );
    // L'invitation .ics porte les membres du groupe comme participants.
    let chemin = passerelle_core::reunions::documents::ics_invitation(
        &passerelle_core::base::ouvrir(&db).unwrap().conn,
        reunion,
    )
    .unwrap();
    let ev = evenements_ics(&chemin);
    let participants = participants_ics(&ev[0]);
    assert_eq!(participants.len(), 4, "{participants:?}");
    assert!(participants
        .iter()
        .any(|(n, v)| n.contains("DURAND Claire") && v == "mailto:claire.durand@ac-lille.fr"));
}

#[test]
fn bilan_annuel_d_une_convention_de_demonstration() {
    let (d, db) = dossier_et_base_demo();
    let id = convention_des_forges(&db);
    let annee = chrono::Datelike::year(&chrono::Local::now().date_naive()).to_string();
    let pdf = d.path().join("bilan.pdf");
    reussir(&[
        "bilan",
        "convention",
        "--db",
        p(&db),
        "--convention",
        &id.to_string(),
        "--annee",
        &annee,
        "--sortie",
        p(&pdf),
    ]);
    let t = pdf_en_ligne(&pdf);
    for attendu in [
        "Bilan",
        "1 – Activité liée",
        "2 – Contrat annuel de progrès",
        "Élèves accueillis",
        "70 %",
        "3 – Réunions du groupe de suivi",
        "4 – Actions de suivi ouvertes",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent :\n{t}");
    }
}

/// La convention de démonstration avec les Forges et Laminoirs.
fn convention_des_forges(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT id FROM convention WHERE titre LIKE '%Forges%'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}
