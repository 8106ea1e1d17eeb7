//! Les documents rendus sans base, dans l'esprit d'Abacus : un modèle écrit à la main ou lu d'une
//! fixture JSON (`tests/fixtures/`) est donné à `rendre_…`, le PDF est relu par `pdftotext`.
//! La mise en page se vérifie ainsi indépendamment du SQL qui calcule les chiffres (bilans IPE,
//! CLEE et CET).

mod common;

use chrono::NaiveDate;
use passerelle_core::clee::bilan::{
    rendre_bilan as rendre_bilan_clee, Assiduite, BilanClee, LigneActions, LigneReunion,
};
use passerelle_core::clee::comites::{Comite, StatutComite};
use passerelle_core::ipe::bilan::{rendre_bilan, rendre_bilan_csv, ModeleBilan};
use passerelle_core::rapport::{rendre_pdf, Rapport};
use passerelle_core::reunions::ActionSuivi;

/// Le texte du PDF rendu, sur une ligne (aide partagée de `tests/common`).
fn pdftotext(r: &Rapport) -> String {
    let octets = rendre_pdf(r).unwrap();
    // Pour regarder les PDF rendus : DOCUMENTS_APERCU=/tmp/apercu cargo test --test documents
    if let Some(dossier) = std::env::var_os("DOCUMENTS_APERCU") {
        let nom: String = r.titre.chars().filter(|c| c.is_alphanumeric()).collect();
        std::fs::create_dir_all(&dossier).unwrap();
        std::fs::write(std::path::Path::new(&dossier).join(nom + ".pdf"), &octets).unwrap();
    }
    common::octets_pdf_en_ligne(&octets)
}

fn d(a: i32, m: u32, j: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(a, m, j).unwrap()
}

fn modele_ipe() -> ModeleBilan {
    let json = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/bilan-ipe.json"),
    )
    .unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn bilan_ipe_rendu_depuis_une_fixture() {
    let t = pdftotext(&rendre_bilan(&modele_ipe()));
    for attendu in [
        "Bilan 2007 du dispositif « Ingénieurs pour l'école »",
        "Ingénieurs pour l'école (IPE)",
        "Année 2007",
        "Périmètre : national",
        "Édité le 24/11/2026",
        "I – Bilan quantitatif",
        "Nombre d'actions mises en œuvre",
        "2 007",
        "222 471",
        "II – Bilan qualitatif",
        "En 2007, 53 IPE en équivalent temps plein, soit 639,8 mois d'activité, dans 24 académies.",
        "2 007 actions mises en œuvre. Évolution : +16 % par rapport à 2006 (1 731 actions).",
        "Nombre d'actions par thème",
        "1 – Les actions par thème",
        "1.1 – Découverte des métiers",
        "1 500 actions dans 22 académies : 1 100 établissements, 170 000 jeunes (80 000 filles, 90 000 garçons), 5 500 enseignants et personnels, 2 400 entreprises, 200 organisations",
        "1.2 – Stages et alternance",
        "Les stages progressent dans l'industrie.",
        "Un second paragraphe sur l'alternance.",
        "Conclusion",
        "Une année de croissance pour le dispositif.",
        "Définitions",
        "Acad. = académies distinctes",
        "page 2 / 3",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan IPE :\n{t}");
    }
    // Un thème sans action ni commentaire n'a pas de chapitre ; la conclusion est écrite.
    assert!(!t.contains("1.3 –"), "{t}");
    assert!(!t.contains("Conclusion à rédiger"), "{t}");
}

#[test]
fn bilan_ipe_sans_commentaire_ni_annee_precedente() {
    let mut m = modele_ipe();
    m.commentaires.clear();
    m.bilan.evolution = None;
    m.bilan.actions_precedentes = 0;
    let t = pdftotext(&rendre_bilan(&m));
    assert!(
        t.contains("Conclusion à rédiger dans Passerelle (écran Bilans)."),
        "{t}"
    );
    assert!(
        t.contains("Évolution : non calculée, aucune action enregistrée en 2006."),
        "{t}"
    );
    assert!(!t.contains("Les stages progressent"), "{t}");
}

