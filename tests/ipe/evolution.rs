//! L'évolution sur plusieurs années : les chiffres de chaque bilan annuel, côte à côte, avec la
//! variation d'une année sur l'autre ; le PDF relu par pdftotext.

use super::common::{base_demo_en_memoire, octets_pdf_en_ligne};
use passerelle_core::dates::GenrePeriode;
use passerelle_core::ipe::bilan::{self, evolution, Periode};

#[test]
fn deux_annees_de_la_demonstration_cote_a_cote() {
    let c = base_demo_en_memoire();
    let e = evolution::modele_evolution(&c, GenrePeriode::Civile, 2005, 2007, None).unwrap();
    let actions: Vec<i64> = e.annees.iter().map(|a| a.actions).collect();
    assert_eq!(actions, [0, 1731, 2008]);
    assert_eq!(e.annees[2].evolution, Some(16));
    assert_eq!(e.annees[1].evolution, None, "pas d'action en 2005");
    // Chaque année reprend son bilan annuel, chiffre pour chiffre.
    let b = bilan::calculer(&c, Periode::Civile(2007), None).unwrap();
    assert_eq!(
        (e.annees[2].jeunes, e.annees[2].enseignants),
        (b.jeunes, b.enseignants)
    );
    let par_theme: i64 = e.themes.iter().map(|t| t.actions[2]).sum();
    let par_academie: i64 = e.academies.iter().map(|a| a.actions[2]).sum();
    assert_eq!((par_theme, par_academie), (2008, 2008));
    assert!(e
        .academies
        .iter()
        .any(|a| a.libelle == "Niveau national" && a.actions[2] == 3));
    let doc = evolution::document_evolution(&c, GenrePeriode::Civile, 2005, 2007, None).unwrap();
    assert_eq!(doc.nom, "Évolution IPE 2005 à 2007 - national.pdf");
    let texte = octets_pdf_en_ligne(&doc.octets);
    for attendu in [
        "Évolution des actions des IPE, 2005 à 2007",
        "2 008",
        "+16 %",
        "Actions par académie",
        "Niveau national",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » absent : {texte}");
    }
    // Trop d'années, ou à l'envers : refusé en français.
    let e = evolution::modele_evolution(&c, GenrePeriode::Civile, 2007, 2005, None).unwrap_err();
    assert!(e.to_string().contains("Choisissez de 1 à 15 années"), "{e}");
}
