//! Limites de taille des CSV : lignes, colonnes, longueur des cellules, fichier sans données.

use crate::common::sans_nbsp;
use crate::hostile;
use passerelle_core::{csv, tableur};

fn erreur(octets: &[u8]) -> String {
    sans_nbsp(&tableur::lire(octets).unwrap_err()).replace('\u{202f}', " ")
}

#[test]
fn fichier_vide_ou_sans_ligne_de_donnees() {
    assert_eq!(erreur(&hostile("vide.csv")), "Le fichier est vide.");
    let aucune = "Le fichier ne contient aucune ligne de données.";
    assert_eq!(erreur(&hostile("entete-seule.csv")), aucune);
    assert_eq!(erreur(b"nom;ville\n;\n\n"), aucune);
}

#[test]
fn cellule_d_un_million_de_caracteres() {
    let mut octets = b"nom;note\nDupont;".to_vec();
    octets.extend(std::iter::repeat_n(b'x', 1_000_000));
    octets.push(b'\n');
    let e = erreur(&octets);
    assert!(
        e.starts_with("Ligne 2 : la cellule de la colonne 2 dépasse 10 000 caractères"),
        "{e}"
    );
    // 10 000 caractères accentués (20 000 octets) : acceptés.
    let mut octets = "nom;note\nDupont;".as_bytes().to_vec();
    octets.extend("é".repeat(csv::MAX_CARACTERES).as_bytes());
    assert!(tableur::lire(&octets).is_ok());
}

#[test]
fn trop_de_colonnes() {
    let entete = vec!["c"; 201].join(";");
    let e = erreur(format!("{entete}\n{}\n", vec!["1"; 201].join(";")).as_bytes());
    assert!(e.starts_with("Ligne 1 : 201 colonnes"), "{e}");
    let entete = vec!["c"; 200].join(";");
    assert!(tableur::lire(format!("{entete}\n{}\n", vec!["1"; 200].join(";")).as_bytes()).is_ok());
}

#[test]
fn trop_de_lignes() {
    let mut octets = b"n\n".to_vec();
    octets.extend(b"1\n".repeat(csv::MAX_LIGNES));
    assert_eq!(
        tableur::lire(&octets).unwrap().lignes.len(),
        csv::MAX_LIGNES
    );
    octets.extend(b"1\n");
    let e = erreur(&octets);
    assert!(e.contains("dépasse 1 000 000 lignes"), "{e}");
}
