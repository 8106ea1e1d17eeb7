//! La couche rapport : texte français réel dans le PDF, pagination « page X / Y », tableaux
//! coupés avec en-tête répété, jamais de titre seul en bas de page.

use passerelle_core::rapport::{rendre_pdf, Alignement, Bloc, Colonne, Couverture, Rapport};
use std::path::Path;
use std::process::Command;

mod common;
use common::pdftotext;

fn pages(pdf: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    t.lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap()
}

const PARAGRAPHE: &str = "Les ingénieurs pour l'école œuvrent auprès des lycées « professionnels » comme des collèges ; \
    ils négocient des stages, organisent des forums et accompagnent les équipes éducatives dans leurs projets avec les entreprises.";

fn document() -> Rapport {
    let mut blocs = vec![
        Bloc::Titre1("I – Bilan quantitatif".into()),
        Bloc::Paragraphe(format!("{PARAGRAPHE} Au total 222\u{202f}471 jeunes.")),
        Bloc::Liste(vec![
            "Premier élément de la liste à puces".into(),
            "Deuxième élément, un peu plus long que le premier".into(),
        ]),
        Bloc::Tableau {
            colonnes: vec![
                Colonne {
                    titre: "Libellé de la ligne".into(),
                    largeur: 4.0,
                    alignement: Alignement::Gauche,
                },
                Colonne {
                    titre: "Valeur".into(),
                    largeur: 1.0,
                    alignement: Alignement::Droite,
                },
            ],
            lignes: (1..=80)
                .map(|i| {
                    vec![
                        format!("Ligne numéro {i} du tableau"),
                        format!("{}", i * 1000),
                    ]
                })
                .collect(),
            gras_derniere_ligne: true,
        },
        Bloc::Histogramme {
            titre: "Actions par thème".into(),
            barres: (1..=14)
                .map(|i| (format!("Thème {i}"), i as f64 * 10.0))
                .collect(),
        },
    ];
    // Assez de paragraphes pour qu'un titre tombe en bas de page s'il n'était pas retenu.
    for i in 0..12 {
        blocs.push(Bloc::Titre2(format!("Chapitre {i}")));
        blocs.push(Bloc::Paragraphe(PARAGRAPHE.repeat(2)));
    }
    blocs.push(Bloc::Note("Note : définitions en petit texte gris.".into()));
    Rapport {
        titre: "Rapport d'essai".into(),
        entete: "Passerelle – en-tête courant".into(),
        couverture: Some(Couverture {
            titre: "Rapport d'essai".into(),
            sous_titre: Some("Sous-titre".into()),
            lignes: vec!["Année 2007".into()],
        }),
        blocs,
    }
}

#[test]
fn texte_pagination_et_tableau_sur_plusieurs_pages() {
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("r.pdf");
    std::fs::write(&pdf, rendre_pdf(&document()).unwrap()).unwrap();
    let tout = pdftotext(&pdf, None);
    assert!(
        tout.contains("« professionnels »") && tout.contains("œuvrent") && tout.contains("222 471"),
        "{tout}"
    );
    let n = pages(&pdf);
    assert!(n >= 4, "{n} pages");
    let mut pages_du_tableau = 0;
    for p in 1..=n {
        let t = pdftotext(&pdf, Some(p));
        if p == 1 {
            assert!(
                t.contains("Rapport d'essai") && !t.contains("page 1"),
                "la couverture n'a pas de pied"
            );
            continue;
        }
        assert!(t.contains(&format!("page {p} / {n}")), "page {p} : {t}");
        assert!(t.contains(&pied_version()), "page {p} sans version : {t}");
        assert!(t.contains("Passerelle – en-tête courant"));
        if t.contains("Ligne numéro") {
            pages_du_tableau += 1;
            assert!(
                t.contains("Libellé de la ligne"),
                "l'en-tête du tableau est répété page {p}"
            );
        }
        // La dernière ligne de texte avant le pied n'est jamais un titre.
        let lignes: Vec<&str> = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with(&pied_version()))
            .collect();
        let derniere = lignes.last().unwrap();
        assert!(
            !derniere.starts_with("Chapitre") && !derniere.starts_with("I –"),
            "titre orphelin page {p} : {derniere}"
        );
    }
    assert!(
        pages_du_tableau >= 2,
        "le tableau de 80 lignes tient sur {pages_du_tableau} page(s)"
    );
}

