//! Encodage décidé fichier par fichier, ligne « sep= », fins de ligne CR, LF et CRLF.

use crate::common::sans_nbsp;
use crate::hostile;
use passerelle_core::csv;

fn erreur(octets: &[u8]) -> String {
    sans_nbsp(&csv::lire(octets).unwrap_err()).replace('\u{202f}', " ")
}

#[test]
fn utf8_avec_ou_sans_bom_le_bom_n_est_jamais_un_nom_de_colonne() {
    for octets in [
        &b"\xEF\xBB\xBFnom;ville\nL\xC3\xA9ger;Lens\n"[..],
        b"nom;ville\nL\xC3\xA9ger;Lens\n",
    ] {
        let t = csv::lire(octets).unwrap();
        assert_eq!((t.entetes[0].as_str(), t.encodage), ("nom", "UTF-8"));
        assert_eq!(t.lignes[0].valeurs, ["Léger", "Lens"]);
        assert_eq!(t.colonnes(&["nom"]).unwrap(), [0]);
    }
}

#[test]
fn texte_unicode_d_excel_utf16_le_et_be() {
    let t = csv::lire(&hostile("texte-unicode.txt")).unwrap();
    assert_eq!((t.separateur, t.encodage), ('\t', "UTF-16"));
    assert_eq!(t.entetes[0], "civilite");
    assert_eq!(t.lignes[0].valeurs[1], "Noël");
    let mut be = vec![0xFE, 0xFF];
    for u in "nom\tville\r\nNoël\tLens\r\n".encode_utf16() {
        be.extend(u.to_be_bytes());
    }
    assert_eq!(csv::lire(&be).unwrap().lignes[0].valeurs, ["Noël", "Lens"]);
}

#[test]
fn bom_et_octet_invalide_est_une_erreur_qui_nomme_la_ligne() {
    let e = erreur(&hostile("bom-octet-invalide.csv"));
    assert!(
        e.starts_with("Ligne 2 : caractère invalide") && e.contains("UTF-8"),
        "{e}"
    );
}

#[test]
fn windows_1252_seulement_s_il_est_plausible() {
    let t = csv::lire(b"nom;ville\nL\xC9GER;Li\xE9vin \x80\n").unwrap();
    assert_eq!(t.encodage, "Windows-1252");
    assert_eq!(t.lignes[0].valeurs, ["LÉGER", "Liévin €"]);
    let attendu = "Le fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 » depuis le tableur.";
    assert_eq!(erreur(&hostile("ni-utf8-ni-1252.csv")), attendu);
    // Caractère de contrôle : pas un texte Windows-1252.
    assert_eq!(erreur(b"nom;ville\nL\xC9GER;\x07\n"), attendu);
}

#[test]
fn octet_nul_refuse_avec_sa_ligne() {
    let e = erreur(&hostile("octets-nuls.csv"));
    assert!(e.starts_with("Ligne 2 : octet nul"), "{e}");
    let e = erreur(b"a;b\r1;2\r3;\x004\r");
    assert!(e.starts_with("Ligne 3 : octet nul"), "{e}");
}

#[test]
fn ligne_sep_d_excel() {
    for (octets, sep) in [
        (&b"sep=;\r\nnom;ville\r\nDupont, Anne;Lens\r\n"[..], ';'),
        (b"sep=,\nnom,ville\n\"Dupont; Anne\",Lens\n", ','),
        (b"\"sep=\t\"\nnom\tville\nDupont;Anne\tLens\n", '\t'),
    ] {
        let t = csv::lire(octets).unwrap();
        assert_eq!(t.separateur, sep);
        assert_eq!(t.entetes, ["nom", "ville"]);
        assert_eq!(t.lignes[0].numero, 3, "la ligne « sep= » compte");
        assert_eq!(t.lignes[0].valeurs[1], "Lens");
    }
    let e = erreur(b"sep=;\nnom;ville\nDupont;Lens;en trop\n");
    assert!(e.starts_with("Ligne 3 :"), "{e}");
}

#[test]
fn fins_de_ligne_cr_lf_et_crlf() {
    for fin in ["\r", "\n", "\r\n"] {
        let texte = ["nom;note", "Dupont;\"deux", "lignes\"", "", "Martin;x", ""].join(fin);
        let t = csv::lire(texte.as_bytes()).unwrap();
        let vues: Vec<(usize, &str)> = t
            .lignes
            .iter()
            .map(|l| (l.numero, l.valeurs[1].as_str()))
            .collect();
        assert_eq!(vues, [(2, "deux\nlignes"), (5, "x")], "{fin:?}");
    }
    let t = csv::lire(&hostile("fins-cr.csv")).unwrap();
    assert_eq!(t.lignes.len(), 1);
    let e = erreur(b"a;b\r1;2\r3;4;5\r");
    assert!(e.starts_with("Ligne 3 : 3 valeurs"), "{e}");
}

#[test]
fn guillemet_ouvert_et_classeur_donne_pour_un_csv() {
    let e = erreur(&hostile("guillemet-ouvert.csv"));
    assert!(e.starts_with("Ligne 2 : guillemet ouvrant"), "{e}");
    let e = erreur(&hostile("pas-un-classeur.zip"));
    assert!(e.contains("pas un CSV"), "{e}");
}
