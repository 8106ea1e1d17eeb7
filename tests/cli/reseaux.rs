//! CLEE et CET en ligne de commande.

use super::outils::*;
use crate::common::pdf_en_ligne;

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
