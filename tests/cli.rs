//! La ligne de commande du binaire `passerelle` : codes de sortie, messages français,
//! fichiers refusés laissés intacts. Aucun affichage n'est demandé.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{evenements_ics, participants_ics, pdf_en_ligne, pdftotext};

fn passerelle<A: AsRef<std::ffi::OsStr>>(args: &[A]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .env_remove("PASSERELLE_DB")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("lancement de passerelle")
}

fn texte(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(chemin: &Path) -> &str {
    chemin.to_str().unwrap()
}

#[test]
fn version() {
    let o = passerelle(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(texte(&o.stdout).starts_with(&format!("passerelle {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn demo_puis_verifier() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("demo.sqlite");
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(sortie.contains("Base de démonstration créée"), "{sortie}");
    assert!(sortie.contains("établissements"));

    let o = passerelle(&["verifier", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains(&format!(
            "Version du schéma : {}",
            passerelle_core::base::VERSION_SCHEMA
        )),
        "{sortie}"
    );
    assert!(sortie.contains("aucun problème"));

    // La démonstration ne touche jamais un fichier non vide.
    let avant = std::fs::read(&db).unwrap();
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("existe déjà"));
    assert_eq!(std::fs::read(&db).unwrap(), avant);
}

#[test]
fn fichier_etranger_code_2_message_francais_fichier_intact() {
    let d = tempfile::tempdir().unwrap();
    let faux = d.path().join("tableur.sqlite");
    let contenu = b"nom;prenom\nDUPONT;Anne\n".repeat(100);
    std::fs::write(&faux, &contenu).unwrap();
    let o = passerelle(&["verifier", "--db", p(&faux)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("n'est pas une base SQLite"),
        "{}",
        texte(&o.stderr)
    );
    assert_eq!(std::fs::read(&faux).unwrap(), contenu);
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn verifier_fichier_absent() {
    let d = tempfile::tempdir().unwrap();
    let o = passerelle(&["verifier", "--db", p(&d.path().join("absent.sqlite"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("n'existe pas"));
    assert!(!d.path().join("absent.sqlite").exists());
}

#[test]
fn mauvais_usage_code_2_avec_aide() {
    for args in [
        &["exporter"][..],
        &["--inconnue"],
        &["demo", "--db"],
        &["demo"],
    ] {
        let o = passerelle(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            texte(&o.stderr).starts_with("passerelle : "),
            "{args:?} : {}",
            texte(&o.stderr)
        );
    }
    let o = passerelle(&["aide"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(texte(&o.stdout).contains("passerelle demo --db FICHIER"));
}

/// Un argument qui n'est pas en UTF-8 : un message en français et le code 2, jamais de panique ;
/// un chemin de fichier, lui, peut ne pas en être.
#[cfg(unix)]
#[test]
fn arguments_hors_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let absent = d
        .path()
        .join(OsStr::from_bytes(b"absente-\xe9t\xe9.sqlite"));
    let o = passerelle(&[
        OsStr::new("bilan"),
        OsStr::new("clee"),
        OsStr::new("--academie"),
        OsStr::from_bytes(b"Cr\xe9teil"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = texte(&o.stderr);
    assert!(
        err.starts_with("passerelle : ") && err.contains("UTF-8"),
        "{err}"
    );
    let o = passerelle(&[
        OsStr::new("verifier"),
        OsStr::new("--db"),
        absent.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("n'existe pas"),
        "{}",
        texte(&o.stderr)
    );
}

fn base_demo(d: &Path) -> std::path::PathBuf {
    let db = d.join("demo.sqlite");
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    db
}

#[test]
fn le_pdf_du_bilan_2007_de_demonstration_contient_tous_les_chiffres() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let pdf = d.path().join("bilan-2007.pdf");
    let o = passerelle(&[
        "bilan",
        "ipe",
        "--db",
        p(&db),
        "--annee",
        "2007",
        "--sortie",
        p(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdftotext(&pdf, None);
    for attendu in [
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
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du PDF :\n{t}");
    }
    for n in [
        "175", "245", "200", "76", "63", "214", "228", "188", "144", "88", "89", "44", "61", "193",
    ] {
        assert!(t.contains(n), "{n} absent");
    }
}

#[test]
fn bilan_d_une_academie_en_csv() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let sortie = d.path().join("bilan.csv");
    let o = passerelle(&[
        "bilan",
        "ipe",
        "--db",
        p(&db),
        "--annee",
        "2007",
        "--academie",
        "lille",
        "--format",
        "csv",
        "--sortie",
        p(&sortie),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let csv = std::fs::read_to_string(&sortie).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("académie de Lille"));
    assert!(csv.contains("theme;libelle;actions;academies"));
    let o = passerelle(&[
        "bilan",
        "ipe",
        "--db",
        p(&db),
        "--annee",
        "2007",
        "--academie",
        "Atlantide",
        "--sortie",
        p(&sortie),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("Atlantide"));
}

#[test]
fn import_en_ligne_de_commande_tout_ou_rien() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let csv = d.path().join("actions.csv");
    let entete = "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n";
    std::fs::write(&csv, format!("{entete}02/02/2026;;Lille;stages;Bonne;1;1;1;1;1;1;1\n30/02/2026;;Lille;stages;Mauvaise;1;1;1;1;1;1;1\n")).unwrap();
    let actions = || -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT count(*) FROM action_ipe", [], |r| r.get(0))
            .unwrap()
    };
    let avant = actions();
    let o = passerelle(&["import", "actions-ipe", "--db", p(&db), p(&csv)]);
    assert_eq!(o.status.code(), Some(2));
    let err = texte(&o.stderr);
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
    let o = passerelle(&["import", "actions-ipe", "--db", p(&db), p(&csv), "--essai"]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
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
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let o = passerelle(&[
        "echeances",
        "--db",
        p(&db),
        "--jusqu-au",
        "31/12/2099",
        "--format",
        "ics",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let evenements = evenements_ics(&texte(&o.stdout));
    assert!(evenements.len() >= 5, "{} événements", evenements.len());
    let o = passerelle(&["echeances", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        texte(&o.stdout).contains("Forges et Laminoirs"),
        "{}",
        texte(&o.stdout)
    );
    let o = passerelle(&["echeances", "--db", p(&db), "--jusqu-au", "31/02/2027"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("n'est pas une date valide"));
}

#[test]
fn dossier_de_reunion_du_groupe_de_suivi() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let c = rusqlite::Connection::open(&db).unwrap();
    let id: i64 = c
        .query_row(
            "SELECT id FROM convention WHERE titre LIKE '%Forges%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let pdf = d.path().join("dossier.pdf");
    let reunion = (chrono::Local::now().date_naive() + chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    let o = passerelle(&[
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
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdftotext(&pdf, None);
    for attendu in [
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
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du dossier :\n{t}"
        );
    }
    // L'action close à la réunion d'avant ne revient pas.
    assert!(!t.contains("Recenser les places de stage"), "{t}");
    let o = passerelle(&[
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
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("n'existe pas"));
}

#[test]
fn releve_de_decisions_et_invitation_d_une_reunion_de_demonstration() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let c = rusqlite::Connection::open(&db).unwrap();
    let reunion: i64 = c
        .query_row("SELECT r.id FROM reunion r JOIN convention c ON c.id = r.convention_id WHERE c.titre LIKE '%Forges%' ORDER BY r.date DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let pdf = d.path().join("releve.pdf");
    let o = passerelle(&[
        "suivi",
        "releve",
        "--db",
        p(&db),
        "--reunion",
        &reunion.to_string(),
        "--sortie",
        p(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdf_en_ligne(&pdf);
    for attendu in [
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
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du relevé :\n{t}");
    }
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
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let c = rusqlite::Connection::open(&db).unwrap();
    let id: i64 = c
        .query_row(
            "SELECT id FROM convention WHERE titre LIKE '%Forges%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let annee = chrono::Datelike::year(&chrono::Local::now().date_naive()).to_string();
    let pdf = d.path().join("bilan.pdf");
    let o = passerelle(&[
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
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
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

#[test]
fn compte_rendu_et_bilan_des_clee_de_demonstration() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let c = rusqlite::Connection::open(&db).unwrap();
    // La dernière réunion tenue du comité de Lens-Liévin.
    let reunion: i64 = c
        .query_row(
            "SELECT r.id FROM reunion r JOIN comite_clee k ON k.id = r.comite_id
             WHERE k.nom LIKE '%Lens%' AND r.date <= date('now', 'localtime') ORDER BY r.date DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let pdf = d.path().join("cr.pdf");
    let o = passerelle(&[
        "clee",
        "compte-rendu",
        "--db",
        p(&db),
        "--reunion",
        &reunion.to_string(),
        "--sortie",
        p(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdf_en_ligne(&pdf);
    for attendu in [
        "Compte rendu – CLEE du bassin de Lens-Liévin",
        "Comité de pilotage du",
        "Étaient présents : ARNAUD Claire – Responsable apprentissage – Artois Emballages",
        "Étaient excusés : SCHMITT Éric",
        "1. Rentrée et calendrier",
        "Décisions",
        "Actions",
        "Établir la liste des professeurs volontaires",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du compte rendu :\n{t}"
        );
    }
    // Réunion inconnue : échec, message français, pas de fichier.
    let absent = d.path().join("absent.pdf");
    let o = passerelle(&[
        "clee",
        "compte-rendu",
        "--db",
        p(&db),
        "--reunion",
        "9999",
        "--sortie",
        p(&absent),
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert!(texte(&o.stderr).contains("n'existe pas") && !absent.exists());

    let bilan = d.path().join("bilan-clee.pdf");
    let scolaire = passerelle_core::dates::annee_scolaire(chrono::Local::now().date_naive());
    let o = passerelle(&[
        "bilan",
        "clee",
        "--db",
        p(&db),
        "--annee-scolaire",
        &scolaire,
        "--academie",
        "Lille",
        "--sortie",
        p(&bilan),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdf_en_ligne(&bilan);
    for attendu in [
        "Bilan des comités locaux École-entreprise",
        "Académie de Lille",
        &format!("Année scolaire {scolaire}"),
        "CLEE du bassin de Lens-Liévin",
        "CLEE du Valenciennois",
        "3 – Assiduité par collège",
        "Ensemble",
        "4 – Actions vers les élèves et les équipes",
        "5 – Partenaires associés",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
    assert!(
        !t.contains("Vénissieux"),
        "le comité lyonnais n'est pas dans le bilan de Lille"
    );
    let o = passerelle(&[
        "bilan",
        "clee",
        "--db",
        p(&db),
        "--annee-scolaire",
        "2025",
        "--sortie",
        p(&bilan),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("2025-2026"));
}

#[test]
fn import_export_retours_et_bilan_des_cet_en_ligne_de_commande() {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    let avant: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM cet", [], |r| r.get(0))
        .unwrap();
    assert_eq!(avant, 300);

    // Export du registre, puis réimport dans la même base : tout est signalé en double, rien n'est ajouté.
    let xlsx = d.path().join("registre.xlsx");
    let o = passerelle(&[
        "export",
        "cet",
        "--db",
        p(&db),
        "--format",
        "xlsx",
        "--sortie",
        p(&xlsx),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let o = passerelle(&["import", "cet", "--db", p(&db), p(&xlsx)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains("0 CET importé(s) sur 300 ligne(s)")
            && sortie.matches("déjà présent").count() == 300,
        "{sortie}"
    );

    // Une ligne fautive : code 2, un message par ligne, rien d'écrit.
    let csv = d.path().join("faux.csv");
    std::fs::write(&csv, "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n\
        M.;NOUVEAU;Paul;;;;;;;Lille;;01/01/2026;31/12/2030\nM.;AUTRE;Luc;;;;;;;Lille;;01/01/2026;31/12/2020\n").unwrap();
    let o = passerelle(&["import", "cet", "--db", p(&db), p(&csv)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("Ligne 3 :") && texte(&o.stderr).contains("précède son début"),
        "{}",
        texte(&o.stderr)
    );
    let apres: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM cet", [], |r| r.get(0))
        .unwrap();
    assert_eq!(apres, 300);

    let retour = d.path().join("retour.pdf");
    let o = passerelle(&[
        "cet",
        "retour-organisations",
        "--db",
        p(&db),
        "--sortie",
        p(&retour),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdf_en_ligne(&retour);
    assert!(
        t.contains("Objet : conseillers entreprise pour l'École proposés par votre organisation")
            && t.contains("Union des industries métallurgiques du Rhône"),
        "{t}"
    );
    let retour_csv = d.path().join("retour.csv");
    let o = passerelle(&[
        "cet",
        "retour-organisations",
        "--db",
        p(&db),
        "--format",
        "csv",
        "--sortie",
        p(&retour_csv),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    // 300 CET dont un sur dix sans organisation proposante : 270 lignes et l'en-tête.
    assert_eq!(
        std::fs::read_to_string(&retour_csv)
            .unwrap()
            .lines()
            .count(),
        271
    );

    let bilan = d.path().join("bilan-cet.pdf");
    let o = passerelle(&[
        "bilan",
        "cet",
        "--db",
        p(&db),
        "--annee-scolaire",
        "2025-2026",
        "--academie",
        "Lyon",
        "--sortie",
        p(&bilan),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let t = pdf_en_ligne(&bilan);
    for attendu in [
        "Bilan des conseillers entreprise pour l'École",
        "Académie de Lyon",
        "1 – Les CET en fonction",
        "Métallurgie",
        "3 – Animations du réseau",
        "4 – Participations aux jurys",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
}