/// Les deux polices sont incorporées réduites aux caractères imprimés (pdffonts : « emb »,
/// « sub » et « uni » à « yes », nom préfixé de six capitales) : un document de six pages pèse
/// quelques dizaines de kilo-octets, pas les 1,4 Mo des polices entières.
#[test]
fn polices_incorporees_en_sous_ensemble() {
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("r.pdf");
    let octets = rendre_pdf(&document()).unwrap();
    assert!(octets.len() < 150_000, "{} octets", octets.len());
    std::fs::write(&pdf, octets).unwrap();
    let o = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    for nom in ["+DejaVuSans ", "+DejaVuSans-Bold "] {
        let ligne = t
            .lines()
            .find(|l| l.contains(nom))
            .unwrap_or_else(|| panic!("{t}"));
        let prefixe = ligne.split('+').next().unwrap();
        assert!(
            prefixe.len() == 6 && prefixe.chars().all(|c| c.is_ascii_uppercase()),
            "{ligne}"
        );
        assert!(ligne.contains("Identity-H       yes yes yes"), "{ligne}");
    }
}

/// Un en-tête courant plus large que la page (long titre de convention) s'arrête sur « … »
/// au lieu de sortir de la page.
#[test]
fn en_tete_trop_long_coupe_sur_des_points_de_suspension() {
    let long = format!(
        "Passerelle – dossier – {} fin de l'en-tête",
        "Convention générale de coopération ".repeat(4)
    );
    let r = Rapport {
        entete: long,
        ..document()
    };
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("r.pdf");
    std::fs::write(&pdf, rendre_pdf(&r).unwrap()).unwrap();
    let t = pdftotext(&pdf, Some(2));
    let ligne = t
        .lines()
        .find(|l| l.contains("Passerelle – dossier"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(ligne.trim_end().ends_with('…'), "{ligne}");
    assert!(!t.contains("fin de l'en-tête"), "{t}");
}

#[test]
fn rapport_vide_une_page_valide() {
    let r = Rapport {
        titre: "Vide".into(),
        entete: String::new(),
        couverture: None,
        blocs: vec![],
    };
    let octets = rendre_pdf(&r).unwrap();
    assert!(octets.starts_with(b"%PDF"));
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("v.pdf");
    std::fs::write(&pdf, octets).unwrap();
    assert_eq!(pages(&pdf), 1);
    let t = pdftotext(&pdf, None);
    assert!(
        t.contains("page 1 / 1") && t.contains(&pied_version()),
        "{t}"
    );
}

#[test]
fn un_histogramme_qui_tient_sur_une_page_n_est_pas_coupe() {
    let d = tempfile::tempdir().unwrap();
    let pdf = d.path().join("h.pdf");
    // Des paragraphes jusqu'en bas de la première page, puis un histogramme de six barres.
    let mut blocs: Vec<Bloc> = (0..8)
        .map(|_| Bloc::Paragraphe(PARAGRAPHE.repeat(2)))
        .collect();
    blocs.push(Bloc::Histogramme {
        titre: "Jeunes par type d'action".into(),
        barres: (1..=6).map(|i| (format!("Type {i}"), i as f64)).collect(),
    });
    let r = Rapport {
        titre: "H".into(),
        entete: "H".into(),
        couverture: None,
        blocs,
    };
    std::fs::write(&pdf, passerelle_core::rapport::rendre_pdf(&r).unwrap()).unwrap();
    assert!(pages(&pdf) >= 2);
    let page = (1..=pages(&pdf))
        .find(|p| pdftotext(&pdf, Some(*p)).contains("Jeunes par type"))
        .unwrap();
    let texte = pdftotext(&pdf, Some(page));
    for i in 1..=6 {
        assert!(
            texte.contains(&format!("Type {i}")),
            "la barre {i} n'est pas sur la page du titre :\n{texte}"
        );
    }
}

#[path = "rapport/debordements.rs"]
mod debordements;

/// Le pied de chaque page commence par le programme et sa version (celle de Cargo.toml).
fn pied_version() -> String {
    format!("Passerelle {}", env!("CARGO_PKG_VERSION"))
}
