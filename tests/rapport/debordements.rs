//! Ce qui déborde : une cellule plus haute qu'une page, un mot plus large que sa colonne, des
//! caractères que la police n'a pas. Rien ne se perd, rien ne déborde, tout est signalé.

use super::pages;
use crate::common::{en_ligne, pdftotext};
use passerelle_core::rapport::{
    rendre_pdf, rendre_pdf_et_avertissements, Bloc, Colonne, Rapport, MARQUE,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn rapport(blocs: Vec<Bloc>) -> Rapport {
    Rapport {
        titre: "Débordements".into(),
        entete: "Passerelle – débordements".into(),
        couverture: None,
        blocs,
    }
}

fn ecrire(d: &Path, nom: &str, octets: Vec<u8>) -> PathBuf {
    let pdf = d.join(nom);
    std::fs::write(&pdf, octets).unwrap();
    pdf
}

/// Un tableau de trois colonnes dont la cellule du milieu contient `texte`.
fn tableau(texte: &str) -> Bloc {
    Bloc::tableau(
        vec![
            Colonne::texte("Intitulé", 1.0),
            Colonne::texte("Compte rendu", 1.0),
            Colonne::nombre("Jeunes", 1.0),
        ],
        vec![
            vec!["Avant".into(), "court".into(), "1".into()],
            vec!["Forum".into(), texte.into(), "120".into()],
            vec!["Après".into(), "fin du tableau".into(), "3".into()],
        ],
    )
}

#[test]
fn cellule_plus_haute_qu_une_page_continue_sur_la_suivante() {
    let d = tempfile::tempdir().unwrap();
    let court = ecrire(
        d.path(),
        "court.pdf",
        rendre_pdf(&rapport(vec![tableau("une ligne")])).unwrap(),
    );
    let lignes: Vec<String> = (1..=200)
        .map(|i| format!("Ligne {i:03} du compte rendu"))
        .collect();
    let long = ecrire(
        d.path(),
        "long.pdf",
        rendre_pdf(&rapport(vec![tableau(&lignes.join("\n"))])).unwrap(),
    );
    let n = pages(&long);
    assert!(n > pages(&court) && n >= 3, "{n} page(s)");
    let texte = pdftotext(&long, None);
    for l in [&lignes[0], &lignes[100], &lignes[199]] {
        assert!(texte.contains(l.as_str()), "« {l} » perdu");
    }
    assert!(texte.contains("fin du tableau"));
    // L'en-tête du tableau est répété en haut de chaque page où la cellule continue.
    for p in 2..=n {
        let page = pdftotext(&long, Some(p));
        assert!(
            page.contains("Compte rendu"),
            "page {p} sans en-tête :\n{page}"
        );
    }
    // Aucune ligne de texte sous le bas de page : chaque ligne est sur une page.
    let total: usize = (1..=n)
        .map(|p| pdftotext(&long, Some(p)).matches("du compte rendu").count())
        .sum();
    assert_eq!(total, 200);
}

/// Les mots (et leur bord droit, en points) tels que pdftotext -bbox les voit.
fn mots_et_bords(pdf: &Path) -> Vec<(String, f32)> {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    t.lines()
        .filter_map(|l| {
            let x_max = l.split("xMax=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let mot = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((mot, x_max))
        })
        .collect()
}

#[test]
fn mot_plus_large_que_sa_colonne_coupe_sans_deborder() {
    let d = tempfile::tempdir().unwrap();
    // Un mot sans espace, fait de lettres qu'aucun autre texte de la page n'utilise seules.
    let mot = "Zyzyva".repeat(80);
    let pdf = ecrire(
        d.path(),
        "mot.pdf",
        rendre_pdf(&rapport(vec![tableau(&mot)])).unwrap(),
    );
    // Les trois colonnes se partagent 481,9 points à partir de la marge (56,7 points).
    let bord_droit = 56.7 + 2.0 * 481.88 / 3.0;
    let morceaux: Vec<(String, f32)> = mots_et_bords(&pdf)
        .into_iter()
        .filter(|(m, _)| m.chars().all(|c| "Zyzva".contains(c)))
        .collect();
    assert!(morceaux.len() > 3, "{morceaux:?}");
    for (m, x) in &morceaux {
        assert!(*x <= bord_droit, "« {m} » déborde : {x} > {bord_droit}");
    }
    let recolle: String = morceaux.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(recolle, mot, "le mot coupé est imprimé en entier");
}

#[test]
fn caracteres_absents_de_la_police_marques_et_signales() {
    let d = tempfile::tempdir().unwrap();
    let r = rapport(vec![
        Bloc::Paragraphe("Merci 🙂 et bravo, 漢 compris.".into()),
        tableau("Cellule 🙂"),
    ]);
    let (octets, avertissements) = rendre_pdf_et_avertissements(&r).unwrap();
    assert_eq!(avertissements.len(), 2, "{avertissements:?}");
    assert!(avertissements[0].contains("漢") && avertissements[0].contains("U+6F22"));
    assert!(avertissements[1].contains("🙂") && avertissements[1].contains("U+1F642"));
    let pdf = ecrire(d.path(), "glyphes.pdf", octets);
    let texte = en_ligne(&pdftotext(&pdf, None));
    assert!(
        texte.contains(&format!("Merci {MARQUE} et bravo, {MARQUE} compris.")),
        "{texte}"
    );
    assert!(!texte.contains('?'), "{texte}");
    // Un texte que la police connaît ne donne aucun avertissement.
    let (_, aucun) = rendre_pdf_et_avertissements(&rapport(vec![tableau("Élèves")])).unwrap();
    assert!(aucun.is_empty(), "{aucun:?}");
    if let Some(dossier) = std::env::var_os("PASSERELLE_PDF_EXEMPLE") {
        let lignes: Vec<String> = (1..=200).map(|i| format!("Ligne {i:03} 🙂 漢")).collect();
        let mut blocs = vec![Bloc::Paragraphe("Merci 🙂 et bravo, 漢 compris.".into())];
        blocs.push(tableau(&"Anticonstitutionnellement".repeat(8)));
        blocs.push(tableau(&lignes.join("\n")));
        let octets = rendre_pdf(&rapport(blocs)).unwrap();
        std::fs::write(Path::new(&dossier).join("debordements.pdf"), octets).unwrap();
    }
}
