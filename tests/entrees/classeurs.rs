//! Classeurs creux, abîmés ou qui n'en sont pas : refusés vite, en français.

use crate::common::sans_nbsp;
use crate::hostile;
use passerelle_core::tableur;
use std::time::{Duration, Instant};

fn erreur(octets: &[u8]) -> String {
    sans_nbsp(&tableur::lire(octets).unwrap_err()).replace('\u{202f}', " ")
}

#[test]
fn classeur_creux_refuse_avant_de_charger_ses_cellules() {
    for nom in [
        "classeur-creux.xlsx",
        "classeur-creux-sans-dimension.xlsx",
        "classeur-creux.ods",
    ] {
        let debut = Instant::now();
        let e = erreur(&hostile(nom));
        assert!(
            e.starts_with("La feuille est trop grande") && e.contains("200 colonnes"),
            "{nom} : {e}"
        );
        assert!(debut.elapsed() < Duration::from_secs(2), "{nom}");
    }
}

#[test]
fn classeur_creux_ecrit_par_rust_xlsxwriter() {
    let mut classeur = rust_xlsxwriter::Workbook::new();
    let feuille = classeur.add_worksheet();
    feuille.write_string(0, 0, "nom").unwrap();
    feuille.write_string(1_048_575, 16_383, "x").unwrap();
    let e = erreur(&classeur.save_to_buffer().unwrap());
    assert!(e.starts_with("La feuille est trop grande"), "{e}");
}

#[test]
fn zip_qui_n_est_pas_un_classeur_et_classeur_tronque() {
    let e = erreur(&hostile("pas-un-classeur.zip"));
    assert!(e.starts_with("Ce fichier ZIP n'est pas un classeur"), "{e}");
    let e = erreur(&hostile("classeur-tronque.xlsx"));
    assert!(e.starts_with("Le classeur est tronqué ou abîmé"), "{e}");
}

#[test]
fn classeur_ordinaire_numerote_comme_le_tableur() {
    let mut classeur = rust_xlsxwriter::Workbook::new();
    let feuille = classeur.add_worksheet();
    for (j, e) in ["nom", "ville"].iter().enumerate() {
        feuille.write_string(1, j as u16 + 1, *e).unwrap();
    }
    feuille.write_string(2, 1, "Noël").unwrap();
    feuille.write_number(4, 2, 62.0).unwrap();
    let t = tableur::lire(&classeur.save_to_buffer().unwrap()).unwrap();
    assert_eq!(t.entetes, ["nom", "ville"]);
    let vues: Vec<(usize, Vec<&str>)> = t
        .lignes
        .iter()
        .map(|l| (l.numero, l.valeurs.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(vues, [(3, vec!["Noël", ""]), (5, vec!["", "62"])]);
    // Sans ligne de données.
    let mut classeur = rust_xlsxwriter::Workbook::new();
    classeur.add_worksheet().write_string(0, 0, "nom").unwrap();
    let e = erreur(&classeur.save_to_buffer().unwrap());
    assert_eq!(e, "Le fichier ne contient aucune ligne de données.");
}

#[test]
fn ods_de_libreoffice_aux_lignes_vides_repetees_accepte() {
    let t = tableur::lire(&hostile("classeur-libreoffice.ods")).unwrap();
    assert_eq!(t.encodage, "classeur OpenDocument (.ods)");
    assert_eq!((t.entetes.len(), t.lignes.len()), (13, 1));
    assert_eq!(
        (t.lignes[0].numero, t.lignes[0].valeurs[1].as_str()),
        (2, "Noël")
    );
}

#[test]
fn bombe_de_decompression_refusee_avant_lecture() {
    let e = erreur(&hostile("classeur-bombe.xlsx"));
    assert!(
        e.starts_with("Le classeur ferait 20 479 Mo une fois décompressé"),
        "{e}"
    );
}
