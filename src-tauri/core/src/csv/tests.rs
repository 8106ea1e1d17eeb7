//! Lecture, écriture et limites des CSV.

use super::*;

#[test]
fn point_virgule_utf8_avec_bom() {
    let t =
        lire("\u{feff}nom;prenom\nDUPONT;Anne\n\nMARTIN;\"Jean; dit « Jeannot »\"\n".as_bytes())
            .unwrap();
    assert_eq!((t.separateur, t.encodage), (';', "UTF-8"));
    assert_eq!(t.entetes, ["nom", "prenom"]);
    assert_eq!(t.lignes.len(), 2);
    assert_eq!(t.lignes[1].numero, 4);
    assert_eq!(t.lignes[1].valeurs[1], "Jean; dit « Jeannot »");
}

#[test]
fn virgule_windows_1252() {
    let octets = b"Nom,Pr\xe9nom\r\nL\xc9GER,Z\xe9lie \x80\r\n";
    let t = lire(octets).unwrap();
    assert_eq!((t.separateur, t.encodage), (',', "Windows-1252"));
    assert_eq!(t.lignes[0].valeurs, ["LÉGER", "Zélie €"]);
    assert_eq!(t.colonnes(&["prenom", "nom"]).unwrap(), [1, 0]);
}

#[test]
fn erreurs_avec_numero_de_ligne() {
    assert!(lire(b"a;b\n1;2;3\n").unwrap_err().starts_with("Ligne 2 :"));
    assert!(lire(b"a;b\n1;\"2\n").unwrap_err().contains("guillemet"));
    assert!(lire(b"").unwrap_err().contains("vide"));
    let t = lire(b"a;b\n1;2\n").unwrap();
    let e = t.colonnes(&["a", "c", "d"]).unwrap_err();
    assert!(
        e.contains("c, d") && e.contains("Colonnes attendues : a;c;d"),
        "{e}"
    );
    // Toutes absentes : la liste n'est pas redite.
    assert_eq!(
        t.colonnes(&["x", "y"]).unwrap_err(),
        "Colonnes absentes de l'en-tête : x, y."
    );
}

#[test]
fn entiers() {
    assert_eq!(entier_positif("1 250", "x").unwrap(), 1250);
    assert_eq!(entier_positif("", "x").unwrap(), 0);
    assert!(entier_positif("-3", "Jeunes")
        .unwrap_err()
        .contains("négatif"));
    assert!(entier_positif("douze", "Jeunes")
        .unwrap_err()
        .contains("nombre entier"));
}

#[test]
fn guillemets_separateurs_et_cellules_sur_plusieurs_lignes() {
    let t = lire(
        "\u{feff}nom;note\r\n\"DUPONT; Anne\";\"dit \"\"la patronne\"\"\"\r\n\r\n\
             MARTIN;\"ligne 1\r\nligne 2\"\r\nDURAND;fin\r\n"
            .as_bytes(),
    )
    .unwrap();
    assert_eq!((t.separateur, t.encodage), (';', "UTF-8"));
    assert_eq!(
        t.entetes,
        ["nom", "note"],
        "BOM retiré de la première colonne"
    );
    let vues: Vec<(usize, Vec<&str>)> = t
        .lignes
        .iter()
        .map(|l| (l.numero, l.valeurs.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        vues,
        [
            (2, vec!["DUPONT; Anne", "dit \"la patronne\""]),
            (4, vec!["MARTIN", "ligne 1\nligne 2"]),
            (6, vec!["DURAND", "fin"]),
        ]
    );
}

#[test]
fn tabulation_et_utf16_d_excel() {
    let mut octets = vec![0xFF, 0xFE];
    for u in "Nom\tPrénom\tVille\r\nLÉGER\tZélie\tLens, Liévin\r\n".encode_utf16() {
        octets.extend(u.to_le_bytes());
    }
    let t = lire(&octets).unwrap();
    assert_eq!((t.separateur, t.encodage), ('\t', "UTF-16"));
    assert_eq!(t.lignes[0].valeurs, ["LÉGER", "Zélie", "Lens, Liévin"]);
    assert!(t.format().contains("tabulation"));
}

#[test]
fn guillemet_jamais_ferme() {
    for (octets, ligne) in [
        (&b"a;b\n1;\"2\n"[..], 2),
        (b"a;b\n1;\"", 2),
        (b"a;b\n1;2\n3;\"x\"\"\n\n", 3),
        (b"\"a;b\n1;2\n", 1),
    ] {
        let e = lire(octets).unwrap_err();
        assert!(
            e.starts_with(&format!("Ligne {ligne} : guillemet ouvrant")),
            "{e}"
        );
    }
    for octets in [
        &b"a;b\n1;\"\"\n"[..],
        b"a;b\n1;\"\"",
        b"a;b\n1;\"x\"\"\"",
        b"a;b\n1;2\"\n",
        b"a;b\n1;\"2\"3\n",
    ] {
        assert!(lire(octets).is_ok(), "{}", String::from_utf8_lossy(octets));
    }
}

#[test]
fn ecriture_relue_a_l_identique() {
    let lignes = vec![
        vec!["nom".to_string(), "note".into()],
        vec!["DUPONT; Anne".into(), "dit \"la patronne\"".into()],
        Vec::new(),
        vec!["MARTIN".into(), "ligne 1\nligne 2".into(), String::new()],
    ];
    let s = ecrire(&lignes);
    assert_eq!(
        s,
        "\u{feff}nom;note\r\n\"DUPONT; Anne\";\"dit \"\"la patronne\"\"\"\r\n\r\n\
             MARTIN;\"ligne 1\nligne 2\";\r\n"
    );
    let t = lire(ecrire(&lignes[..2]).as_bytes()).unwrap();
    assert_eq!(t.entetes, lignes[0]);
    assert_eq!(t.lignes[0].valeurs, lignes[1]);
}