#[test]
fn bilan_ipe_en_csv_depuis_la_fixture() {
    let csv = rendre_bilan_csv(&modele_ipe().bilan);
    let lignes: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lignes[0],
        "\u{feff}Bilan 2007 du dispositif «\u{a0}Ingénieurs pour l'école\u{a0}» – national;"
    );
    for attendu in [
        "indicateur;valeur",
        "Nombre d'actions mises en œuvre;2007",
        "dont filles;100235",
        "Mois d'activité;639,8",
        "Académies;24",
        "Évolution (%);16",
        "",
        "theme;libelle;actions;academies;etablissements;jeunes_filles;jeunes_garcons;jeunes;enseignants_femmes;enseignants_hommes;enseignants;entreprises;organisations_professionnelles",
        "stages;Stages et alternance;507;9;430;20235;32236;52471;2120;2380;4500;1011;88",
    ] {
        assert!(lignes.contains(&attendu), "« {attendu} » absent du CSV :\n{csv}");
    }
}

fn comite() -> Comite {
    Comite {
        id: 1,
        nom: "CLEE du Dunkerquois".into(),
        academie_id: 1,
        academie: "Lille".into(),
        bassin_ids: vec![1],
        bassins: "Dunkerque".into(),
        etablissement_support_id: None,
        etablissement_support: None,
        copilote_education_id: Some(1),
        copilote_education: Some("Jean MARTIN".into()),
        copilote_entreprise_id: Some(2),
        copilote_entreprise: Some("Paul DURAND".into()),
        date_charte: None,
        statut: StatutComite::Actif,
        partenaires: "CCI Littoral".into(),
        membres: 15,
        derniere_reunion: None,
    }
}

fn assiduite(college: &str, presents: i64, excuses: i64, absents: i64) -> Assiduite {
    Assiduite {
        college: college.into(),
        presents,
        excuses,
        absents,
    }
}

fn bilan_clee() -> BilanClee {
    let reunion = |date, type_: &str, presents| LigneReunion {
        comite: "CLEE du Dunkerquois".into(),
        date,
        type_: type_.into(),
        presents,
        excuses: 1,
        absents: 0,
    };
    let actions = |type_: &str, actions, filles, garcons| LigneActions {
        type_: type_.into(),
        actions,
        filles,
        garcons,
        enseignants: 4,
    };
    BilanClee {
        annee_scolaire: "2025-2026".into(),
        perimetre: "Académie de Lille".into(),
        comites: vec![comite()],
        reunions: vec![
            reunion(d(2025, 10, 7), "Comité plénier", 9),
            reunion(d(2026, 3, 12), "Bureau", 5),
        ],
        assiduite: vec![
            assiduite("Éducation", 8, 1, 1),
            assiduite("Invités", 1, 1, 0),
            assiduite("Ensemble", 9, 2, 1),
        ],
        actions: vec![
            actions("Visite d'entreprise", 3, 20, 25),
            actions("Total", 3, 20, 25),
        ],
        partenaires: vec![("Chambre de commerce".into(), 2)],
        ouvertes: vec![(
            "CLEE du Dunkerquois".into(),
            ActionSuivi {
                id: 1,
                intitule: "Organiser le forum des métiers".into(),
                responsable: Some("M. Martin".into()),
                echeance: Some(d(2026, 9, 30)),
                reunion_id: None,
                decidee_le: Some(d(2026, 3, 12)),
                close_le: None,
            },
        )],
        edite_le: d(2026, 11, 27),
        sources: None,
    }
}

