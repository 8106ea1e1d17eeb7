//! CLEE et CET en ligne de commande.

use super::outils::*;
use crate::common::pdf_en_ligne;

#[test]
fn compte_rendu_et_bilan_des_clee_de_demonstration() {
    let (d, db) = dossier_et_base_demo();
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
    let t = document_de_reunion(&db, ["clee", "compte-rendu"], reunion, &pdf);
    contient_tous(
        &t,
        "du compte rendu",
        &[
            "Compte rendu – CLEE du bassin de Lens-Liévin",
            "Comité de pilotage du",
            "Étaient présents : ARNAUD Claire – Responsable apprentissage – Artois Emballages",
            "Étaient excusés : SCHMITT Éric",
            "1. Rentrée et calendrier",
            "Décisions",
            "Actions",
            "Établir la liste des professeurs volontaires",
        ],
    );
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

    bilan_des_clee_de_lille(d.path(), &db);
}

/// Bilan CLEE de l'académie de Lille pour l'année scolaire en cours ; année mal écrite refusée.
fn bilan_des_clee_de_lille(temp: &Path, db: &Path) {
    let bilan = temp.join("bilan-clee.pdf");
    let scolaire = passerelle_core::dates::annee_scolaire(chrono::Local::now().date_naive());
    reussir(&[
        "bilan",
        "clee",
        "--db",
        p(db),
        "--annee-scolaire",
        &scolaire,
        "--academie",
        "Lille",
        "--sortie",
        p(&bilan),
    ]);
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
    let err = refuser(&[
        "bilan",
        "clee",
        "--db",
        p(db),
        "--annee-scolaire",
        "2025",
        "--sortie",
        p(&bilan),
    ]);
    assert!(err.contains("2025-2026"));
}

#[test]
fn import_export_retours_et_bilan_des_cet_en_ligne_de_commande() {
    let (d, db) = dossier_et_base_demo();
    let avant: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM cet", [], |r| r.get(0))
        .unwrap();
    assert_eq!(avant, 300);

    export_puis_reimport_en_double(d.path(), &db);
    ligne_fautive_rien_d_ecrit(d.path(), &db);
    retours_aux_organisations(d.path(), &db);
    bilan_des_cet_de_lyon(d.path(), &db);
}

fn export_puis_reimport_en_double(temp: &Path, db: &Path) {
    // Export du registre, puis réimport dans la même base : tout est signalé en double, rien n'est ajouté.
    let xlsx = temp.join("registre.xlsx");
    reussir(&[
        "export",
        "cet",
        "--db",
        p(db),
        "--format",
        "xlsx",
        "--sortie",
        p(&xlsx),
    ]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let o = reussir(&["import", "cet", "--db", p(db), p(&xlsx)]);
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains("0 CET importé(s) sur 300 ligne(s)")
            && sortie.matches("déjà présent").count() == 300,
        "{sortie}"
    );
}

/// Une ligne fautive : code 2, un message par ligne, rien d'écrit.
fn ligne_fautive_rien_d_ecrit(temp: &Path, db: &Path) {
    let csv = temp.join("faux.csv");
    std::fs::write(&csv, "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n\
        M.;NOUVEAU;Paul;;;;;;;Lille;;01/01/2026;31/12/2030\nM.;AUTRE;Luc;;;;;;;Lille;;01/01/2026;31/12/2020\n").unwrap();
    let err = refuser(&["import", "cet", "--db", p(db), p(&csv)]);
    assert!(
        err.contains("Ligne 3 :") && err.contains("précède son début"),
        "{}",
        err
    );
    let apres: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM cet", [], |r| r.get(0))
        .unwrap();
    assert_eq!(apres, 300);
}

/// Le retour aux organisations proposantes, en PDF et en CSV.
fn retours_aux_organisations(temp: &Path, db: &Path) {
    let retour = temp.join("retour.pdf");
    reussir(&[
        "cet",
        "retour-organisations",
        "--db",
        p(db),
        "--sortie",
        p(&retour),
    ]);
    let t = pdf_en_ligne(&retour);
    assert!(
        t.contains("Objet : conseillers entreprise pour l'École proposés par votre organisation")
            && t.contains("Union des industries métallurgiques du Rhône"),
        "{t}"
    );
    let retour_csv = temp.join("retour.csv");
    reussir(&[
        "cet",
        "retour-organisations",
        "--db",
        p(db),
        "--format",
        "csv",
        "--sortie",
        p(&retour_csv),
    ]);
    // 300 CET dont un sur dix sans organisation proposante : 270 lignes et l'en-tête.
    assert_eq!(
        std::fs::read_to_string(&retour_csv)
            .unwrap()
            .lines()
            .count(),
        271
    );
}

fn bilan_des_cet_de_lyon(temp: &Path, db: &Path) {
    let bilan = temp.join("bilan-cet.pdf");
    reussir(&[
        "bilan",
        "cet",
        "--db",
        p(db),
        "--annee-scolaire",
        "2025-2026",
        "--academie",
        "Lyon",
        "--sortie",
        p(&bilan),
    ]);
    let t = pdf_en_ligne(&bilan);
    contient_tous(
        &t,
        "du bilan",
        &[
            "Bilan des conseillers entreprise pour l'École",
            "Académie de Lyon",
            "1 – Les CET en fonction",
            "Métallurgie",
            "3 – Animations du réseau",
            "4 – Participations aux jurys",
        ],
    );
}