#[test]
fn bilan_clee_rendu_depuis_un_modele_ecrit_a_la_main() {
    let t = pdftotext(&rendre_bilan_clee(&bilan_clee()));
    for attendu in [
        "Bilan des comités locaux École-entreprise",
        "Académie de Lille",
        "Année scolaire 2025-2026",
        "Édité le 27/11/2026",
        "1 – Les comités",
        "CLEE du Dunkerquois",
        "Jean MARTIN et Paul DURAND",
        "2 – Réunions tenues",
        "2 réunion(s) tenue(s) en 2025-2026.",
        "07/10/2025",
        "Comité plénier",
        "3 – Assiduité par collège",
        "80 %",
        "Ensemble",
        "75 %",
        "Taux de présence : présents rapportés aux personnes pointées",
        "4 – Actions vers les élèves et les équipes",
        "Visite d'entreprise",
        "Jeunes touchés par type d'action",
        "5 – Partenaires associés",
        "Chambre de commerce",
        "Partenaires déclarés des comités",
        "CLEE du Dunkerquois : CCI Littoral",
        "6 – Actions de suivi ouvertes en fin d'année",
        "Organiser le forum des métiers",
        "M. Martin",
        "30/09/2026",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du bilan CLEE :\n{t}"
        );
    }
}

#[test]
fn bilan_clee_vide() {
    let b = BilanClee {
        comites: Vec::new(),
        reunions: Vec::new(),
        assiduite: vec![assiduite("Ensemble", 0, 0, 0)],
        actions: vec![LigneActions {
            type_: "Total".into(),
            ..Default::default()
        }],
        partenaires: Vec::new(),
        ouvertes: Vec::new(),
        ..bilan_clee()
    };
    let t = pdftotext(&rendre_bilan_clee(&b));
    for attendu in [
        "Aucun comité dans ce périmètre.",
        "0 réunion(s) tenue(s) en 2025-2026.",
        "—",
        "Aucune organisation citée par les actions de l'année.",
        "Aucune.",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du bilan CLEE vide :\n{t}"
        );
    }
    assert!(!t.contains("Jeunes touchés par type d'action"), "{t}");
    assert!(!t.contains("Partenaires déclarés"), "{t}");
}

#[test]
fn bilan_cet_rendu_depuis_un_modele_ecrit_a_la_main() {
    use passerelle_core::cet::bilan::{rendre_bilan as rendre_bilan_cet, BilanCet, LigneAnimation};
    let b = BilanCet {
        annee_scolaire: "2025-2026".into(),
        perimetre: "Académie de Lille".into(),
        par_secteur: vec![
            ("CPC métallurgie".into(), "Métallurgie".into(), 3),
            ("CPC bâtiment".into(), "Bâtiment".into(), 2),
        ],
        en_fonction: 5,
        nominations: 2,
        renouvellements: 1,
        fins_de_mandat: 1,
        animations: vec![LigneAnimation {
            date: d(2025, 11, 20),
            type_: "Séminaire académique".into(),
            theme: "Mixité des métiers".into(),
            invites: 8,
            presents: 6,
        }],
        jurys: vec![("CAP Serrurier métallier".into(), 3)],
        edite_le: d(2026, 11, 27),
        sources: None,
    };
    let t = pdftotext(&rendre_bilan_cet(&b));
    for attendu in [
        "Bilan des conseillers entreprise pour l'École",
        "Édité le 27/11/2026",
        "5 conseiller(s) entreprise pour l'École en fonction pendant l'année 2025-2026.",
        "CPC métallurgie",
        "Mandats commencés dans l'année",
        "dont renouvellements",
        "1 animation(s) tenue(s), 8 invitation(s), 6 présence(s) (75 % des invités).",
        "Mixité des métiers",
        "CAP Serrurier métallier",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du bilan CET :\n{t}"
        );
    }
    let vide = BilanCet {
        par_secteur: Vec::new(),
        en_fonction: 0,
        animations: Vec::new(),
        jurys: Vec::new(),
        ..b
    };
    let t = pdftotext(&rendre_bilan_cet(&vide));
    assert!(
        t.contains("0 animation(s) tenue(s), 0 invitation(s), 0 présence(s)."),
        "{t}"
    );
    assert!(t.contains("Aucune participation enregistrée."), "{t}");
}
